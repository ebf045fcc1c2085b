/**
 * Runs the built CLI (bin/convspec.js → dist/convspec.cjs) as a separate Node
 * process, the way a user or CI does. Build first: `npm run build` at the
 * repository root.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main.js';
import { expectNoLeak } from '../message-check.js';

export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_ROOT = path.resolve(PACKAGE_DIR, '../..');
export const BIN = path.join(PACKAGE_DIR, 'bin', 'convspec.js');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

if (!existsSync(path.join(PACKAGE_DIR, 'dist', 'convspec.cjs'))) {
    throw new Error(`${PACKAGE_DIR}dist/convspec.cjs is missing: run \`npm run build\` in ${REPO_ROOT} before the CLI tests`);
}

/** The processes' code cache (bin/cached-bundle.js) goes to a folder of the test run's, not the user's. */
const CODE_CACHE = mkdtempSync(path.join(os.tmpdir(), 'convspec-code-cache-'));
afterAll(() => rmSync(CODE_CACHE, { recursive: true, force: true }));

export interface RunResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

export interface RunOptions {
    /** Working folder; the repository root by default (so paths print as `examples/…`). */
    readonly cwd?: string;
    readonly env?: NodeJS.ProcessEnv;
    /** Extra arguments for `node` itself, before the script. */
    readonly nodeArgs?: readonly string[];
    /** The test's own file names or text contain `undefined`, `NaN` or `[object Object]`, so the output may too. */
    readonly mayShowJavaScriptValues?: boolean;
}

export function run(args: readonly string[], options: RunOptions = {}): RunResult {
    const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, NO_COLOR: '1', CONVSPEC_CACHE_DIR: CODE_CACHE, ...options.env },
        encoding: 'utf8',
        timeout: 30_000,
        maxBuffer: 64 * 1024 * 1024
    });
    if (result.error) throw result.error;
    if (options.mayShowJavaScriptValues !== true) {
        expectNoLeak(result.stdout, `stdout of convspec ${args.join(' ')}`);
        expectNoLeak(result.stderr, `stderr of convspec ${args.join(' ')}`);
    }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The CLI in this process: `main` with a context that collects what it
 * writes, as `bin/convspec.js` runs it (an exception is an internal error,
 * exit 2). No process to start, so most CLI tests use this; `run` remains
 * for what only a process shows (exit codes as the shell sees them, module
 * loading, stdin and signals).
 */
export async function cli(args: readonly string[], options: Pick<RunOptions, 'cwd' | 'mayShowJavaScriptValues'> = {}): Promise<RunResult> {
    let stdout = '';
    let stderr = '';
    const context = { cwd: options.cwd ?? REPO_ROOT, stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
    let status: number;
    try {
        status = await main([...args], context);
    } catch (error) {
        stderr += `convspec: internal error: ${(error as Error)?.stack ?? String(error)}\n`;
        status = 2;
    }
    if (options.mayShowJavaScriptValues !== true) {
        expectNoLeak(stdout, `stdout of convspec ${args.join(' ')}`);
        expectNoLeak(stderr, `stderr of convspec ${args.join(' ')}`);
    }
    return { status, stdout, stderr };
}

/** A fresh folder under the OS temp dir, with the given files (relative path → content). */
export function tempTree(files: Record<string, string | Buffer>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'convspec-cli-'));
    for (const [rel, content] of Object.entries(files)) {
        const full = path.join(dir, rel);
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, content);
    }
    return dir;
}

export function removeTree(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
}

/** `tempTree` for one test file: call it at the top of the file; every folder it makes is removed after the file's tests. */
export function tempTreesOfThisFile(): (files: Record<string, string | Buffer>) => string {
    const made: string[] = [];
    afterAll(() => made.forEach(removeTree));
    return files => {
        const dir = tempTree(files);
        made.push(dir);
        return dir;
    };
}

export function readExample(rel: string): string {
    return readFileSync(path.join(EXAMPLES, rel), 'utf8');
}

/** No Node stack trace (`    at fn (file:line:col)`) and no internal-error banner. */
export function expectNoStackTrace(stderr: string): void {
    if (/^\s+at .+[:(]\d+:\d+\)?$/m.test(stderr) || /internal error/i.test(stderr)) {
        throw new Error(`stderr has a stack trace or internal error:\n${stderr}`);
    }
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, from = 0): { line: number; column: number; offset: number } {
    const offset = text.indexOf(needle, from);
    if (offset < 0) throw new Error(`"${needle}" not found`);
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1, offset };
}

/** The 1-based numbers of the lines of `text` that contain `needle`. */
export function linesOf(text: string, needle: string): number[] {
    return text.split(/\r?\n/).flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
}

/** The 1-based number of the only line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
    const lines = text
        .split(/\r?\n/)
        .map((l, i) => [l, i + 1] as const)
        .filter(([l]) => l.includes(needle));
    if (lines.length !== 1) throw new Error(`"${needle}" is on ${lines.length} lines, expected 1`);
    return lines[0][1];
}

/** RFC 4180 CSV → rows of cells. */
export function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (c === '"') quoted = false;
            else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') {
            row.push(cell);
            cell = '';
        } else if (c === '\r' && text[i + 1] === '\n') {
            /* CRLF: the \n ends the row */
        } else if (c === '\n') {
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
        } else cell += c;
    }
    if (cell !== '' || row.length > 0) {
        row.push(cell);
        rows.push(row);
    }
    return rows;
}
