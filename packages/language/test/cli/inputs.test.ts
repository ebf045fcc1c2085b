/**
 * `convspec inputs`: the valid and exactly-tiling input sizes, their pattern,
 * the smallest and the nearest to the declared size, as text and JSON, and
 * the usage errors. Expected numbers are derived in the comments.
 */
import { describe, expect, test } from 'vitest';
import { cli, tempTreesOfThisFile } from './cli-harness.js';

const tree = tempTreesOfThisFile();

// AlexNet as the 2012 paper draws it (224 input, strict). conv1 11/4: W = 4m + 3 → m − 1; the three
// 3/2 pools need m ≡ 0 (mod 8) and room for the last one (m ≥ 16): W = 32j + 3, j ≥ 2.
const ALEXNET = `network AlexNet2012 {
  input 224x224x3
  conv 96 11x11 stride 4
  maxpool 3x3 stride 2
  conv 256 5x5 pad 2
  maxpool 3x3 stride 2
  conv 384 3x3 pad 1
  maxpool 3x3 stride 2
}
network Fine {
  input 8x8x1
  conv 4 3x3 pad 1
}
`;
const expected = (hi: number) => Array.from({ length: 200 }, (_, j) => 32 * j + 3).filter(s => s >= 67 && s <= hi);

describe('text', () => {
    test('AlexNet 2012: the list, the pattern 32k + 3, the smallest and the nearest to 224', async () => {
        const dir = tree({ 'alexnet.conv': ALEXNET });
        const r = await cli(['inputs', 'alexnet.conv', '--network', 'AlexNet2012', '--range', '1..512'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        // 14 sizes, 14 runs of one: the first 8 and the last 2 are printed (the JSON has all).
        const e = expected(512);
        expect(e).toHaveLength(14);
        expect(r.stdout).toContain(`valid under rounding strict: 14 sizes: ${[...e.slice(0, 8), '…', ...e.slice(-2)].join(', ')}`);
        expect(r.stdout).toContain('pattern: 32k + 3 from 67 to 512');
        expect(r.stdout).toContain('smallest: 67; nearest to 224: 195 below, 227 above');
        expect(r.stdout).toContain('nearest valid input: 195×195×3 below, 227×227×3 above');
        expect(r.stdout).toContain('smallest valid input: 67×67×3');
        expect(r.stdout).not.toContain('Fine');
    });

    test('every network of the file by default; 3×3 pad 1 keeps any size', async () => {
        const dir = tree({ 'alexnet.conv': ALEXNET });
        const r = await cli(['inputs', 'alexnet.conv', '--range', '1..64'], { cwd: dir });
        // Nothing of AlexNet2012 fits in 1..64 (the smallest is 67): exit 1.
        expect(r.status).toBe(1);
        expect(r.stdout).toMatch(/AlexNet2012[^]*valid under rounding strict: 0 sizes: none/);
        expect(r.stdout).toMatch(/Fine[^]*valid under rounding strict: 64 sizes: 1–64\n {4}pattern: every size in 1..64/);
    });

    test('width and height that interact are listed as pairs', async () => {
        // crop to m = min(W, H), then 3×3 stride 2: valid ⇔ m odd, m ≥ 3. In 1..4: (3, 3), (3, 4), (4, 3).
        const dir = tree({
            'c.conv': 'network C {\n  input 3x4x1\n  crop (min(in.w, in.h))x(min(in.w, in.h))\n  conv 4 3x3 stride 2\n}\n'
        });
        const r = await cli(['inputs', 'c.conv', '--range', '1..4'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(r.stdout).toContain('width and height interact');
        expect(r.stdout).toContain('valid under rounding strict: 3 pairs\n    W 3: H 3, 4\n    W 4: H 3\n');
        // In 1..6, m = min(W, H) odd ≥ 3. W 3: m = 3 for every H ≥ 3; W 4: only H 3 (else m = 4);
        // W 5: H 3, 5, 6 (m = 3, 5, 5); W 6: H 3, 5.
        const six = await cli(['inputs', 'c.conv', '--range', '1..6'], { cwd: dir });
        expect(six.stdout).toContain('    W 3: H 3–6\n    W 4: H 3\n    W 5: H 3, 5, 6\n    W 6: H 3, 5\n');
    });

    test('widths with the same valid heights share a row', async () => {
        // crop to min(W, H), then 3×3 stride 1: valid ⇔ min(W, H) ≥ 3 ⇔ W ≥ 3 and H ≥ 3.
        const dir = tree({ 'd.conv': 'network D {\n  input 5x5x1\n  crop (min(in.w, in.h))x(min(in.w, in.h))\n  conv 4 3x3\n}\n' });
        const r = await cli(['inputs', 'd.conv', '--range', '1..6'], { cwd: dir });
        expect(r.stdout).toContain('valid under rounding strict: 16 pairs\n    W 3–6: H 3–6\n');
    });

    test('an error that no size cures: exit 1, the line named', async () => {
        const dir = tree({ 'bad.conv': 'network B {\n  input 8x8x3\n  relu\n  conv 8 3x3 groups 5\n}\n' });
        const r = await cli(['inputs', 'bad.conv'], { cwd: dir });
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('no input size can make it valid: line 4 has an error that does not depend on the input size');
    });
});

test('json: every size, the patterns and the nearest sizes', async () => {
    const dir = tree({ 'alexnet.conv': ALEXNET });
    const r = await cli(['inputs', 'alexnet.conv', '--format', 'json', '--range', '1..300'], { cwd: dir });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.file).toBe('alexnet.conv');
    const [alex, fine] = json.networks;
    expect(alex).toMatchObject({ name: 'AlexNet2012', input: [224, 224, 3], rounding: 'strict', range: [1, 300], kind: 'axes' });
    expect(alex.width.valid).toEqual({
        sizes: expected(300),
        pattern: { period: 32, residues: [3], from: 67, text: '32k + 3' },
        smallest: 67,
        declared: false,
        below: 195,
        above: 227
    });
    // Strict rounding: what is valid tiles exactly.
    expect(alex.height.exact.sizes).toEqual(expected(300));
    expect(alex.nearest.valid).toEqual({ declared: false, below: [195, 195, 3], above: [227, 227, 3], smallest: [67, 67, 3] });
    expect(fine.width.valid.sizes).toHaveLength(300);
    expect(fine.nearest.valid).toMatchObject({ declared: true, below: [7, 7, 1], above: [9, 9, 1] });
});

describe('usage errors: one line, exit 2', () => {
    test.each([['0..5'], ['9..3'], ['1..99999'], ['a..b'], ['12']])('--range %s', async range => {
        const dir = tree({ 'a.conv': ALEXNET });
        const r = await cli(['inputs', 'a.conv', '--range', range], { cwd: dir });
        expect(r.status).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain('--range takes A..B with 1 ≤ A ≤ B ≤ 16384');
    });

    test('an unknown network and a wrong format', async () => {
        const dir = tree({ 'a.conv': ALEXNET });
        const network = await cli(['inputs', 'a.conv', '--network', 'Nope'], { cwd: dir });
        expect(network.status).toBe(2);
        expect(network.stderr).toContain('no network Nope');
        const format = await cli(['inputs', 'a.conv', '--format', 'csv'], { cwd: dir });
        expect(format.status).toBe(2);
        expect(format.stderr).toContain('--format must be one of text, json');
    });
});
