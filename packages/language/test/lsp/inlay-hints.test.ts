/**
 * Inlay hints as an editor renders them: `→ W×H×D · N params` at the end of
 * every statement line, the rounded value for floor/ceil, the combined volume
 * at a structure's closing `}`, a block body showing its first call. Every
 * expected number is worked out by hand in the test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { en, EXAMPLES, lineOf, type Hint } from './harness.js';
import { InProcessSession } from './in-process.js';

let s: InProcessSession;
beforeAll(async () => {
    s = await InProcessSession.start();
});
afterAll(async () => s.stop());

const MAX = 43; // VS Code's default editor.inlayHints.maximumLength

/** The hint ending the given line (the last one if several). */
function hintOn(hints: Hint[], line: number): Hint {
    const on = hints.filter(h => h.line === line);
    if (on.length === 0) throw new Error(`no hint on line ${line}: ${JSON.stringify(hints)}`);
    return on[on.length - 1];
}

describe('statement lines', () => {
    const TEXT = [
        'block pair(c) {',
        '  conv c 3x3 pad 1',
        '  relu',
        '}',
        'network H {',
        '  input 28x28x192',
        '  conv3x3: conv 96 3x3',
        '  relu',
        '  k: concat {',
        '    branch { conv 64 1x1 }',
        '    branch { maxpool 3x3 stride 1 pad 1 }',
        '  }',
        '  r: residual {',
        '    conv 160 3x3 pad 1',
        '  }',
        '  repeat 2 {',
        '    conv 160 1x1 nobias',
        '  }',
        '  p1: pair(32)',
        '  p2: pair(16)',
        '}',
        ''
    ].join('\n');
    let uri: string;
    let hints: Hint[];
    beforeAll(async () => {
        ({ uri } = await s.open(TEXT));
        hints = await s.hints(uri);
    });

    // conv3x3: (28 − 3 + 0)/1 + 1 = 26 → 26×26×96;  3·3·192·96 + 96
    const conv3x3 = 3 * 3 * 192 * 96 + 96;
    // branch 1: 1×1 conv to 64 on 96 deep: 1·1·96·64 + 64; branch 2: (26 + 2 − 3)/1 + 1 = 26, 96 deep
    const branch1 = 1 * 1 * 96 * 64 + 64;
    // residual body: 3·3·160·160 + 160, 26×26×160
    const body = 3 * 3 * 160 * 160 + 160;
    // repeat: 1·1·160·160 (no bias), twice
    const once = 1 * 1 * 160 * 160;
    // pair(32) on 26×26×160: 3·3·160·32 + 32; pair(16) on 26×26×32: 3·3·32·16 + 16
    const pair32 = 3 * 3 * 160 * 32 + 32;
    const pair16 = 3 * 3 * 32 * 16 + 16;

    test('the input line shows the input volume', () => {
        expect(hintOn(hints, lineOf(TEXT, 'input 28x28x192')).label).toBe('→ 28×28×192');
    });

    test('a conv shows its volume and en-US parameters: → 26×26×96 · 165,984 params', () => {
        expect(conv3x3).toBe(165984);
        expect(hintOn(hints, lineOf(TEXT, 'conv3x3:')).label).toBe(`→ 26×26×96 · ${en(conv3x3)} params`);
    });

    test('a parameter-free layer omits the params part', () => {
        expect(hintOn(hints, lineOf(TEXT, 'k: concat') - 1).label).toBe('→ 26×26×96');
    });

    test('the hint sits at the end of the statement', () => {
        const line = lineOf(TEXT, 'conv3x3:');
        expect(hintOn(hints, line).character).toBe('  conv3x3: conv 96 3x3'.length);
    });

    test('concat: each branch line and the closing } with the combined volume (D = 64 + 96)', () => {
        expect(hintOn(hints, lineOf(TEXT, 'conv 64 1x1')).label).toBe(`→ 26×26×64 · ${en(branch1)} params`);
        expect(hintOn(hints, lineOf(TEXT, 'maxpool 3x3 stride 1')).label).toBe('→ 26×26×96');
        const close = hintOn(hints, lineOf(TEXT, 'r: residual') - 1);
        expect(close.character).toBe(3); // after the `}`
        expect(close.label).toBe(`→ 26×26×${64 + 96} · ${en(branch1)} params`);
    });

    test('residual: the closing } shows the sum volume and the body parameters', () => {
        const close = hintOn(hints, lineOf(TEXT, 'repeat 2') - 1);
        expect(close.label).toBe(`→ 26×26×160 · ${en(body)} params`);
    });

    test('repeat: a body line shows one iteration, the closing } the whole repeat (2 × params)', () => {
        expect(hintOn(hints, lineOf(TEXT, 'conv 160 1x1 nobias')).label).toBe(`→ 26×26×160 · ${en(once)} params`);
        expect(hintOn(hints, lineOf(TEXT, 'p1: pair') - 1).label).toBe(`→ 26×26×160 · ${en(2 * once)} params`);
    });

    test('block calls show the combined volume of the call', () => {
        expect(hintOn(hints, lineOf(TEXT, 'p1: pair(32)')).label).toBe(`→ 26×26×32 · ${en(pair32)} params`);
        expect(hintOn(hints, lineOf(TEXT, 'p2: pair(16)')).label).toBe(`→ 26×26×16 · ${en(pair16)} params`);
    });

    test('lines inside a block show the volumes of its first call (pair(32))', () => {
        expect(hintOn(hints, lineOf(TEXT, 'conv c 3x3 pad 1')).label).toBe(`→ 26×26×32 · ${en(pair32)} params`);
        expect(hintOn(hints, 2).label).toBe('→ 26×26×32');
    });

    test('every label is at most 43 characters and every layer tooltip carries the arithmetic', () => {
        for (const h of hints) expect(h.label.length, h.label).toBeLessThanOrEqual(MAX);
        const tip = hintOn(hints, lineOf(TEXT, 'conv3x3:')).tooltip;
        expect(tip).toContain(`3·3·192·96 + 96 = ${en(conv3x3)}`);
        expect(tip).toMatch(/\(28 − 3 \+ 2·0\)\/1 \+ 1 = 26/);
    });

    test('a range request returns only the hints in range', async () => {
        const line = lineOf(TEXT, 'conv3x3:');
        const some = await s.hints(uri, { start: { line, character: 0 }, end: { line, character: 100 } });
        expect(some.map(h => h.line)).toEqual([line]);
    });
});

describe('rounding', () => {
    test('ResNet stem under `rounding floor`: → 112×112×64 (⌊112.5⌋), and the pool ⌊56.5⌋', async () => {
        const text =
            'network R {\n  input 224x224x3\n  rounding floor\n  bias off\n  conv1: conv 64 7x7 stride 2 pad 3\n  bn\n  pool1: maxpool 3x3 stride 2 pad 1\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
        const hints = await s.hints(uri);
        // (224 + 2·3 − 7)/2 + 1 = 223/2 + 1 = 112.5 → 112; 7·7·3·64 (bias off)
        const conv = hintOn(hints, lineOf(text, 'conv1:'));
        expect(conv.label).toBe(`→ 112×112×64 (⌊112.5⌋) · ${en(7 * 7 * 3 * 64)} params`);
        expect(conv.tooltip).toContain('112.5');
        // bn: 2·64 parameters
        expect(hintOn(hints, lineOf(text, '  bn')).label).toBe(`→ 112×112×64 · ${2 * 64} params`);
        // (112 + 2·1 − 3)/2 + 1 = 56.5 → 56
        expect(hintOn(hints, lineOf(text, 'pool1:')).label).toBe('→ 56×56×64 (⌊56.5⌋)');
    });

    test('a per-line ceil shows ⌈…⌉', async () => {
        // GoogLeNet's maxpool1: 3×3/2 ceil on 112: (112 − 3)/2 + 1 = 55.5 → 56
        const text = 'network G {\n  input 112x112x64\n  maxpool 3x3 stride 2 ceil\n}\n';
        const { uri } = await s.open(text);
        expect(hintOn(await s.hints(uri), 2).label).toBe('→ 56×56×64 (⌈55.5⌉)');
    });

    test('a long label (non-square rounding, 9-digit params) still fits in 43 characters, tooltip has it all', async () => {
        // W: (225 + 6 − 7)/2 + 1 = 113, H: (224 + 6 − 7)/2 + 1 = 112.5 → 112
        const text = 'network L {\n  input 225x224x512\n  rounding floor\n  conv 4096 7x7 stride 2 pad 3\n}\n';
        const { uri } = await s.open(text);
        const h = hintOn(await s.hints(uri), 3);
        const params = 7 * 7 * 512 * 4096 + 4096;
        expect(h.label.length).toBeLessThanOrEqual(MAX);
        expect(h.label.startsWith('→ 113×112×4096')).toBe(true);
        expect(h.tooltip).toContain(en(params));
        expect(h.tooltip).toContain('112.5');
    });
});

describe('examples', () => {
    const files = fs
        .readdirSync(EXAMPLES, { recursive: true })
        .map(String)
        .filter(f => f.endsWith('.conv'));
    test.each(files)('%s: every statement line has a hint of at most 43 characters', async file => {
        const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
        const { uri } = await s.open(text, `ex-${path.basename(file)}`);
        const hints = await s.hints(uri);
        for (const h of hints) expect(h.label.length, h.label).toBeLessThanOrEqual(MAX);
        // Every line that ends a layer statement (a lone keyword line like `relu` or `bn`) carries a hint.
        text.split('\n').forEach((line, i) => {
            if (/^\s*(relu6?|bn|flatten|globalavgpool|tanh)\s*(\/\/.*)?$/.test(line)) {
                expect(
                    hints.some(h => h.line === i),
                    `line ${i + 1}: ${line}`
                ).toBe(true);
            }
        });
    });

    test('seed.conv: the four facts of the article', async () => {
        const text = fs.readFileSync(path.join(EXAMPLES, 'seed.conv'), 'utf8');
        const { uri } = await s.open(text, 'seed-facts.conv');
        const hints = await s.hints(uri);
        expect(hintOn(hints, lineOf(text, 'conv3x3: conv 96 3x3')).label).toBe(`→ 26×26×96 · ${en(3 * 3 * 192 * 96 + 96)} params`);
        expect(hintOn(hints, lineOf(text, 'reduce: conv 5 1x1')).label).toBe(`→ 32×32×5 · ${1 * 1 * 6 * 5 + 5} params`);
        expect(hintOn(hints, lineOf(text, 'scale: conv 1 1x1 nobias')).label).toBe('→ 32×32×1 · 1 params');
        // (11 − 3 + 0)/2 + 1 = 5; 3·3·3·16 + 16
        expect(hintOn(hints, lineOf(text, 'conv 16 3x3 stride 2')).label).toBe(`→ 5×5×16 · ${3 * 3 * 3 * 16 + 16} params`);
    });
});

describe('settings, read by the server (convspec.hints.showParameters, convspec.numberFormat)', () => {
    const TEXT = 'network Z {\n  input 28x28x192\n  conv3x3: conv 96 3x3\n  relu\n}\n';
    // 3·3·192·96 + 96 = 165,984; the code lens adds the MACs 26·26·3·3·192·96 = 112,140,288.
    const PARAMS = 3 * 3 * 192 * 96 + 96;
    const MACS = 26 * 26 * 3 * 3 * 192 * 96;
    afterAll(() => s.configure({}));

    test('compact numbers: 165,984 → 166K in hints and code lens; the hover keeps the exact count', async () => {
        s.configure({ numberFormat: 'compact' });
        const { uri } = await s.open(TEXT);
        const line = lineOf(TEXT, 'conv3x3:');
        expect(hintOn(await s.hints(uri), line).label).toBe('→ 26×26×96 · 166K params');
        // 112,140,288 in three significant digits: 112M.
        expect((await s.codeLens(uri))[0].command.title).toMatch(/^166K params · 112M MACs · → 26×26×96/);
        expect(hintOn(await s.hints(uri), line).tooltip).toContain(en(PARAMS));
        expect(await s.hover(uri, { line, character: 12 })).toContain(en(PARAMS));
    });

    test('plain numbers: 165984, and showParameters off: the volume alone', async () => {
        const line = lineOf(TEXT, 'conv3x3:');
        s.configure({ numberFormat: 'plain' });
        const { uri } = await s.open(TEXT);
        expect(hintOn(await s.hints(uri), line).label).toBe(`→ 26×26×96 · ${PARAMS} params`);
        expect((await s.codeLens(uri))[0].command.title).toMatch(new RegExp(`^${PARAMS} params · ${MACS} MACs`));
        s.configure({ hints: { showParameters: false } });
        expect(hintOn(await s.hints(uri), line).label).toBe('→ 26×26×96');
        s.configure({});
        expect(hintOn(await s.hints(uri), line).label).toBe(`→ 26×26×96 · ${en(PARAMS)} params`);
    });

    test('an unknown number format falls back to grouped', async () => {
        s.configure({ numberFormat: 'roman' });
        const { uri } = await s.open(TEXT);
        expect(hintOn(await s.hints(uri), lineOf(TEXT, 'conv3x3:')).label).toBe(`→ 26×26×96 · ${en(PARAMS)} params`);
    });

    test('over 43 characters the rounding note goes first, so the count stays whole; the tooltip keeps both', async () => {
        // W: (10002 + 2 − 3)/3 + 1 = 10004/3 → ⌊3334.667⌋ = 3334; H: (1002 + 2 − 3)/3 + 1 = 1004/3 → 334; 3·3·4096·2048 + 2048.
        const text = 'network Big {\n  input 10002x1002x4096\n  conv 2048 3x3 pad 1 floor stride 3\n}\n';
        const { uri } = await s.open(text);
        const hint = hintOn(await s.hints(uri), 2);
        const params = 3 * 3 * 4096 * 2048 + 2048;
        expect(hint.label).toBe(`→ 3334×334×2048 · ${en(params)} params`);
        expect(hint.label.length).toBeLessThanOrEqual(MAX);
        expect(hint.tooltip).toContain('⌊3334.667…⌋');
        expect(hint.tooltip).toContain(en(params));
    });

    test('the code lens carries the network-view command only when the client announced one', async () => {
        const { uri } = await s.open(TEXT);
        expect((await s.codeLens(uri))[0].command.command).toBe('');
    });
});
