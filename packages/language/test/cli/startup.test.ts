import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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

describe('start-up stays light', () => {
    test('the hook sees modules, and would see the LSP layer if it were loaded (control)', () => {
        const { status, urls, stderr } = loadedModules([], "await import('langium/lsp');");
        expect(status, stderr).toBe(0);
        expect(urls.some(u => /\/node_modules\/vscode-languageserver\//.test(u))).toBe(true);
        expect(urls.some(u => /\/node_modules\/langium\/lib\/lsp\//.test(u))).toBe(true);
    });

    test('summary loads neither vscode-languageserver nor langium/lib/lsp', () => {
        const { status, urls, stderr } = loadedModules(['summary', 'examples/inception.conv', '--format', 'json']);
        expect(status, stderr).toBe(0);
        // The log is live: it saw the CLI and Langium's core.
        expect(urls.some(u => u.endsWith('/out/cli/main.js'))).toBe(true);
        expect(urls.some(u => /\/node_modules\/langium\/lib\/workspace\//.test(u))).toBe(true);
        expect(urls.filter(isLspModule)).toEqual([]);
    });

    test('--version loads no command and no Langium: each command is imported when it runs', () => {
        const { status, urls, stderr } = loadedModules(['--version']);
        expect(status, stderr).toBe(0);
        expect(urls.some(u => u.endsWith('/out/cli/main.js'))).toBe(true);
        expect(urls.filter(u => /\/node_modules\/(langium|chevrotain|vscode-)/.test(u))).toEqual([]);
        expect(urls.filter(u => /\/out\/cli\/[a-z-]+-command\.js$/.test(u))).toEqual([]);
    });

    test('check loads neither vscode-languageserver nor langium/lib/lsp', () => {
        const { status, urls, stderr } = loadedModules(['check', 'examples/inception.conv']);
        expect(status, stderr).toBe(0);
        expect(urls.length).toBeGreaterThan(0);
        expect(urls.filter(isLspModule)).toEqual([]);
    });
});
