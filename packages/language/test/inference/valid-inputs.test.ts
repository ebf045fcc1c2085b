/**
 * `solveValidInputs` against the brute force (the plain engine on every
 * input, valid-inputs-brute.ts) on every example, on hand-derived cases where
 * width and height interact, and its speed on the whole range 1..4096.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { solveValidInputs, inputChoices } from '../../src/inference/valid-inputs.js';
import { rng, int } from '../pytorch/corpus.js';
import { validate } from '../helpers.js';
import { EXAMPLES } from '../cli/cli-harness.js';
import { expectAgreement, grid, networksOf, squares } from './valid-inputs-brute.js';

/**
 * The engine takes 4–21 ms per run on these (measured): they get squares
 * 1..24, the others squares 1..96; all the declared size ± 6. Every example
 * also gets non-square inputs drawn from its range.
 */
const COSTLY = new Set(['ResNet50', 'EfficientNetB0', 'GoogLeNet', 'MobileNetV3Small', 'ShuffleNetV2', 'YOLOv3Tiny', 'UNet']);

describe('every example agrees with the engine', () => {
    const files = readdirSync(EXAMPLES).filter(f => f.endsWith('.conv'));
    test.each(files)(
        '%s',
        async file => {
            const { analysis } = await validate(readFileSync(path.join(EXAMPLES, file), 'utf8'));
            for (const network of analysis.networks) {
                const input = network.input!;
                const costly = COSTLY.has(network.name);
                const hi = Math.max(costly ? 24 : 96, input.w + 6);
                const result = solveValidInputs(network.network, input.d, { lo: 1, hi });
                const near = [...squares(input.w - 6, input.w + 6)];
                const random = rng(input.w * 31 + network.name.length);
                const mixed = Array.from({ length: costly ? 4 : 12 }, () => [int(random, 1, hi), int(random, 1, hi)] as const);
                const inputs = [...squares(1, costly ? 24 : 96), ...near, ...mixed];
                expect(expectAgreement(network.network, result, inputs, input.d)).toBe(inputs.length);
            }
        },
        60_000
    );
});

describe('the arithmetic, by hand', () => {
    test('AlexNet as the 2012 paper draws it: W = 32k + 3 tiles, strict', async () => {
        // conv1 11/4: W = 4m + 3 → m − 1 ((224 − 11)/4 + 1 = 54.25: 224 is out). pool 3/2 on m − 1
        // needs m even → m/2 − 1; the 5×5 pad 2 keeps it; pool needs m ≡ 0 (mod 4) → m/4 − 1; the
        // 3×3 pad 1 keeps it; pool needs m ≡ 0 (mod 8) and m/4 − 1 ≥ 3. So m = 8j, j ≥ 2:
        // W = 32j + 3 = 67, 99, …, 195, 227, … (35 → 7 → 3 → 1: the last pool has no room).
        const [n] = await networksOf(
            'network A {\n  input 224x224x3\n  conv 96 11x11 stride 4\n  maxpool 3x3 stride 2\n  conv 256 5x5 pad 2\n' +
                '  maxpool 3x3 stride 2\n  conv 384 3x3 pad 1\n  maxpool 3x3 stride 2\n}\n'
        );
        const result = solveValidInputs(n, 3, { lo: 1, hi: 300 });
        const expected = Array.from({ length: 8 }, (_, k) => 32 * (k + 2) + 3).filter(s => s <= 300);
        expect(result.kind).toBe('axes');
        if (result.kind !== 'axes') return;
        expect(result.width.valid).toEqual(expected);
        expect(result.height.exact).toEqual(expected);
        const choices = inputChoices(result, { w: 224, h: 224, d: 3 });
        expect(choices).toEqual({
            declaredValid: false,
            below: { w: 195, h: 195, d: 3 },
            above: { w: 227, h: 227, d: 3 },
            smallest: { w: 67, h: 67, d: 3 }
        });
    });

    test('non-square: each axis on its own, a 3×5 stride 2×1 conv', async () => {
        // W: (W − 3)/2 + 1 whole ⇔ W odd, W ≥ 3; H: stride 1, H ≥ 5.
        const [n] = await networksOf('network N {\n  input 10x10x1\n  conv 4 3x5 stride 2x1\n}\n');
        const result = solveValidInputs(n, 1, { lo: 1, hi: 12 });
        expect(result.kind === 'axes' && result.width.valid).toEqual([3, 5, 7, 9, 11]);
        expect(result.kind === 'axes' && result.height.valid).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
        // A square input stays square: 9×9 and 11×11 (W odd, H ≥ 5). Non-square 10×11: H 11 is valid, W moves.
        expect(inputChoices(result, { w: 10, h: 10, d: 1 })).toMatchObject({ below: { w: 9, h: 9, d: 1 }, above: { w: 11, h: 11, d: 1 } });
        expect(inputChoices(result, { w: 10, h: 11, d: 1 })).toMatchObject({ below: { w: 9, h: 11, d: 1 }, above: { w: 11, h: 11, d: 1 } });
        // A valid non-square input shows its neighbours: W 9 → 7 and 11, H 11 → 10 and 12.
        expect(inputChoices(result, { w: 9, h: 11, d: 1 })).toMatchObject({
            declaredValid: true,
            below: { w: 7, h: 10, d: 1 },
            above: { w: 11, h: 12, d: 1 }
        });
    });

    test('floor rounding: valid from the smallest size on, exact only where no layer rounds', async () => {
        // 7×7 stride 2 pad 3: (W + 6 − 7)/2 + 1 = (W − 1)/2 + 1, whole ⇔ W odd; floor accepts every W ≥ 1.
        const [n] = await networksOf('network F {\n  input 224x224x3\n  rounding floor\n  conv 64 7x7 stride 2 pad 3\n}\n');
        const result = solveValidInputs(n, 3, { lo: 1, hi: 20 });
        expect(result.kind === 'axes' && result.width.valid).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(result.kind === 'axes' && result.width.exact).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    });

    test('a square centre crop to min(W, H) couples the axes: valid pairs', async () => {
        // crop to m = min(W, H) on both axes, then 3×3 stride 2: (m − 3)/2 + 1 whole ⇔ m odd, m ≥ 3.
        const [n] = await networksOf('network C {\n  input 9x7x1\n  crop (min(in.w, in.h))x(min(in.w, in.h))\n  conv 4 3x3 stride 2\n}\n');
        const result = solveValidInputs(n, 1, { lo: 1, hi: 12 });
        expect(result.kind).toBe('pairs');
        const expected = [...grid(1, 12)].filter(([w, h]) => Math.min(w, h) >= 3 && Math.min(w, h) % 2 === 1);
        expect(result.kind === 'pairs' && result.valid).toEqual(expected);
        expect(expectAgreement(n, result, grid(1, 12), 1)).toBe(144);
    });

    test('a depth of W·H·D after flatten couples the axes: groups 2 needs W·H even', async () => {
        // flatten: 1×1×(W·H·1); conv with groups 2 needs W·H even ⇔ W or H even.
        const [n] = await networksOf('network G {\n  input 4x4x1\n  flatten\n  conv 8 1x1 groups 2\n}\n');
        const result = solveValidInputs(n, 1, { lo: 1, hi: 10 });
        expect(result.kind).toBe('pairs');
        expect(result.kind === 'pairs' && result.valid).toEqual([...grid(1, 10)].filter(([w, h]) => w % 2 === 0 || h % 2 === 0));
        expect(expectAgreement(n, result, grid(1, 10), 1)).toBe(100);
    });

    test('a gate that must be 1×1 on both axes stays per-axis', async () => {
        // gate: 5×5 stride 5 floor → 1×1 exactly when 5 ≤ W ≤ 9 (⌊(W − 5)/5⌋ + 1 = 1); x ⊙ gate broadcasts only then.
        const [n] = await networksOf('network S {\n  input 7x7x4\n  rounding floor\n  multiply {\n    conv 4 5x5 stride 5\n  }\n}\n');
        const result = solveValidInputs(n, 4, { lo: 1, hi: 14 });
        expect(result.kind).toBe('axes');
        expect(result.kind === 'axes' && result.width.valid).toEqual([5, 6, 7, 8, 9]);
        expect(expectAgreement(n, result, grid(1, 14), 4)).toBe(196);
    });

    test('a statement a syntax error cut short (a repeat without its count) is answered, not a crash', async () => {
        // Found by the hostile-input fuzz (seed 10, input 1821) through the hover on `input`.
        const [n] = await networksOf('network R {\n  input 8x8x3\n  repeat { conv 4 3x3 }\n}\n');
        // The engine skips the repeat (its count is unknown) and the file's syntax error is not its to report;
        // no input size makes this file valid, so the solver says so.
        const result = solveValidInputs(n, 3, { lo: 1, hi: 16 });
        expect(result.kind).toBe('unsolvable');
        expect(result.kind === 'unsolvable' && result.node.$type).toBe('Repeat');
    });

    test('an error no size cures: unsolvable, with the statement', async () => {
        const [n] = await networksOf('network U {\n  input 8x8x3\n  conv 0 3x3\n}\n');
        const result = solveValidInputs(n, 3, { lo: 1, hi: 16 });
        expect(result.kind).toBe('unsolvable');
        expect(result.kind === 'unsolvable' && result.node.$cstNode?.text).toBe('conv 0 3x3');
        expect(expectAgreement(n, result, squares(1, 16), 3)).toBe(16);
    });
});

// Its speed (under 1 s per network over 1..4096) is measured by `pnpm bench` (scripts/bench/valid-inputs.mjs), not here.
test('the whole range 1..4096 on ResNet-50', async () => {
    const { analysis } = await validate(readFileSync(path.join(EXAMPLES, 'resnet50.conv'), 'utf8'));
    const network = analysis.networks[0];
    const result = solveValidInputs(network.network, 3, { lo: 1, hi: 4096 });
    // Five stride-2 layers under `rounding floor`: every size is valid, exact when W = 32k + 1.
    expect(result.kind === 'axes' && result.width.valid.length).toBe(4096);
    expect(result.kind === 'axes' && result.width.exact).toEqual(Array.from({ length: 128 }, (_, k) => 32 * k + 1));
}, 30_000);
