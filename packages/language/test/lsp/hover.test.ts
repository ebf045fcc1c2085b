/**
 * Hover anywhere on a statement (keyword, label, numbers): input → output,
 * the formula per axis with the numbers substituted, the filter's full shape,
 * the parameter arithmetic, MACs, receptive field and jump; what a 1×1 conv
 * does to depth; a block call's totals; every call of a block on its name.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { en, pos } from './harness.js';
import { InProcessSession } from './in-process.js';

let s: InProcessSession;
beforeAll(async () => {
    s = await InProcessSession.start();
});
afterAll(async () => s.stop());

describe('a 3×3 conv on a 192-deep input (the seed article)', () => {
    const TEXT = 'network FilterDepth {\n  input 28x28x192\n  conv3x3: conv 96 3x3\n}\n';
    let uri: string;
    beforeAll(async () => {
        ({ uri } = await s.open(TEXT));
    });

    // (28 − 3 + 2·0)/1 + 1 = 26 per axis; 3·3·192·96 + 96 = 165,984; MACs 26·26·3·3·192·96
    const params = 3 * 3 * 192 * 96 + 96;
    const macs = 26 * 26 * 3 * 3 * 192 * 96;

    const spots: [string, string, number][] = [
        ['the keyword', 'conv 96', 1],
        ['the label', 'conv3x3:', 2],
        ['the filter count', '96 3x3', 1],
        ['the kernel size', '3x3\n', 1]
    ];
    test.each(spots)('hover on %s explains the layer', async (_what, needle, delta) => {
        const h = await s.hover(uri, pos(TEXT, needle, delta));
        expect(h, 'no hover').toBeDefined();
        expect(h).toContain('28×28×192');
        expect(h).toContain('26×26×96');
        expect(h).toMatch(/28×28×192[^\n]*→[^\n]*26×26×96/);
        // the formula per axis, numbers substituted
        expect(h).toMatch(/W[₂2]?[^\n]*\(28 − 3 \+ 2·0\)\/1 \+ 1 = 26/);
        expect(h).toMatch(/H[₂2]?[^\n]*\(28 − 3 \+ 2·0\)\/1 \+ 1 = 26/);
        // the filter's full shape and why its depth is 192
        expect(h).toContain('Filter: 3×3×192');
        expect(h).toMatch(/depth/i);
        expect(h).toContain(`3·3·192·96 + 96 = ${en(params)}`);
        expect(params).toBe(165984);
        expect(h).toMatch(new RegExp(`MACs[^\\n]*${en(macs)}`));
        expect(h).toMatch(/[Rr]eceptive field[^\n]*\b3\b/);
        expect(h).toMatch(/jump[^\n]*\b1\b/);
    });
});

test('non-square kernel: one formula per axis with its own numbers', async () => {
    // 3 wide, 5 tall: W (32 − 3 + 0)/1 + 1 = 30, H (24 − 5 + 0)/1 + 1 = 20; 3·5·3·8 + 8
    const text = 'network NS {\n  input 32x24x3\n  conv 8 3x5\n}\n';
    const { uri } = await s.open(text);
    const h = (await s.hover(uri, pos(text, 'conv 8', 1)))!;
    expect(h).toMatch(/W[₂2]?[^\n]*\(32 − 3 \+ 2·0\)\/1 \+ 1 = 30/);
    expect(h).toMatch(/H[₂2]?[^\n]*\(24 − 5 \+ 2·0\)\/1 \+ 1 = 20/);
    expect(h).toContain('Filter: 3×5×3');
    expect(h).toContain(`= ${en(3 * 5 * 3 * 8 + 8)}`);
    expect(h).toContain('30×20×8');
});

test('hover anywhere on a statement: every non-blank character of the line explains the same layer', async () => {
    // (224 − 7 + 2·3)/2 + 1 = 112.5 → ⌊112.5⌋ = 112; 7·7·3·64 + 64
    const text = 'network AW {\n  input 224x224x3\n  rounding floor\n  stem: conv 64 7x7 stride 2 pad 3\n}\n';
    const { uri } = await s.open(text);
    const line = 3;
    const source = text.split('\n')[line];
    for (let character = 0; character < source.length; character++) {
        if (source[character] === ' ') continue;
        const h = await s.hover(uri, { line, character });
        expect(h, `no hover at ${character} ('${source[character]}')`).toBeDefined();
        expect(h, `at ${character}`).toContain('112.5');
        expect(h, `at ${character}`).toContain(en(7 * 7 * 3 * 64 + 64));
    }
});

test('receptive field and jump grow through a stride', async () => {
    // rf' = rf + (F − 1)·jump, jump' = jump·S:
    //   conv 3×3 s1: rf 1 + 2·1 = 3, jump 1;  conv 3×3 s2: 3 + 2·1 = 5, jump 2;  conv 3×3 s1: 5 + 2·2 = 9, jump 2
    const text = 'network RF {\n  input 33x33x3\n  a: conv 4 3x3\n  b: conv 4 3x3 stride 2\n  c: conv 4 3x3\n}\n';
    const { uri } = await s.open(text);
    const hb = (await s.hover(uri, pos(text, 'b: conv', 4)))!;
    expect(hb).toMatch(/[Rr]eceptive field[^\n]*\b5\b/);
    expect(hb).toMatch(/jump[^\n]*\b2\b/);
    const hc = (await s.hover(uri, pos(text, 'c: conv', 4)))!;
    expect(hc).toMatch(/[Rr]eceptive field[^\n]*\b9\b/);
    expect(hc).toMatch(/jump[^\n]*\b2\b/);
});

test('a 1×1 conv says what it does to depth (6 channels → 5)', async () => {
    const text = 'network OneByOne {\n  input 32x32x6\n  reduce: conv 5 1x1\n}\n';
    const { uri } = await s.open(text);
    const h = (await s.hover(uri, pos(text, '1x1', 1)))!;
    expect(h).toContain('Filter: 1×1×6');
    // keeps the resolution, changes depth 6 → 5
    expect(h).toMatch(/32×32/);
    const depthLine = h.split('\n').find(l => /1×1/.test(l) && /depth/i.test(l) && !l.startsWith('Filter'));
    expect(depthLine, h).toBeDefined();
    expect(depthLine).toMatch(/\b6\b[^\n]*\b5\b/);
    expect(h).toContain(`= ${1 * 1 * 6 * 5 + 5}`);
});

test('rounded and pad-same sizes are explained', async () => {
    // floor: (224 + 2·3 − 7)/2 + 1 = 112.5 → 112. same: ⌈224/2⌉ = 112, total pad (112 − 1)·2 + 3 − 224 = 1 → 0 before, 1 after
    const text =
        'network RS {\n  input 224x224x3\n  rounding floor\n  stem: conv 64 7x7 stride 2 pad 3\n}\nnetwork SAME {\n  input 224x224x3\n  conv 32 3x3 stride 2 pad same\n}\n';
    const { uri } = await s.open(text);
    const stem = (await s.hover(uri, pos(text, 'stem:', 1)))!;
    expect(stem).toMatch(/\(224 − 7 \+ 2·3\)\/2 \+ 1/);
    expect(stem).toContain('112.5');
    expect(stem).toMatch(/⌊112\.5⌋/);
    const same = (await s.hover(uri, pos(text, 'pad same', 1)))!;
    expect(same).toContain('112×112×32');
    expect(same).toMatch(/asymmetric/i);
});

describe('blocks', () => {
    const TEXT = [
        'block pair(c) {',
        '  conv c 3x3 pad 1',
        '  relu',
        '}',
        'network B {',
        '  input 26x26x160',
        '  p1: pair(32)',
        '  p2: pair(16)',
        '}',
        ''
    ].join('\n');
    let uri: string;
    beforeAll(async () => {
        ({ uri } = await s.open(TEXT));
    });
    // pair(32) on 26×26×160: 3·3·160·32 + 32; MACs 26·26·3·3·160·32
    // pair(16) on 26×26×32: 3·3·32·16 + 16;  MACs 26·26·3·3·32·16
    const p32 = 3 * 3 * 160 * 32 + 32;
    const p16 = 3 * 3 * 32 * 16 + 16;

    test("hover on a block call (its name or label) gives the call's totals", async () => {
        for (const at of [pos(TEXT, 'p1:', 1), pos(TEXT, 'pair(32)', 2)]) {
            const h = (await s.hover(uri, at))!;
            expect(h).toMatch(/26×26×160[^\n]*→[^\n]*26×26×32/);
            expect(h).toContain(en(p32));
            expect(h).toContain(en(26 * 26 * 3 * 3 * 160 * 32));
        }
    });

    test('hover on a number inside a block call still answers', async () => {
        const h = await s.hover(uri, pos(TEXT, '16)', 0));
        expect(h).toBeDefined();
        expect(h).toContain(en(p16));
    });

    test('hover on the block name lists every call with its volumes', async () => {
        const h = (await s.hover(uri, pos(TEXT, 'pair(c)', 1)))!;
        expect(h).toMatch(/2 calls/);
        expect(h).toMatch(/26×26×160[^\n]*26×26×32/);
        expect(h).toMatch(/26×26×32[^\n]*26×26×16/);
        expect(h).toContain(en(p32));
        expect(h).toContain(en(p16));
    });

    test('hover inside the block body shows the first call and points at the others', async () => {
        const h = (await s.hover(uri, pos(TEXT, 'conv c', 1)))!;
        expect(h).toContain('26×26×160');
        expect(h).toContain('3·3·160·32 + 32');
    });
});

test('hover on a network name gives its totals', async () => {
    // 3·3·3·16 + 16 on 11×11×3 → 5×5×16
    const text = 'network ResizedInput {\n  input 11x11x3\n  conv 16 3x3 stride 2\n}\n';
    const { uri } = await s.open(text);
    const h = (await s.hover(uri, pos(text, 'ResizedInput', 2)))!;
    expect(h).toContain('5×5×16');
    expect(h).toContain(en(3 * 3 * 3 * 16 + 16));
});

test('hover on whitespace, comments and outside any network does not fail', async () => {
    const text = '// a comment\n\nnetwork W {\n  input 8x8x3\n\n  relu   // trailing\n}\n\n';
    const { uri } = await s.open(text);
    for (let line = 0; line < text.split('\n').length; line++) {
        for (const character of [0, 1, 3, 8, 40]) await s.hover(uri, { line, character });
    }
});

describe('hover on input: the nearest valid sizes and the smallest accepted', () => {
    test('AlexNet as drawn in 2012: 224 is not valid; 195 and 227 are (W = 32j + 3, j ≥ 2), 67 the smallest', async () => {
        // conv1 11/4: W = 4m + 3 → m − 1; each 3/2 pool halves an odd size: m ≡ 0 (mod 8), m ≥ 16.
        const text =
            'network A {\n  input 224x224x3\n  conv 96 11x11 stride 4\n  maxpool 3x3 stride 2\n  conv 256 5x5 pad 2\n' +
            '  maxpool 3x3 stride 2\n  conv 384 3x3 pad 1\n  maxpool 3x3 stride 2\n}\n';
        const { uri } = await s.open(text);
        const h = (await s.hover(uri, pos(text, 'input', 1)))!;
        expect(h).toContain('224×224×3 is not valid; nearest 195×195×3 below, 227×227×3 above');
        expect(h).toContain('Smallest input the network accepts: 67×67×3');
    });

    test('rounding floor: every size from 1 is valid, tiling exactly needs W odd', async () => {
        // 7×7 stride 2 pad 3: (W − 1)/2 + 1, whole ⇔ W odd; floor accepts every W.
        const text = 'network F {\n  input 224x224x3\n  rounding floor\n  conv 64 7x7 stride 2 pad 3\n}\n';
        const { uri } = await s.open(text);
        const h = (await s.hover(uri, pos(text, '224x224x3', 1)))!;
        expect(h).toContain('**input** — 224×224×3');
        expect(h).toContain('224×224×3 is valid; nearest 223×223×3 below, 225×225×3 above');
        expect(h).toContain('Smallest input the network accepts: 1×1×3');
        expect(h).toContain('Tiling exactly (no layer rounds): nearest 223×223×3 below, 225×225×3 above');
    });
});
