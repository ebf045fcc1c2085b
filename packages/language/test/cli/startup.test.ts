import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { FIXTURES, PACKAGE_DIR, removeTree, run, tempTree } from './cli-harness.js';

const HOOK = path.join(FIXTURES, 'hook-register.mjs');
const temps: string[] = [];
afterAll(() => temps.forEach(removeTree));

/** Every module URL resolved while `node --import hook-register.mjs …args` runs. */
function loadedModules(args: readonly string[], script?: string): { status: number | null; urls: string[]; stderr: string } {
    const dir = tempTree({});
    temps.push(dir);
    const log = path.join(dir, 'resolved.txt');
    const env = { CONVSPEC_RESOLVE_LOG: log };
    let status: number | null;
    let stderr: string;
    if (script === undefined) {
        ({ status, stderr } = run(args, { nodeArgs: ['--import', pathToFileURL(HOOK).href], env }));
    } else {
        const r = spawnSync(process.execPath, ['--import', pathToFileURL(HOOK).href, '--input-type=module', '-e', script], {
            cwd: PACKAGE_DIR,
            env: { ...process.env, ...env },
            encoding: 'utf8',
            timeout: 30_000
        });
        status = r.status;
        stderr = r.stderr;
    }
    let text = '';
    try {
        text = readFileSync(log, 'utf8');
    } catch {
        /* nothing logged */
    }
    return {
        status,
        stderr,
        urls: text
            .split('\n')
            .filter(Boolean)
            .map(l => l.replace(/^(esm|cjs) /, ''))
    };
}

/** The LSP server library (`vscode-languageserver` itself, not -types/-protocol/-textdocument) or Langium's LSP layer. */
const isLspModule = (url: string) => /\/node_modules\/vscode-languageserver\//.test(url) || /\/node_modules\/langium\/lib\/lsp\//.test(url);

/** `main` from out/ (the unbundled build): which modules a command pulls in, as the bundle's lazy imports mirror them. */
const mainScript = (args: readonly string[]) =>
    `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(PACKAGE_DIR, 'out/cli/main.js')).href)});` +
    `process.exitCode = await main(${JSON.stringify(args)}, { cwd: process.cwd(), stdout() {}, stderr: t => process.stderr.write(t) });`;

describe('start-up stays light', () => {
    test('the hook sees modules, and would see the LSP layer if it were loaded (control)', () => {
        const { status, urls, stderr } = loadedModules([], "await import('langium/lsp');");
        expect(status, stderr).toBe(0);
        expect(urls.some(u => /\/node_modules\/vscode-languageserver\//.test(u))).toBe(true);
        expect(urls.some(u => /\/node_modules\/langium\/lib\/lsp\//.test(u))).toBe(true);
    });

    test('the bin reads two modules of its own and the bundle, nothing from node_modules or out/', () => {
        for (const args of [['--version'], ['summary', 'examples/inception.conv']]) {
            const { status, urls, stderr } = loadedModules(args);
            expect(status, stderr).toBe(0);
            const files = urls.filter(u => u.startsWith('file:')).map(u => path.relative(PACKAGE_DIR, fileURLToPath(u)));
            expect(new Set(files)).toEqual(new Set(['bin/convspec.js', 'bin/cached-bundle.js']));
        }
    });

    test('summary loads neither vscode-languageserver nor langium/lib/lsp', () => {
        const { status, urls, stderr } = loadedModules([], mainScript(['summary', '../../examples/inception.conv', '--format', 'json']));
        expect(status, stderr).toBe(0);
        // The log is live: it saw the CLI and Langium's core.
        expect(urls.some(u => u.endsWith('/out/cli/main.js'))).toBe(true);
        expect(urls.some(u => /\/node_modules\/langium\/lib\/workspace\//.test(u))).toBe(true);
        expect(urls.filter(isLspModule)).toEqual([]);
    });

    test('--version loads no command and no Langium: each command is imported when it runs', () => {
        const { status, urls, stderr } = loadedModules([], mainScript(['--version']));
        expect(status, stderr).toBe(0);
        expect(urls.some(u => u.endsWith('/out/cli/main.js'))).toBe(true);
        expect(urls.filter(u => /\/node_modules\/(langium|chevrotain|vscode-)/.test(u))).toEqual([]);
        expect(urls.filter(u => /\/out\/cli\/[a-z-]+-command\.js$/.test(u))).toEqual([]);
    });

    test('check loads neither vscode-languageserver nor langium/lib/lsp', () => {
        const { status, urls, stderr } = loadedModules([], mainScript(['check', '../../examples/inception.conv']));
        expect(status, stderr).toBe(0);
        expect(urls.length).toBeGreaterThan(0);
        expect(urls.filter(isLspModule)).toEqual([]);
    });
});

describe("the bundle's code cache", () => {
    const summary = ['summary', 'examples/seed.conv'];

    test('the first run stores it, the next runs use it and leave it as it is', () => {
        const cache = tempTree({});
        temps.push(cache);
        const first = run(summary, { env: { CONVSPEC_CACHE_DIR: cache } });
        expect(first.status, first.stderr).toBe(0);
        const [file] = readdirSync(cache);
        expect(file).toMatch(/\.v8cache$/);
        const stored = statSync(path.join(cache, file));
        const second = run(summary, { env: { CONVSPEC_CACHE_DIR: cache } });
        expect(second).toEqual(first);
        // Written only when missing or rejected by V8: an unchanged file means V8 accepted it.
        expect(statSync(path.join(cache, file)).mtimeMs).toBe(stored.mtimeMs);
        expect(readdirSync(cache)).toEqual([file]);
    });

    test('a damaged cache is rejected and replaced, and the output does not change', () => {
        const cache = tempTree({});
        temps.push(cache);
        const clean = run(summary, { env: { CONVSPEC_CACHE_DIR: cache } });
        const [file] = readdirSync(cache);
        const bytes = readFileSync(path.join(cache, file));
        writeFileSync(path.join(cache, file), Buffer.concat([bytes.subarray(0, 64), Buffer.alloc(bytes.length - 64, 0x5a)]));
        const damaged = run(summary, { env: { CONVSPEC_CACHE_DIR: cache } });
        expect(damaged).toEqual(clean);
        expect(readFileSync(path.join(cache, file)).equals(bytes)).toBe(false);
        expect(
            readFileSync(path.join(cache, file))
                .subarray(64)
                .every(b => b === 0x5a)
        ).toBe(false);
    });

    test('an unwritable cache folder, or CONVSPEC_CODE_CACHE=0, only costs the compile', () => {
        const dir = tempTree({ 'not-a-folder': 'a file where the cache folder would be' });
        temps.push(dir);
        const reference = run(summary, { env: { CONVSPEC_CODE_CACHE: '0' } });
        expect(reference.status, reference.stderr).toBe(0);
        expect(run(summary, { env: { CONVSPEC_CACHE_DIR: path.join(dir, 'not-a-folder', 'cache') } })).toEqual(reference);
    });
});
