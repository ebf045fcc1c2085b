/**
 * What 0.1 crashed or hung on (issue #10), through the CLI's entry function:
 * files that are not `.conv`, special files, output paths that cannot be
 * written, files far above the size limit, control characters in names and
 * import paths, symbolic links out of the workspace. Each gets one line
 * naming the file and the reason (exit 2) or a registered diagnostic — never
 * an internal error, never a hang.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { annotateSource } from '../../src/presentation/annotate.js';
import type { StatementHint } from '../../src/presentation/statement-hints.js';
import { MAX_TEXT_BYTES } from '../../src/parser/size-limit.js';
import { cli, expectNoStackTrace, tempTreesOfThisFile } from './cli-harness.js';

const temp = tempTreesOfThisFile();

const OK = 'network Ok {\n  input 8x8x3\n  conv 4 3x3\n}\n';
const ESC = '\u001b';

/** One line on stderr, `convspec: …`, naming `name` and matching `why`. */
function expectOneLine(stderr: string, name: string, why: RegExp): void {
    expectNoStackTrace(stderr);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^convspec: /);
    expect(lines[0]).toContain(name);
    expect(lines[0]).toMatch(why);
}

describe('files that are not .conv', () => {
    test('import "notes.txt" is an unresolved-import that says why, and a folder check reports every file', async () => {
        const dir = temp({
            'notes.txt': 'hello\n',
            'imp.conv': 'import "notes.txt"\nnetwork N {\n  input 8x8x3\n  relu\n}\n',
            'ok.conv': OK
        });
        const r = await cli(['check', '.', '--format', 'json'], { cwd: dir });
        expectNoStackTrace(r.stderr);
        expect(r.status).toBe(1);
        const out = JSON.parse(r.stdout);
        expect(out.files).toEqual(['imp.conv', 'ok.conv']);
        expect(out.diagnostics).toEqual([
            expect.objectContaining({
                file: 'imp.conv',
                line: 1,
                code: 'unresolved-import',
                message: expect.stringContaining('only .conv files')
            })
        ]);
    });

    test('check notes.txt and check /dev/null: one line each, exit 2', async () => {
        const dir = temp({ 'notes.txt': 'hello\n' });
        const txt = await cli(['check', 'notes.txt'], { cwd: dir });
        expect(txt.status).toBe(2);
        expectOneLine(txt.stderr, 'notes.txt', /not a \.conv file/);
        const devNull = await cli(['check', '/dev/null'], { cwd: dir });
        expect(devNull.status).toBe(2);
        expectOneLine(devNull.stderr, '/dev/null', /character device/);
    });

    test('/dev/urandom is refused before reading (0.1 read 1.18 GB)', async () => {
        const r = await cli(['summary', '/dev/urandom']);
        expect(r.status).toBe(2);
        expectOneLine(r.stderr, '/dev/urandom', /character device/);
    });
});

describe('special files', () => {
    test('a FIFO named on the command line is refused, not waited on', async () => {
        const dir = temp({});
        execFileSync('mkfifo', [path.join(dir, 'pipe.conv')]);
        for (const command of ['check', 'summary', 'annotate']) {
            const r = await cli([command, 'pipe.conv'], { cwd: dir });
            expect(r.status, command).toBe(2);
            expectOneLine(r.stderr, 'pipe.conv', /named pipe/);
        }
    });

    test('a folder check names the FIFO and an unreadable subfolder, and still checks the others', async () => {
        const dir = temp({ 'a.conv': OK, 'sub/b.conv': OK.replace('Ok', 'Ok2') });
        execFileSync('mkfifo', [path.join(dir, 'pipe.conv')]);
        const r = await cli(['check', '.'], { cwd: dir });
        expect(r.status).toBe(2);
        expectNoStackTrace(r.stderr);
        expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^convspec: cannot read .*pipe\.conv: not a regular file$/)]);
        expect(r.stdout).toBe('2 files checked: 0 errors, 0 warnings, 0 info\n');
    });

    test('a file that vanished between listing and reading, and a missing one, are named; the rest is checked', async () => {
        const dir = temp({ 'a.conv': OK });
        const r = await cli(['check', 'a.conv', 'missing.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expectOneLine(r.stderr, 'missing.conv', /no such file/);
        expect(r.stdout).toBe('1 file checked: 0 errors, 0 warnings, 0 info\n');
    });
});

describe('output files', () => {
    test('-o into a missing folder or onto a folder: one line naming it, exit 2', async () => {
        const dir = temp({ 'ok.conv': OK });
        mkdirSync(path.join(dir, 'out.svg'));
        const cases: [string[], string, RegExp][] = [
            [['draw', 'ok.conv', '-o', 'nodir/x.svg'], 'nodir/x.svg', /folder does not exist/],
            [['draw', 'ok.conv', '-o', 'out.svg'], 'out.svg', /it is a folder/],
            [['export', 'ok.conv', '--to', 'pytorch', '-o', 'nodir/x.py'], 'nodir/x.py', /folder does not exist/]
        ];
        for (const [args, name, why] of cases) {
            const r = await cli(args, { cwd: dir });
            expect(r.status, args.join(' ')).toBe(2);
            expectOneLine(r.stderr, name, why);
        }
    });
});

describe('size', () => {
    test(`a file over ${MAX_TEXT_BYTES.toLocaleString('en-US')} bytes is refused with one file-too-large error`, async () => {
        const dir = temp({});
        // 1 GB, sparse: 0.1 would have read all of it.
        const fd = openSync(path.join(dir, 'huge.conv'), 'w');
        ftruncateSync(fd, 1_000_000_000);
        closeSync(fd);
        const r = await cli(['check', 'huge.conv', '--format', 'json'], { cwd: dir });
        expectNoStackTrace(r.stderr);
        expect(r.status).toBe(1);
        expect(JSON.parse(r.stdout).diagnostics).toEqual([
            expect.objectContaining({ line: 1, column: 1, code: 'file-too-large', message: expect.stringContaining('8,000,000 bytes') })
        ]);
    });

    test('fix refuses a file over the limit without reading it (it would only be file-too-large)', async () => {
        const dir = temp({});
        const fd = openSync(path.join(dir, 'huge.conv'), 'w');
        ftruncateSync(fd, 1_000_000_000);
        closeSync(fd);
        const r = await cli(['fix', 'huge.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expectOneLine(r.stderr, 'huge.conv', /larger than 8,000,000 bytes/);
        expect(statSync(path.join(dir, 'huge.conv')).size).toBe(1_000_000_000);
    });

    test('a file just over the limit in multi-byte characters is refused too (the limit counts bytes)', async () => {
        // 2,666,667 × 'é' (2 bytes each) is 5,333,334 bytes: under. 4,000,001 of them: over by 2 bytes, in fewer characters than the limit.
        const dir = temp({ 'under.conv': `// ${'é'.repeat(2_666_667)}\n`, 'over.conv': `//${'é'.repeat(4_000_000)}\n` });
        const under = await cli(['check', 'under.conv', '--format', 'json'], { cwd: dir });
        expect(JSON.parse(under.stdout).diagnostics).toEqual([]);
        const over = await cli(['check', 'over.conv', '--format', 'json'], { cwd: dir });
        expect(JSON.parse(over.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['file-too-large']);
    });

    test('annotate counts a lone CR as a line end, as the editor does (0.1 crashed on old Mac line ends)', async () => {
        const dir = temp({ 'mac.conv': 'network N {\r  input 8x8x3\r  conv 4 3x3\r}\r' });
        const r = await cli(['annotate', 'mac.conv'], { cwd: dir });
        expectNoStackTrace(r.stderr);
        expect(r.status).toBe(0);
        // (8 − 3)/1 + 1 = 6; 3·3·3·4 + 4 = 112 params
        expect(r.stdout.split('\r')).toEqual([
            'network N {',
            '  input 8x8x3  // → 8×8×3',
            '  conv 4 3x3   // → 6×6×4 · 112 params',
            '}',
            ''
        ]);
    });

    test('annotate aligns 200,000 hinted lines (0.1 spread them into Math.max and overflowed)', () => {
        const lines = 200_000;
        const text = 'relu\n'.repeat(lines);
        // The alignment reads only the position and the text of a hint.
        const hints = Array.from({ length: lines }, (_, line) => ({ line, character: 4, text: '→ 1×1×1' }) as StatementHint);
        const out = annotateSource(text, hints);
        expect(out.split('\n')[lines - 1]).toBe('relu  // → 1×1×1');
    });
});

describe('names that could become terminal or markup commands', () => {
    const title = `${ESC}]0;TITLE\u0007${ESC}[2J`;

    test('an import path with control characters is refused, and no raw control character reaches text or github output', async () => {
        const dir = temp({ 'n.conv': `import "${title}"\nnetwork N {\n  input 8x8x3\n  relu\n}\n` });
        for (const format of ['text', 'github']) {
            const r = await cli(['check', 'n.conv', '--format', format], { cwd: dir });
            expect(r.status).toBe(1);
            // eslint-disable-next-line no-control-regex -- what must not be there
            expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
            expect(r.stdout).toContain('the path contains a control character');
            expect(r.stdout).toContain('u001b]0;TITLE');
        }
    });

    test('a file name with control characters is escaped in text output', async () => {
        const name = `evil${ESC}[2J.conv`;
        // (8 − 3)/2 + 1 = 3.5: an error, so the name is printed.
        const dir = temp({ [name]: 'network N {\n  input 8x8x3\n  conv 4 3x3 stride 2\n}\n' });
        const r = await cli(['check', name], { cwd: dir });
        expect(r.status).toBe(1);
        expect(r.stdout).not.toContain(ESC);
        expect(r.stdout).toContain('evil\\x1b[2J.conv:3:');
    });

    test('backslash escapes in an import path are not interpreted (0.1 made \\n a newline, \\0 a NUL)', async () => {
        const dir = temp({ 'n.conv': 'import "a\\b\\n\\0.conv"\nnetwork N {\n  input 8x8x3\n  relu\n}\n' });
        const r = await cli(['check', 'n.conv', '--format', 'json'], { cwd: dir });
        const [d] = JSON.parse(r.stdout).diagnostics;
        expect(d.code).toBe('unresolved-import');
        expect(d.message).toContain('cannot import "a\\\\b\\\\n\\\\0.conv"');
    });

    test('summary --format markdown escapes the file name: no HTML, no new line', async () => {
        const name = '<img src=x onerror=alert(1)>\n# x.conv';
        const dir = temp({ [name]: OK });
        const r = await cli(['summary', name, '--format', 'markdown'], { cwd: dir });
        expect(r.status).toBe(0);
        const heading = r.stdout.split('\n')[0];
        // The newline is shown as the escape `\x0a`, its backslash escaped for Markdown.
        expect(heading).toBe('## Ok (\\<img src=x onerror=alert(1)\\>\\\\x0a\\# x.conv)');
        expect(r.stdout).not.toMatch(/(^|[^\\])</m); // every `<` escaped
    });
});

describe('symbolic links and the workspace root', () => {
    test('an import through a link to a file outside the root is unresolved, and the outside file is not read', async () => {
        const outside = temp({ 'evil.conv': 'block evil() { conv 4 1x1 }\n' });
        const dir = temp({ 'main.conv': 'import "lib.conv"\nnetwork N {\n  input 8x8x3\n  evil()\n}\n' });
        symlinkSync(path.join(outside, 'evil.conv'), path.join(dir, 'lib.conv'));
        const r = await cli(['check', 'main.conv', '--format', 'json'], { cwd: dir });
        expect(r.status).toBe(1);
        const codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code);
        expect(codes).toContain('unresolved-import');
        expect(codes).toContain('unknown-block');
    });

    test('a link inside the root to a file inside the root is not followed either (the server does not follow links)', async () => {
        const dir = temp({
            'real.conv': 'block b() { conv 4 1x1 }\n',
            'main.conv': 'import "lib/b.conv"\nnetwork N {\n  input 8x8x3\n  b()\n}\n'
        });
        mkdirSync(path.join(dir, 'lib'));
        symlinkSync(path.join(dir, 'real.conv'), path.join(dir, 'lib', 'b.conv'));
        const r = await cli(['check', 'main.conv', '--format', 'json'], { cwd: dir });
        expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('unresolved-import');
        writeFileSync(path.join(dir, 'lib', 'direct.conv'), 'block b() { conv 4 1x1 }\n');
        writeFileSync(path.join(dir, 'main.conv'), 'import "lib/direct.conv"\nnetwork N {\n  input 8x8x3\n  b()\n}\n');
        const direct = await cli(['check', 'main.conv'], { cwd: dir });
        expect(direct.status).toBe(0);
    });
});

describe('messages stay small', () => {
    test("a parser error lists what it expected on one line, not Langium's 28 numbered alternatives", async () => {
        const dir = temp({ 'n.conv': 'network N {\n  input 8x8x3\n  conv -3x2 3x3\n}\n' });
        const r = await cli(['check', 'n.conv', '--format', 'json'], { cwd: dir });
        const [first] = JSON.parse(r.stdout).diagnostics;
        expect(first.code).toBe('syntax-error');
        expect(first.message).toMatch(/^unexpected `3x2`: expected .*a number.*possibilities\)$/);
        expect(first.message).not.toContain('\n');
    });

    test.each([
        ['a 1,000,000-digit option value', `  conv 4 3x3 kernel_size=${'9'.repeat(1_000_000)}`],
        ['a 1,000,000-digit stray token', `  conv 4 3x3 ${'8'.repeat(1_000_000)}`],
        ['a 200,000-character word', `  ${'w'.repeat(200_000)} 4`]
    ])('%s: every message under 1,000 characters', async (_name, line) => {
        const dir = temp({ 'n.conv': `network N {\n  input 8x8x3\n${line}\n}\n` });
        const r = await cli(['check', 'n.conv', '--format', 'json'], { cwd: dir });
        const diagnostics = JSON.parse(r.stdout).diagnostics;
        expect(diagnostics.length).toBeGreaterThan(0);
        for (const d of diagnostics) expect(d.message.length, d.message.slice(0, 200)).toBeLessThanOrEqual(1000);
    });
});

test('a stride of 2^53 is checked at once (0.1 searched paddings one by one and hung)', async () => {
    const dir = temp({
        'n.conv': 'network N {\n  input 8x8x3\n  conv 4 3x3 stride 9007199254740992 pad 9007199254740992 dilation 9007199254740992\n}\n'
    });
    const r = await cli(['check', 'n.conv', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.length).toBeGreaterThan(0);
    const alone = temp({ 'n.conv': 'network N {\n  input 8x8x3\n  conv 4 3x3 stride 9007199254740992\n}\n' });
    expect((await cli(['check', 'n.conv'], { cwd: alone })).status).toBeLessThanOrEqual(1);
});
