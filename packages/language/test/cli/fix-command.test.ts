/**
 * `convspec fix FILE… [--dry-run]` as a process on temp copies: the preferred
 * fix of each error, repeated until none applies; atomic writes; idempotent;
 * an untouched file when there is nothing to fix; a unified diff for
 * --dry-run; CRLF kept; exit codes.
 */
import { applyPatch } from 'diff';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectNoStackTrace, readExample, cli, tempTreesOfThisFile } from './cli-harness.js';

const temp = tempTreesOfThisFile();

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const errorCount = async (dir: string, name: string) =>
    JSON.parse((await cli(['check', name, '--format', 'json'], { cwd: dir })).stdout).errors as number;
const OLD = new Date('2001-02-03T04:05:06Z');

const INVALID = readExample('invalid/stride-does-not-tile.conv');

describe('fixing', () => {
    test("the seed's invalid example: no padding can work (7 odd, stride 2), so `floor` is added; the file then checks clean", async () => {
        const dir = temp({ 'x.conv': INVALID });
        expect(await errorCount(dir, 'x.conv')).toBe(1);
        const r = await cli(['fix', 'x.conv'], { cwd: dir });
        expectNoStackTrace(r.stderr);
        expect(r.status).toBe(0);
        const expected = INVALID.replace('  conv1: conv 16 3x3 stride 2   //', '  conv1: conv 16 3x3 stride 2 floor   //');
        expect(expected).not.toBe(INVALID);
        expect(read(dir, 'x.conv')).toBe(expected);
        expect(r.stderr).toMatch(/x\.conv.*fixed.*line 14/);
        expect(await errorCount(dir, 'x.conv')).toBe(0);
    });

    test('the nearest padding is preferred when one exists (12, 3×3, stride 3, pad 1 → pad 0: (12 − 3)/3 + 1 = 4)', async () => {
        const text = 'network P {\n  input 12x12x3\n  conv 8 3x3 stride 3 pad 1\n}\n';
        const dir = temp({ 'p.conv': text });
        const r = await cli(['fix', 'p.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(read(dir, 'p.conv')).toBe(text.replace('pad 1', 'pad 0'));
    });

    test('AlexNet as the 2012 paper draws it: every non-tiling layer gets `floor` (no padding can fix any), 4 errors → 0', async () => {
        // conv1 (224 − 11) = 213 odd, stride 4 → floor → 54; pool1 54 − 3 = 51 odd → floor → 26;
        // pool2 26 − 3 = 23 odd → floor → 12; pool5 12 − 3 = 9 odd → floor → 5.
        const text = [
            'network AlexNet2012 {',
            '  input 224x224x3',
            '  conv1: conv 96 11x11 stride 4',
            '  pool1: maxpool 3x3 stride 2',
            '  conv2: conv 256 5x5 pad 2',
            '  pool2: maxpool 3x3 stride 2',
            '  conv3: conv 384 3x3 pad 1',
            '  pool5: maxpool 3x3 stride 2',
            '  fc6: dense 4096',
            '}',
            ''
        ].join('\n');
        const dir = temp({ 'a.conv': text });
        expect(await errorCount(dir, 'a.conv')).toBe(4);
        expect((await cli(['fix', 'a.conv'], { cwd: dir })).status).toBe(0);
        const expected = text
            .replace('conv 96 11x11 stride 4', 'conv 96 11x11 stride 4 floor')
            .replace('pool1: maxpool 3x3 stride 2', 'pool1: maxpool 3x3 stride 2 floor')
            .replace('pool2: maxpool 3x3 stride 2', 'pool2: maxpool 3x3 stride 2 floor')
            .replace('pool5: maxpool 3x3 stride 2', 'pool5: maxpool 3x3 stride 2 floor');
        expect(read(dir, 'a.conv')).toBe(expected);
        expect(await errorCount(dir, 'a.conv')).toBe(0);
    });

    test('a fix that exposes the next error is followed by a second round', async () => {
        // conv 3×3 stride 3 pad 2 on 12: (12 − 3 + 4)/3 + 1 = 13/3 + 1. P ≡ 0 (mod 3): 0 is 2 away, 3 is 1 away → pad 3 → 6.
        // (strict keeps ⌊5.33⌋ = 5 meanwhile, on which the pool tiles: (5 − 3)/2 + 1 = 2.)
        // On 6 the pool gives (6 − 3)/2 + 1 = 2.5: 3 odd, stride 2 → floor.
        const text = 'network C {\n  input 12x12x3\n  conv 8 3x3 stride 3 pad 2\n  maxpool 3x3 stride 2\n}\n';
        const dir = temp({ 'c.conv': text });
        expect(await errorCount(dir, 'c.conv')).toBe(1);
        expect((await cli(['fix', 'c.conv'], { cwd: dir })).status).toBe(0);
        expect(read(dir, 'c.conv')).toBe('network C {\n  input 12x12x3\n  conv 8 3x3 stride 3 pad 3\n  maxpool 3x3 stride 2 floor\n}\n');
        expect(await errorCount(dir, 'c.conv')).toBe(0);
    });

    test('structure fixes: a projection shortcut and the padding that aligns a concat branch', async () => {
        const text = [
            'network S {',
            '  input 8x8x8',
            '  residual {',
            '    conv 16 3x3 pad 1',
            '  }',
            '  concat {',
            '    branch { conv 4 1x1 }',
            '    branch { conv 4 3x3 }',
            '  }',
            '}',
            ''
        ].join('\n');
        const dir = temp({ 's.conv': text });
        expect(await errorCount(dir, 's.conv')).toBeGreaterThanOrEqual(1);
        expect((await cli(['fix', 's.conv'], { cwd: dir })).status).toBe(0);
        const fixed = read(dir, 's.conv');
        expect(fixed).toMatch(/shortcut \{\s*conv 16 1x1\s*\}/);
        expect(fixed).toContain('branch { conv 4 3x3 pad 1 }');
        expect(await errorCount(dir, 's.conv')).toBe(0);
    });

    test('several files in one call; a clean one among them is left alone', async () => {
        const clean = readExample('seed.conv');
        const dir = temp({ 'a.conv': INVALID, 'b.conv': 'network B {\n  input 13x13x3\n  conv 16 3x3 stride 3\n}\n', 'clean.conv': clean });
        fs.utimesSync(path.join(dir, 'clean.conv'), OLD, OLD);
        const r = await cli(['fix', 'a.conv', 'b.conv', 'clean.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(read(dir, 'a.conv')).toContain('stride 2 floor');
        // 13 − 3 + 2P ≡ 0 (mod 3) ⇔ P ≡ 1 → pad 1: (13 − 3 + 2)/3 + 1 = 5
        expect(read(dir, 'b.conv')).toContain('conv 16 3x3 stride 3 pad 1\n');
        expect(read(dir, 'clean.conv')).toBe(clean);
        expect(fs.statSync(path.join(dir, 'clean.conv')).mtime.getTime()).toBe(OLD.getTime());
    });
});

describe('idempotence and untouched files', () => {
    test('a second run leaves the bytes identical and says there is nothing to fix', async () => {
        const dir = temp({ 'x.conv': INVALID });
        expect((await cli(['fix', 'x.conv'], { cwd: dir })).status).toBe(0);
        const once = fs.readFileSync(path.join(dir, 'x.conv'));
        fs.utimesSync(path.join(dir, 'x.conv'), OLD, OLD);
        const r = await cli(['fix', 'x.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(r.stderr).toMatch(/nothing to fix/);
        expect(r.stdout).toBe('');
        expect(fs.readFileSync(path.join(dir, 'x.conv')).equals(once)).toBe(true);
        expect(fs.statSync(path.join(dir, 'x.conv')).mtime.getTime()).toBe(OLD.getTime());
    });

    test.each(['seed.conv', 'resnet50.conv', 'googlenet.conv'])('clean example %s: bytes and mtime untouched, exit 0', async name => {
        const text = readExample(name);
        const dir = temp({ [name]: text });
        fs.utimesSync(path.join(dir, name), OLD, OLD);
        const r = await cli(['fix', name], { cwd: dir });
        expect(r.status).toBe(0);
        expect(r.stderr).toMatch(/nothing to fix/);
        expect(read(dir, name)).toBe(text);
        expect(fs.statSync(path.join(dir, name)).mtime.getTime()).toBe(OLD.getTime());
    });

    test('an error without an automatic fix: untouched, exit 1, and it says so', async () => {
        const text = 'network U {\n  input 8x8x3\n  nope(3)\n}\n';
        const dir = temp({ 'u.conv': text });
        fs.utimesSync(path.join(dir, 'u.conv'), OLD, OLD);
        const r = await cli(['fix', 'u.conv'], { cwd: dir });
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(/nothing to fix.*1 error/);
        expect(read(dir, 'u.conv')).toBe(text);
        expect(fs.statSync(path.join(dir, 'u.conv')).mtime.getTime()).toBe(OLD.getTime());
    });

    test('a fixable and an unfixable error: the fix is written, exit 1 for the one left', async () => {
        const text = 'network M {\n  input 10x10x3\n  conv 16 3x3 stride 2\n  nope(3)\n}\n';
        const dir = temp({ 'm.conv': text });
        const r = await cli(['fix', 'm.conv'], { cwd: dir });
        expect(r.status).toBe(1);
        expect(read(dir, 'm.conv')).toBe(text.replace('stride 2\n', 'stride 2 floor\n'));
    });
});

describe('--dry-run', () => {
    test('prints a unified diff that applies to the original, and leaves the file unchanged', async () => {
        const dir = temp({ 'x.conv': INVALID });
        fs.utimesSync(path.join(dir, 'x.conv'), OLD, OLD);
        const r = await cli(['fix', 'x.conv', '--dry-run'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/^--- a\/x\.conv/m);
        expect(r.stdout).toMatch(/^\+\+\+ b\/x\.conv/m);
        expect(r.stdout).toMatch(/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/m);
        expect(r.stdout).toContain('\n-  conv1: conv 16 3x3 stride 2   // error');
        expect(r.stdout).toContain('\n+  conv1: conv 16 3x3 stride 2 floor   // error');
        expect(read(dir, 'x.conv')).toBe(INVALID);
        expect(fs.statSync(path.join(dir, 'x.conv')).mtime.getTime()).toBe(OLD.getTime());
        // the diff is exactly what a real run writes
        const patched = applyPatch(INVALID, r.stdout);
        expect((await cli(['fix', 'x.conv'], { cwd: dir })).status).toBe(0);
        expect(patched).toBe(read(dir, 'x.conv'));
    });

    test('nothing to fix: no diff on stdout', async () => {
        const dir = temp({ 'seed.conv': readExample('seed.conv') });
        const r = await cli(['fix', '--dry-run', 'seed.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(r.stdout).toBe('');
    });
});

describe('bytes the user wrote', () => {
    test('CRLF files keep CRLF (and only CRLF)', async () => {
        const lf = [
            '// crlf file',
            'network R {',
            '  input 8x8x8',
            '  conv 8 3x3 stride 3   // (8 − 3)/3 + 1 → P ≡ 1 (mod 3)... 5 + 2P ≡ 0 ⇔ P ≡ 2',
            '  residual {',
            '    conv 16 3x3 pad 1',
            '  }',
            '}',
            ''
        ].join('\n');
        const text = lf.replace(/\n/g, '\r\n');
        const dir = temp({ 'r.conv': text });
        expect(await errorCount(dir, 'r.conv')).toBeGreaterThanOrEqual(1);
        await cli(['fix', 'r.conv'], { cwd: dir });
        const fixed = read(dir, 'r.conv');
        expect(fixed).not.toBe(text);
        expect(fixed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        expect(fixed.match(/\r\n/g)?.length).toBe(text.match(/\r\n/g)?.length);
        expect(await errorCount(dir, 'r.conv')).toBe(0);
    });

    test('comments, unicode and a BOM survive byte for byte', async () => {
        const text =
            '\ufeff/* 卷积 ⌊4.5⌋ — ünïcödé */\nnetwork U {\n  input 10x10x3   // 中文\n  c: conv 16 3x3 stride 2 /* inline */ // end\n}\n';
        const dir = temp({ 'u.conv': text });
        expect((await cli(['fix', 'u.conv'], { cwd: dir })).status).toBe(0);
        const fixed = fs.readFileSync(path.join(dir, 'u.conv'));
        expect(fixed.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
        const s = fixed.toString('utf8');
        for (const piece of ['/* 卷积 ⌊4.5⌋ — ünïcödé */', '  input 10x10x3   // 中文', '/* inline */ // end']) expect(s).toContain(piece);
        // every byte of the original is still there, in order (fixes only insert or replace option tokens)
        expect(s.replace(' floor', '')).toBe(text);
    });

    test('the write is atomic: no temp file left behind, the file mode kept', async () => {
        const dir = temp({ 'x.conv': INVALID });
        fs.chmodSync(path.join(dir, 'x.conv'), 0o640);
        expect((await cli(['fix', 'x.conv'], { cwd: dir })).status).toBe(0);
        expect(fs.readdirSync(dir)).toEqual(['x.conv']);
        expect(fs.statSync(path.join(dir, 'x.conv')).mode & 0o777).toBe(0o640);
    });
});

describe('usage and exit codes', () => {
    test('no file: exit 2 with a usage message', async () => {
        const r = await cli(['fix']);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/fix/);
        expectNoStackTrace(r.stderr);
    });

    test('a missing file: exit 2, no stack trace', async () => {
        const dir = temp({});
        const r = await cli(['fix', 'missing.conv'], { cwd: dir });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/missing\.conv/);
        expectNoStackTrace(r.stderr);
    });

    test('--help: exit 0, usage on stdout', async () => {
        const r = await cli(['fix', '--help']);
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/--dry-run/);
    });

    test('a folder is fixed recursively', async () => {
        const dir = temp({ 'nets/deep/x.conv': INVALID, 'nets/ok.conv': readExample('lenet5.conv') });
        const r = await cli(['fix', 'nets'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(read(dir, 'nets/deep/x.conv')).toContain('stride 2 floor');
        expect(read(dir, 'nets/ok.conv')).toBe(readExample('lenet5.conv'));
    });
});
