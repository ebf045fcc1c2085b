import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { BIN, expectNoStackTrace, REPO_ROOT, run, tempTreesOfThisFile } from './cli-harness.js';

const temp = tempTreesOfThisFile();

/** Valid except for one `padded-1x1` warning. */
const WARNING_ONLY = 'network W {\n  input 8x8x4\n  conv 8 1x1 pad 1\n}\n';
const CLEAN = 'network C {\n  input 8x8x4\n  conv 8 3x3 pad 1\n}\n';
const BROKEN = 'network B {\n  input 10x10x3\n  conv 16 3x3 stride 2\n}\n';

describe('check exit codes', () => {
    test('a clean file exits 0', () => {
        const r = run(['check', 'examples/inception.conv']);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/1 file checked: 0 errors, 0 warnings/);
    });

    test('examples/invalid exits 1', () => {
        const r = run(['check', 'examples/invalid']);
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('non-integer-output');
    });

    test('a missing path exits 2 with a clear one-line message and no stack trace', () => {
        const r = run(['check', 'examples/no-such-file.conv']);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^convspec: .*no-such-file\.conv.*\n$/);
        expect(r.stderr).toMatch(/no such file/i);
        expectNoStackTrace(r.stderr);
    });

    test.each([
        ['unknown option', ['check', 'examples/inception.conv', '--bogus'], /unknown option --bogus/],
        ['unknown command', ['frobnicate', 'examples/inception.conv'], /unknown command frobnicate/],
        [
            'unknown --format value for check',
            ['check', 'examples/inception.conv', '--format', 'xml'],
            /--format must be one of text, json, sarif, github/
        ],
        [
            'unknown --format value for summary',
            ['summary', 'examples/inception.conv', '--format=yaml'],
            /--format must be one of table, json, markdown, csv/
        ],
        ['non-numeric --max-warnings', ['check', 'examples/inception.conv', '--max-warnings', 'lots'], /--max-warnings/],
        ['--format without a value', ['check', 'examples/inception.conv', '--format'], /--format needs a value/]
    ])('%s exits 2', (_name, args, message) => {
        const r = run(args);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(message);
        expectNoStackTrace(r.stderr);
    });

    test('--max-warnings 0 turns a warning into exit 1; without it the warning alone exits 0', () => {
        const dir = temp({ 'warn.conv': WARNING_ONLY });
        const without = run(['check', 'warn.conv'], { cwd: dir });
        expect(without.stdout).toMatch(/^warn\.conv:3:\d+: warning padded-1x1 /m);
        expect(without.status).toBe(0);
        expect(run(['check', 'warn.conv', '--max-warnings', '0'], { cwd: dir }).status).toBe(1);
        expect(run(['check', 'warn.conv', '--max-warnings=1'], { cwd: dir }).status).toBe(0);
    });

    test('a folder is searched recursively for *.conv (other files ignored)', () => {
        const dir = temp({
            'top.conv': CLEAN,
            'sub/deeper/broken.conv': BROKEN,
            'sub/notes.txt': 'network X { input 10x10x3 conv 16 3x3 stride 2 }\n',
            'sub/spec.conv.bak': BROKEN
        });
        const r = run(['check', '.', '--format', 'json'], { cwd: dir });
        expect(r.status).toBe(1);
        const out = JSON.parse(r.stdout);
        expect([...out.files].sort()).toEqual(['sub/deeper/broken.conv', 'top.conv']);
        expect(out.diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`)).toEqual([
            'sub/deeper/broken.conv non-integer-output'
        ]);
    });

    test('a folder without .conv files is a usage error (exit 2)', () => {
        const dir = temp({ 'readme.txt': 'nothing here\n' });
        const r = run(['check', dir]);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/no \.conv files/);
        expectNoStackTrace(r.stderr);
    });
});

describe('a reader that goes away', () => {
    test('`convspec summary … | true`: the closed pipe ends the command quietly, exit 0', async () => {
        const child = spawn(process.execPath, [BIN, 'summary', 'examples/unet.conv'], { cwd: REPO_ROOT });
        let stderr = '';
        child.stderr.on('data', chunk => (stderr += chunk));
        // Close the pipe before anything is read, as `true` does.
        child.stdout.destroy();
        const status = await new Promise(resolve => child.on('close', resolve));
        expect(stderr).toBe('');
        expect(status).toBe(0);
    });
});
