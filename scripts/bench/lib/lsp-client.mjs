/**
 * The real language server in a child process, and just enough of an LSP
 * client to drive it over stdio as an editor does. Shared by the server
 * benchmarks (server.mjs, server-scale.mjs).
 *
 * BENCH_SERVER runs another build of the server (an older one, or a bundle);
 * BENCH_SERVER_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, passes
 * options to Node before the server script; BENCH_TIMEOUT_MS bounds each wait
 * (default 150 s).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PACKAGE = path.join(ROOT, 'packages/language');
export const SERVER = process.env.BENCH_SERVER ?? path.join(PACKAGE, 'bin/convspec-language-server.js');
export const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 150_000);

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** The real server process and just enough of an LSP client to drive it. */
export class Server {
    /** `nodeArgs`: options for Node before the server script. */
    constructor(nodeArgs = []) {
        this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-bench-'));
        // BENCH_SERVER_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the server.
        const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
        this.process = spawn(process.execPath, [...nodeArgs, ...extra, SERVER, '--stdio'], { cwd: this.dir });
        this.buffer = Buffer.alloc(0);
        this.nextId = 1;
        this.pending = new Map();
        /** Latest published diagnostics by uri, and waiters for a condition on them. */
        this.diagnostics = new Map();
        this.publications = new Map();
        this.waiters = [];
        this.stderr = '';
        this.process.stdout.on('data', chunk => this.receive(chunk));
        this.process.stderr.on('data', chunk => (this.stderr += chunk));
        this.process.on('exit', code => {
            for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}): ${this.stderr}`));
        });
    }

    receive(chunk) {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const end = this.buffer.indexOf('\r\n\r\n');
            if (end < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
            if (this.buffer.length < end + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
            this.buffer = this.buffer.subarray(end + 4 + length);
            this.dispatch(message);
        }
    }

    dispatch(message) {
        if (message.id !== undefined && message.method === undefined) {
            const p = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (message.error) p?.reject(new Error(message.error.message));
            else p?.resolve(message.result);
        } else if (message.method === 'textDocument/publishDiagnostics') {
            const { uri, diagnostics } = message.params;
            this.diagnostics.set(uri, diagnostics);
            this.publications.set(uri, (this.publications.get(uri) ?? 0) + 1);
            for (const w of [...this.waiters]) {
                if (w.uri === uri && w.accept(diagnostics)) {
                    this.waiters.splice(this.waiters.indexOf(w), 1);
                    w.resolve(performance.now());
                }
            }
        } else if (message.id !== undefined) {
            // A request from the server (configuration, registration): answer as a plain editor.
            const result = message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null;
            this.write({ jsonrpc: '2.0', id: message.id, result });
        }
    }

    write(message) {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    }

    request(method, params) {
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.write({ jsonrpc: '2.0', id, method, params });
        });
    }

    notify(method, params) {
        this.write({ jsonrpc: '2.0', method, params });
    }

    /** Resolves with the time diagnostics satisfying `accept` arrive for `uri` (undefined after the timeout). */
    diagnosticsWhere(uri, accept, ms = TIMEOUT_MS) {
        return new Promise(resolve => {
            const waiter = { uri, accept, resolve };
            this.waiters.push(waiter);
            setTimeout(() => {
                const k = this.waiters.indexOf(waiter);
                if (k >= 0) {
                    this.waiters.splice(k, 1);
                    resolve(undefined);
                }
            }, ms).unref();
        });
    }

    async start() {
        const root = pathToFileURL(this.dir).toString();
        await this.request('initialize', {
            processId: process.pid,
            rootUri: root,
            workspaceFolders: [{ uri: root, name: 'bench' }],
            capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } }, workspace: { configuration: true } }
        });
        this.notify('initialized', {});
        return this;
    }

    uri(name) {
        return pathToFileURL(path.join(this.dir, name)).toString();
    }

    /** Opens a document (not on disk), waits for its first diagnostics and resolves with the milliseconds they took. */
    async open(uri, text) {
        const published = this.diagnosticsWhere(uri, () => true);
        const sent = performance.now();
        this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'conv', version: 1, text } });
        const arrived = await published;
        if (arrived === undefined) throw new Error(`no diagnostics for ${uri} within ${TIMEOUT_MS} ms`);
        return arrived - sent;
    }

    /** Replaces one whole line, as an incremental didChange. */
    replaceLine(uri, version, line, oldText, newText) {
        this.notify('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: oldText.length } }, text: newText }]
        });
    }

    /** Replaces the `length` characters at `line`:`character` with `text`, as an incremental didChange. */
    replaceText(uri, version, line, character, length, text) {
        this.notify('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line, character }, end: { line, character: character + length } }, text }]
        });
    }

    close(uri) {
        this.notify('textDocument/didClose', { textDocument: { uri } });
    }

    /** Resident set size of the server process, in MB (Linux). */
    rssMb() {
        const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
    }

    async stop() {
        await Promise.race([this.request('shutdown', null).catch(() => undefined), sleep(2000)]);
        this.notify('exit', null);
        await sleep(200);
        this.process.kill();
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}
