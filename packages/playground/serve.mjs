// Serves dist/ on localhost and prints the URL: a static server and nothing
// else (the page needs none; any static host serves the same folder).
//   node serve.mjs [--port N]     (default 8080, or PORT; 0 picks a free port;
//                                  without either, a busy 8080 falls back to a free port)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.ttf': 'font/ttf',
    '.txt': 'text/plain; charset=utf-8',
    '.map': 'application/json'
};

/** Starts the server; resolves to it and its URL once it listens. */
export function servePlayground(port = 8080, host = '127.0.0.1') {
    const server = createServer(async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const name = decodeURIComponent(url.pathname) === '/' ? 'index.html' : decodeURIComponent(url.pathname).slice(1);
        const file = path.join(DIST, name);
        const type = TYPES[path.extname(file)];
        // dist/ is flat: anything with a folder in it, or of a kind the build never writes, is not there.
        if (req.method !== 'GET' || name.includes('/') || name.includes('\\') || !type) {
            res.writeHead(404).end();
            return;
        }
        try {
            const body = await readFile(file);
            res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
            res.end(body);
        } catch {
            res.writeHead(404).end();
        }
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            const address = server.address();
            resolve({ server, url: `http://${host}:${address.port}/` });
        });
    });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const flag = process.argv.indexOf('--port');
    const chosen = flag >= 0 ? process.argv[flag + 1] : process.env.PORT;
    const port = Number(chosen ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`convspec playground: not a port: ${chosen}`);
        process.exit(2);
    }
    const { url } = await servePlayground(port).catch(error => {
        if (error.code === 'EADDRINUSE' && chosen === undefined) return servePlayground(0);
        throw error;
    });
    console.log(`convspec playground: ${url}  (Ctrl+C stops it)`);
}
