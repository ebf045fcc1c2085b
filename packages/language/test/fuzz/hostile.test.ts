/**
 * Hostile files through the real entry points: the CLI's `main` in process
 * (check on every input, and in turn summary, annotate, draw, export and
 * fix --dry-run), the language server's providers in process (diagnostics,
 * hints, hover, code actions, symbols), and a few dozen real CLI processes,
 * special files among them. Nothing may throw, exit 2 on a regular file, emit
 * a code outside the registry, or let Langium's catch-all ("An error
 * occurred…") stand in for a diagnostic.
 *
 * `pnpm fuzz` runs the same with CONVSPEC_FUZZ_COUNT=100000 (and a seed of its
 * own with CONVSPEC_FUZZ_SEED); the suite runs 2,000.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, test, vi, type MockInstance } from 'vitest';
import { ISSUE_CODES } from '../../src/diagnostics/codes.js';
import { BIN, cli } from '../cli/cli-harness.js';
import { InProcessSession } from '../lsp/in-process.js';
import { WHOLE } from '../lsp/editor-session.js';
import { rng } from '../pytorch/corpus.js';
import { hostileInput } from './hostile-inputs.js';

const COUNT = Number(process.env.CONVSPEC_FUZZ_COUNT ?? 2000);
const SEED = Number(process.env.CONVSPEC_FUZZ_SEED ?? 10);
/**
 * An input that takes more CPU time than this through both entry points is
 * reported: a hang in the making. CPU time, not wall time, so that a busy
 * machine does not fail the run; a wall time past WAIT_MS (a wait on
 * something that never comes) is reported too.
 */
const SLOW_CPU_MS = 10_000;
const WAIT_MS = 60_000;
const PROGRESS = process.env.CONVSPEC_FUZZ_PROGRESS === '1';
const REGISTERED = new Set<string>(ISSUE_CODES);
const COMMANDS = [
    ['summary', 'f.conv', '--format', 'json'],
    ['annotate', 'f.conv'],
    ['draw', 'f.conv', '--format', 'html'],
    ['export', 'f.conv', '--to', 'pytorch'],
    ['fix', 'f.conv', '--dry-run'],
    ['check', 'f.conv', '--format', 'github'],
    ['inputs', 'f.conv', '--range', '1..64'],
    ['diff', 'f.conv', 'f.conv', '--format', 'json']
];

let dir: string;
let session: InProcessSession;
let consoleError: MockInstance;
beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'convspec-fuzz-'));
    session = await InProcessSession.start();
    // Langium logs an exception in a check before turning it into a diagnostic; the diagnostic is what is checked.
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(async () => {
    consoleError.mockRestore();
    await session.stop();
    rmSync(dir, { recursive: true, force: true });
});

/** What is wrong with a run's diagnostics: unregistered codes and Langium's catch-all. */
function badDiagnostics(diagnostics: readonly { code?: unknown; message: string }[]): string[] {
    return diagnostics.flatMap(d => {
        if (/An error occurred/.test(d.message)) return [`catch-all diagnostic: ${d.message.slice(0, 200)}`];
        if (!REGISTERED.has(String(d.code))) return [`unregistered code ${String(d.code)}`];
        return [];
    });
}

/** Every other input is checked (JSON, whose codes are verified); the others go through the other commands in turn. */
async function throughCli(index: number): Promise<string[]> {
    const args = index % 2 === 0 ? ['check', 'f.conv', '--format', 'json'] : COMMANDS[(index >> 1) % COMMANDS.length];
    const run = await cli(args, { cwd: dir, mayShowJavaScriptValues: true });
    // `fix` refuses a file that is not UTF-8 rather than rewrite its bytes: that refusal is exit 2 by design.
    const refusedEncoding = args[0] === 'fix' && run.status === 2 && /: it is not UTF-8 text/.test(run.stderr);
    // `inputs` and `diff` need a network, and `diff` of a file with several needs its name: a usage error.
    const noNetworkToName = run.status === 2 && /^convspec: (no network in|f\.conv has \d+ networks)/.test(run.stderr);
    if (run.status !== 0 && run.status !== 1 && !refusedEncoding && !noNetworkToName)
        return [`${args[0]} exited ${run.status}: ${run.stderr.slice(0, 300)}`];
    if (args.includes('json') && args[0] === 'check') return badDiagnostics(JSON.parse(run.stdout).diagnostics);
    // eslint-disable-next-line no-control-regex -- raw control characters must not reach a terminal or a CI log
    if (args[0] === 'check' && /[\u0000-\u0009\u000b-\u001f\u007f]/.test(run.stdout)) return ['raw control character in github output'];
    return [];
}

async function throughServer(uri: string, text: string, index: number): Promise<string[]> {
    const diagnostics = await session.change(uri, text);
    const problems = badDiagnostics(diagnostics);
    const r = rng(index);
    const lines = text.split('\n');
    const line = Math.floor(r() * lines.length);
    const position = { line, character: Math.floor(r() * ((lines[line]?.length ?? 0) + 1)) };
    await session.hints(uri, WHOLE);
    await session.hover(uri, position);
    await session.actions(uri, { start: position, end: position }, diagnostics.slice(0, 5));
    await session.symbols(uri);
    return problems;
}

test(
    `${COUNT.toLocaleString('en-US')} hostile files (seed ${SEED}): no internal error, only registered codes`,
    async () => {
        const failures: string[] = [];
        const kinds = new Map<string, number>();
        const { uri } = await session.open('', 'fuzz.conv');
        for (let i = 0; i < COUNT; i++) {
            const input = hostileInput(SEED, i);
            kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
            writeFileSync(path.join(dir, 'f.conv'), input.bytes);
            let problems: string[];
            const started = performance.now();
            const cpuBefore = process.cpuUsage();
            try {
                problems = [...(await throughCli(i)), ...(await throughServer(uri, new TextDecoder().decode(input.bytes), i))];
            } catch (e) {
                problems = [`threw ${(e as Error)?.stack?.slice(0, 500) ?? String(e)}`];
            }
            const cpu = process.cpuUsage(cpuBefore);
            const cpuMs = (cpu.user + cpu.system) / 1000;
            const ms = performance.now() - started;
            if (cpuMs > SLOW_CPU_MS || ms > WAIT_MS)
                problems.push(`took ${Math.round(cpuMs)} ms CPU, ${Math.round(ms)} ms (${input.bytes.length} bytes)`);
            if (PROGRESS && i % 1000 === 0) console.log(`fuzz: ${i} inputs, ${failures.length} failures`);
            for (const p of problems) {
                failures.push(`seed ${SEED} input ${i} (${input.kind}): ${p}`);
                if (PROGRESS) console.log(`fuzz: FAILURE ${failures[failures.length - 1]}`);
            }
            if (failures.length >= 20) break;
        }
        // Every kind of input was generated.
        expect([...kinds.keys()].sort()).toEqual([
            'deep nesting',
            'hostile import',
            'hostile number',
            'mutated example',
            'odd encoding',
            'token soup',
            'wide'
        ]);
        expect(failures).toEqual([]);
    },
    Math.max(120_000, COUNT * 200)
);

/** Runs the built CLI as a process; resolves with its exit code and output. */
function runProcess(args: readonly string[], cwd: string): Promise<{ status: number | null; stderr: string; stdout: string }> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', d => (stdout += d));
        child.stderr.on('data', d => (stderr += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.on('close', status => {
            clearTimeout(timer);
            resolve({ status, stdout, stderr });
        });
    });
}

test('real processes: 16 hostile files and 8 special files, each a normal exit with no internal error', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'convspec-fuzz-proc-'));
    try {
        const runs: [string[], readonly number[]][] = [];
        for (let i = 0; i < 16; i++) {
            writeFileSync(path.join(root, `h${i}.conv`), hostileInput(SEED + 1, i).bytes);
            runs.push([
                ['check', `h${i}.conv`],
                [0, 1]
            ]);
        }
        execFileSync('mkfifo', [path.join(root, 'fifo.conv')]);
        symlinkSync('loop.conv', path.join(root, 'loop.conv'));
        symlinkSync('/nonexistent/x.conv', path.join(root, 'dangling.conv'));
        for (const special of [
            'fifo.conv',
            'loop.conv',
            'dangling.conv',
            '/dev/null',
            '/dev/zero',
            '/dev/urandom',
            '/proc/self/mem',
            '.'
        ]) {
            // `.` holds the FIFO, the loop and the dangling link: named or skipped, the rest still checked.
            runs.push([['check', special], special === '.' ? [1, 2] : [2]]);
        }
        // Two at a time: the machine has two cores.
        for (let k = 0; k < runs.length; k += 2) {
            const batch = runs.slice(k, k + 2);
            const results = await Promise.all(batch.map(([args]) => runProcess(args, root)));
            results.forEach((result, j) => {
                const [args, allowed] = batch[j];
                expect(result.stderr, args.join(' ')).not.toMatch(/internal error|^\s+at /m);
                expect(allowed, `${args.join(' ')} exited ${result.status}: ${result.stderr}`).toContain(result.status);
            });
        }
    } finally {
        rmSync(root, { recursive: true, force: true });
    }
}, 300_000);
