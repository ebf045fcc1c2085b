/**
 * nearestValidInputs: the nearest input sizes (below and above) on which every
 * layer of a network is valid (the input-size quick fix), on networks parsed
 * by Langium. Each answer is derived by hand in the comments.
 */
import { describe, expect, test } from 'vitest';
import type { NetworkAnalysis } from '../../src/inference/model.js';
import { nearestValidInputs } from '../../src/inference/input-solver.js';
import { validate } from '../helpers.js';

/** The file's first network as analysed: the sizes are solved around its declared input. */
async function network(text: string): Promise<NetworkAnalysis> {
    const { analysis } = await validate(text);
    return analysis.networks[0];
}

const vol = (w: number, h: number, d: number) => ({ w, h, d });

describe('nearestValidInputs', () => {
    test('the seed article: 10×10×3 under a 3×3 stride-2 conv → 9×9×3 and 11×11×3', async () => {
        const n = await network('network A {\n  input 10x10x3\n  conv 16 3x3 stride 2\n}\n');
        expect(nearestValidInputs(n)).toEqual({ below: vol(9, 9, 3), above: vol(11, 11, 3) });
    });

    test('AlexNet as the 2012 paper draws it: 224×224×3 → 227×227×3 (and 195×195×3)', async () => {
        // conv1 11/4 needs W ≡ 3 (mod 4), W = 4m + 3 → m − 1; pool1 3/2 needs m even → m/2 − 1;
        // conv2 5×5 pad 2 keeps; pool2 needs m ≡ 0 (mod 4) → m/4 − 1; conv3-5 pad 1 keep;
        // pool5 needs m ≡ 0 (mod 8). So W = 32k + 3: 195, 227.
        const n = await network(
            [
                'network AlexNet2012 {',
                '  input 224x224x3',
                '  conv1: conv 96 11x11 stride 4',
                '  relu',
                '  lrn',
                '  pool1: maxpool 3x3 stride 2',
                '  conv2: conv 256 5x5 pad 2',
                '  relu',
                '  lrn',
                '  pool2: maxpool 3x3 stride 2',
                '  conv3: conv 384 3x3 pad 1',
                '  conv4: conv 384 3x3 pad 1',
                '  conv5: conv 256 3x3 pad 1',
                '  pool5: maxpool 3x3 stride 2',
                '  flatten',
                '  fc6: dense 4096',
                '  dropout 0.5',
                '  fc7: dense 4096',
                '  fc8: dense 1000',
                '}',
                ''
            ].join('\n')
        );
        const r = nearestValidInputs(n);
        expect(r.above).toEqual(vol(227, 227, 3));
        expect(r.below).toEqual(vol(195, 195, 3));
    });

    test('a network that already tiles needs no change', async () => {
        const n = await network('network V {\n  input 227x227x3\n  conv 96 11x11 stride 4\n  maxpool 3x3 stride 2\n}\n');
        expect(nearestValidInputs(n)).toEqual({});
    });

    test('under `rounding floor` nothing is an error, so nothing to solve', async () => {
        const n = await network('network F {\n  input 224x224x3\n  rounding floor\n  conv 64 7x7 stride 2 pad 3\n}\n');
        expect(nearestValidInputs(n)).toEqual({});
    });

    test('non-square: only the failing axis moves (20×21, 5×5 stride 3 pad 1: W ≡ 0 (mod 3), H = 21 already tiles)', async () => {
        // W: (W + 2 − 5)/3 integer ⇔ W ≡ 0 (mod 3) → 18 below, 21 above; H: (21 − 3)/3 + 1 = 7 stays.
        const n = await network('network NS {\n  input 20x21x8\n  conv 8 5x5 stride 3 pad 1\n}\n');
        expect(nearestValidInputs(n)).toEqual({ below: vol(18, 21, 8), above: vol(21, 21, 8) });
    });

    test('non-square, both axes failing independently (25×30, 3×3 stride 2 then 2×2 stride 2)', async () => {
        // conv 3/2: W odd → (W − 1)/2; pool 2/2: (W − 1)/2 even ⇔ W ≡ 1 (mod 4).
        // W = 25 ≡ 1 works; H = 30 → 29 below, 33 above.
        const n = await network('network NS2 {\n  input 25x30x3\n  conv 8 3x3 stride 2\n  maxpool 2x2\n}\n');
        expect(nearestValidInputs(n)).toEqual({ below: vol(25, 29, 3), above: vol(25, 33, 3) });
    });

    test('a kernel larger than the input: 4×4 under a 7×7 conv → nothing below, 7×7 above ((7 − 7)/1 + 1 = 1)', async () => {
        const n = await network('network K {\n  input 4x4x3\n  conv 8 7x7\n}\n');
        const r = nearestValidInputs(n);
        expect(r.below).toBeUndefined();
        expect(r.above).toEqual(vol(7, 7, 3));
    });

    test('no input size works: concat of a 2×2/2 pool (needs W even) and a 3×3/2 pad-1 conv (needs W odd)', async () => {
        const n = await network(
            'network X {\n  input 16x16x4\n  concat {\n    branch { maxpool 2x2 stride 2 }\n    branch { conv 4 3x3 stride 2 pad 1 }\n  }\n}\n'
        );
        expect(nearestValidInputs(n)).toEqual({ below: undefined, above: undefined });
    });

    test('no input size works: a residual whose body changes the depth (size cannot fix depth)', async () => {
        const n = await network('network D {\n  input 9x9x8\n  residual {\n    conv 16 3x3 stride 2\n  }\n}\n');
        const r = nearestValidInputs(n);
        expect(r.below).toBeUndefined();
        expect(r.above).toBeUndefined();
    });

    test('the sizes the hover solves (1..16,384 here): a 1×1 stride-100000 conv on 50000 tiles at 1, and at 100001 beyond them', async () => {
        // (W − 1)/100000 integer ⇔ W ≡ 1 (mod 100000): 1 below; 100001 above is past the solver's 16,384.
        const n = await network('network FAR {\n  input 50000x50000x3\n  conv 8 1x1 stride 100000\n}\n');
        const r = nearestValidInputs(n);
        expect(r.below).toEqual(vol(1, 1, 3));
        expect(r.above).toBeUndefined();
    });

    test('blocks and repeats are searched through (a block with a stride-2 pool, called twice: W ≡ 0 (mod 4))', async () => {
        // pool 2/2 twice: W even and W/2 even ⇔ W ≡ 0 (mod 4). 30 → 28 below, 32 above.
        const n = await network('block down() {\n  maxpool 2x2\n}\nnetwork B {\n  input 30x30x3\n  repeat 2 { down() }\n}\n');
        expect(nearestValidInputs(n)).toEqual({ below: vol(28, 28, 3), above: vol(32, 32, 3) });
    });
});
