/**
 * Engine arithmetic against hand-worked values. Every expected number is
 * written as the arithmetic that produces it (spec §4, §5 and §8's MACs).
 */
import { describe, expect, test } from 'vitest';
import type { Block, Network, Statement } from '../../src/generated/ast.js';
import type { LayerInstance, NetworkAnalysis } from '../../src/inference/model.js';
import { allInstances, net, validate, type Validated } from '../helpers.js';

/** Validates, expects no error, and returns the first network's analysis. */
async function analyzed(
    text: string,
    allowWarnings = false
): Promise<{ result: Validated; network: NetworkAnalysis; leaves: LayerInstance[] }> {
    const result = await validate(text);
    const unexpected = result.diagnostics.filter(d => !allowWarnings || d.severity === 1);
    expect(unexpected.map(d => `${d.code}: ${d.message}`)).toEqual([]);
    const network = result.analysis.networks[0];
    return { result, network, leaves: [...network.layers] };
}

/** The single leaf layer of `net(input, statement, header)`. */
async function single(input: string, statement: string, header = ''): Promise<LayerInstance> {
    const { leaves } = await analyzed(net(input, statement, header));
    expect(leaves).toHaveLength(1);
    return leaves[0];
}

const vol = (w: number, h: number, d: number) => ({ w, h, d });

describe('the seed article', () => {
    test('28×28×192, 96 3×3 filters, P = 0, S = 1 → 26×26×96', async () => {
        const layer = await single('28x28x192', 'conv 96 3x3');
        expect(layer.output?.volume).toEqual(vol((28 - 3 + 2 * 0) / 1 + 1, (28 - 3 + 2 * 0) / 1 + 1, 96));
        expect(layer.filter).toEqual([3, 3, 192]);
        expect(layer.params).toBe(3 * 3 * 192 * 96 + 96);
        expect(layer.macs).toBe(26 * 26 * 3 * 3 * 192 * 96);
    });

    test('five 1×1 filters turn W×H×6 into W×H×5', async () => {
        const layer = await single('13x7x6', 'conv 5 1x1 nobias');
        expect(layer.output?.volume).toEqual(vol(13, 7, 5));
        expect(layer.params).toBe(1 * 1 * 6 * 5);
    });

    test('naive inception on 28×28×192, biases off: 387,072 params, 28×28×416', async () => {
        const text = net(
            '28x28x192',
            [
                'concat {',
                '  branch { conv 64 1x1 }',
                '  branch { conv 128 3x3 pad 1 }',
                '  branch { conv 32 5x5 pad 2 }',
                '  branch { maxpool 3x3 stride 1 pad 1 }',
                '}'
            ].join('\n'),
            'bias off'
        );
        const { network } = await analyzed(text);
        expect(network.params).toBe(1 * 1 * 192 * 64 + 3 * 3 * 192 * 128 + 5 * 5 * 192 * 32);
        expect(network.params).toBe(387_072);
        expect(network.output).toEqual(vol(28, 28, 64 + 128 + 32 + 192));
        expect(network.macs).toBe(28 * 28 * (1 * 1 * 192 * 64 + 3 * 3 * 192 * 128 + 5 * 5 * 192 * 32));
    });

    test('inception with 1×1 reductions: 163,328 params, 28×28×256, 128,049,152 MACs', async () => {
        const text = net(
            '28x28x192',
            [
                'concat {',
                '  branch { conv 64 1x1 }',
                '  branch { conv 96 1x1; conv 128 3x3 pad 1 }',
                '  branch { conv 16 1x1; conv 32 5x5 pad 2 }',
                '  branch { maxpool 3x3 stride 1 pad 1; conv 32 1x1 }',
                '}'
            ].join('\n'),
            'bias off'
        );
        const { network } = await analyzed(text);
        const params = 1 * 1 * 192 * 64 + 1 * 1 * 192 * 96 + 1 * 1 * 192 * 16 + 3 * 3 * 96 * 128 + 5 * 5 * 16 * 32 + 1 * 1 * 192 * 32;
        expect(network.params).toBe(params);
        expect(network.params).toBe(163_328);
        expect(network.output).toEqual(vol(28, 28, 64 + 128 + 32 + 32));
        // Every conv outputs 28×28, so MACs = 28·28·params.
        expect(network.macs).toBe(28 * 28 * params);
        expect(network.macs).toBe(128_049_152);
    });
});

describe('conv', () => {
    test('rectangular kernel, stride and padding on a non-square input', async () => {
        // W: (31 + 2·1 − 5)/2 + 1 = 15; H: (21 + 2·0 − 3)/3 + 1 = 7.
        const layer = await single('31x21x3', 'conv 8 5x3 stride 2x3 pad 1x0');
        expect(layer.output?.volume).toEqual(vol((31 + 2 * 1 - 5) / 2 + 1, (21 + 2 * 0 - 3) / 3 + 1, 8));
        expect(layer.filter).toEqual([5, 3, 3]);
        expect(layer.params).toBe(5 * 3 * 3 * 8 + 8);
        expect(layer.macs).toBe(15 * 7 * 5 * 3 * 3 * 8);
        expect(layer.exact?.map(f => f.num / f.den)).toEqual([15, 7]);
        expect(layer.axes?.[0]).toMatchObject({ input: 31, kernel: 5, stride: 2, padLow: 1, padHigh: 1 });
        expect(layer.axes?.[1]).toMatchObject({ input: 21, kernel: 3, stride: 3, padLow: 0, padHigh: 0 });
    });

    test('width comes first: a 1×7 kernel on 17×17 keeps the width and shrinks the height', async () => {
        const layer = await single('17x17x8', 'conv 4 1x7 pad 0x3 nobias');
        expect(layer.output?.volume).toEqual(vol((17 - 1) / 1 + 1, (17 + 2 * 3 - 7) / 1 + 1, 4));
        expect(layer.params).toBe(1 * 7 * 8 * 4);
    });

    test('dilation: Fe = d(F − 1) + 1, parameters unchanged', async () => {
        // Fe_w = 2·(3 − 1) + 1 = 5, Fe_h = 3·(3 − 1) + 1 = 7.
        const layer = await single('32x32x16', 'conv 8 3x3 dilation 2x3');
        expect(layer.output?.volume).toEqual(vol(32 - (2 * (3 - 1) + 1) + 1, 32 - (3 * (3 - 1) + 1) + 1, 8));
        expect(layer.axes?.map(a => a.effectiveKernel)).toEqual([2 * (3 - 1) + 1, 3 * (3 - 1) + 1]);
        expect(layer.params).toBe(3 * 3 * 16 * 8 + 8);
        expect(layer.macs).toBe(28 * 26 * 3 * 3 * 16 * 8);
    });

    test('groups: Fw·Fh·(D1/G)·K + K', async () => {
        const layer = await single('16x16x32', 'conv 64 3x3 pad 1 groups 4');
        expect(layer.output?.volume).toEqual(vol(16, 16, 64));
        expect(layer.filter).toEqual([3, 3, 32 / 4]);
        expect(layer.params).toBe(3 * 3 * (32 / 4) * 64 + 64);
        expect(layer.macs).toBe(16 * 16 * 3 * 3 * (32 / 4) * 64);
    });

    test("a per-layer `bias` overrides the network's `bias off`, `nobias` the default", async () => {
        const { leaves } = await analyzed(net('8x8x4', 'conv 2 1x1 bias\nconv 3 1x1', 'bias off'));
        expect(leaves.map(l => l.params)).toEqual([1 * 1 * 4 * 2 + 2, 1 * 1 * 2 * 3]);
        const on = await single('8x8x4', 'conv 2 1x1 nobias');
        expect(on.params).toBe(1 * 1 * 4 * 2);
    });
});

describe('dwconv', () => {
    test('mult 2: D2 = D1·M, params Fw·Fh·M·D1 + D1·M', async () => {
        const layer = await single('16x16x32', 'dwconv 3x3 pad 1 mult 2');
        expect(layer.output?.volume).toEqual(vol(16, 16, 32 * 2));
        expect(layer.params).toBe(3 * 3 * 2 * 32 + 32 * 2);
        expect(layer.filter).toEqual([3, 3, 1]);
        expect(layer.macs).toBe(16 * 16 * 3 * 3 * 1 * (32 * 2));
    });

    test('mult 1 by default, stride 2 with pad same, no bias', async () => {
        // ⌈15/2⌉ = 8; total pad max((8 − 1)·2 + 3 − 15, 0) = 2 → 1 and 1.
        const layer = await single('15x15x24', 'dwconv 3x3 stride 2 pad same nobias');
        expect(layer.output?.volume).toEqual(vol(Math.ceil(15 / 2), Math.ceil(15 / 2), 24));
        expect(layer.params).toBe(3 * 3 * 1 * 24);
        expect(layer.axes?.[0]).toMatchObject({ padLow: 1, padHigh: 1 });
    });
});

describe('deconv', () => {
    test('W2 = (W1 − 1)S − 2P + d(F − 1) + O + 1 per axis; params Fw·Fh·D1·(K/G) + K', async () => {
        const layer = await single('7x5x16', 'deconv 8 4x3 stride 2 pad 1 outpad 1');
        expect(layer.output?.volume).toEqual(vol((7 - 1) * 2 - 2 * 1 + 1 * (4 - 1) + 1 + 1, (5 - 1) * 2 - 2 * 1 + 1 * (3 - 1) + 1 + 1, 8));
        expect(layer.params).toBe(4 * 3 * 16 * (8 / 1) + 8);
        expect(layer.macs).toBe(7 * 5 * 4 * 3 * 16 * (8 / 1));
    });

    test('groups and dilation', async () => {
        const layer = await single('4x4x16', 'deconv 8 3x3 stride 2 groups 2 dilation 2');
        expect(layer.output?.volume).toEqual(vol((4 - 1) * 2 - 2 * 0 + 2 * (3 - 1) + 0 + 1, (4 - 1) * 2 + 2 * (3 - 1) + 1, 8));
        expect(layer.params).toBe(3 * 3 * 16 * (8 / 2) + 8);
        expect(layer.macs).toBe(4 * 4 * 3 * 3 * 16 * (8 / 2));
    });

    test('rectangular output padding `outpad 1x0`', async () => {
        const layer = await single('6x6x2', 'deconv 2 2x2 stride 2 outpad 1x0 nobias');
        expect(layer.output?.volume).toEqual(vol((6 - 1) * 2 + 1 * (2 - 1) + 1 + 1, (6 - 1) * 2 + 1 * (2 - 1) + 0 + 1, 2));
        expect(layer.params).toBe(2 * 2 * 2 * 2);
    });
});

describe('pools and rounding', () => {
    test('maxpool stride defaults to the kernel, per axis', async () => {
        const square = await single('32x32x8', 'maxpool 2x2');
        expect(square.output?.volume).toEqual(vol((32 - 2) / 2 + 1, (32 - 2) / 2 + 1, 8));
        expect(square.params).toBe(0);
        expect(square.macs).toBe(0);
        const rect = await single('9x8x8', 'avgpool 3x2');
        expect(rect.output?.volume).toEqual(vol((9 - 3) / 3 + 1, (8 - 2) / 2 + 1, 8));
    });

    test('`rounding floor`: 7×7 stride 2 pad 3 on 224 is ⌊112.5⌋ = 112, exact kept as 225/2', async () => {
        const layer = await single('224x224x3', 'conv 64 7x7 stride 2 pad 3', 'rounding floor');
        expect(layer.output?.volume).toEqual(vol(Math.floor((224 + 2 * 3 - 7) / 2 + 1), 112, 64));
        expect(layer.exact?.[0]).toEqual({ num: 224 + 2 * 3 - 7 + 2, den: 2 });
        expect(layer.rounding).toBe('floor');
        expect(layer.invalid).toBe(false);
    });

    test("per-layer `ceil` overrides the network's floor: ⌈(112 − 3)/2 + 1⌉ = ⌈55.5⌉ = 56", async () => {
        const { leaves } = await analyzed(
            net('224x224x3', 'conv 64 7x7 stride 2 pad 3\nmaxpool 3x3 stride 2 ceil\nmaxpool 3x3 stride 2', 'rounding floor')
        );
        expect(leaves[1].output?.volume).toEqual(vol(Math.ceil((112 - 3) / 2 + 1), 56, 64));
        // The last window starts at (56 − 1)·2 = 110 < 112: kept.
        expect(leaves[1].axes?.[0].lastWindowDropped).toBe(false);
        // Floor again on the next line: ⌊(56 − 3)/2 + 1⌋ = ⌊27.5⌋ = 27.
        expect(leaves[2].output?.volume).toEqual(vol(Math.floor((56 - 3) / 2 + 1), 27, 64));
    });

    test('per-layer `floor` in a strict network', async () => {
        const layer = await single('10x10x3', 'conv 16 3x3 stride 2 floor');
        expect(layer.output?.volume).toEqual(vol(Math.floor((10 - 3) / 2 + 1), 4, 16));
    });

    test('network `rounding ceil`: ⌈(10 − 3)/2 + 1⌉ = 5, last window at (5 − 1)·2 = 8 < 10 kept', async () => {
        const layer = await single('10x10x3', 'maxpool 3x3 stride 2', 'rounding ceil');
        expect(layer.output?.volume).toEqual(vol(Math.ceil((10 - 3) / 2 + 1), 5, 3));
    });

    test('ceil, input 6, kernel 2, stride 2, pad 1: (6 + 2 − 2)/2 + 1 = 4 exactly, no window dropped', async () => {
        const layer = await single('6x6x1', 'maxpool 2x2 stride 2 pad 1 ceil');
        expect(layer.output?.volume).toEqual(vol((6 + 2 * 1 - 2) / 2 + 1, 4, 1));
        expect(layer.axes?.[0].lastWindowDropped).toBe(false);
    });

    test('ceil, input 5, kernel 2, stride 2, pad 1: ⌈3.5⌉ = 4, but (4 − 1)·2 = 6 ≥ 5 + 1 so PyTorch drops it → 3', async () => {
        const layer = await single('5x5x1', 'maxpool 2x2 stride 2 pad 1 ceil');
        expect(Math.ceil((5 + 2 * 1 - 2) / 2 + 1)).toBe(4);
        expect((4 - 1) * 2 >= 5 + 1).toBe(true);
        expect(layer.output?.volume).toEqual(vol(4 - 1, 3, 1));
        expect(layer.axes?.[0].lastWindowDropped).toBe(true);
        expect(layer.exact?.[0]).toEqual({ num: 7, den: 2 });
    });

    test('ceil on a rectangular input rounds each axis on its own', async () => {
        // W: ⌈(7 − 3)/2 + 1⌉ = 3 exactly; H: ⌈(8 − 3)/2 + 1⌉ = ⌈3.5⌉ = 4, last window (4 − 1)·2 = 6 < 8 kept.
        const layer = await single('7x8x2', 'maxpool 3x3 stride 2 ceil');
        expect(layer.output?.volume).toEqual(vol((7 - 3) / 2 + 1, Math.ceil((8 - 3) / 2 + 1), 2));
    });

    test('a pool with padding: 3×3 stride 2 pad 1 on 112 is (112 + 2 − 3)/2 + 1 = 56.5 → floor 56', async () => {
        const layer = await single('112x112x64', 'maxpool 3x3 stride 2 pad 1', 'rounding floor');
        expect(layer.output?.volume).toEqual(vol(Math.floor((112 + 2 * 1 - 3) / 2 + 1), 56, 64));
    });
});

describe('pad same (Keras)', () => {
    test('asymmetric: 8 wide, 3×3, stride 2 → ⌈8/2⌉ = 4, total max(3·2 + 3 − 8, 0) = 1 → low 0, high 1', async () => {
        const layer = await single('8x8x4', 'conv 4 3x3 stride 2 pad same');
        expect(layer.output?.volume).toEqual(vol(Math.ceil(8 / 2), Math.ceil(8 / 2), 4));
        const total = Math.max((4 - 1) * 2 + 3 - 8, 0);
        expect(layer.axes?.[0]).toMatchObject({ padLow: Math.floor(total / 2), padHigh: total - Math.floor(total / 2), same: true });
        expect(layer.axes?.[0].padLow).toBe(0);
        expect(layer.axes?.[0].padHigh).toBe(1);
    });

    test('rectangular: 8×10, 3×5 kernel, stride 2×3', async () => {
        // W: ⌈8/2⌉ = 4, total max(3·2 + 3 − 8, 0) = 1 → 0/1. H: ⌈10/3⌉ = 4, total max(3·3 + 5 − 10, 0) = 4 → 2/2.
        const layer = await single('8x10x1', 'conv 1 3x5 stride 2x3 pad same');
        expect(layer.output?.volume).toEqual(vol(Math.ceil(8 / 2), Math.ceil(10 / 3), 1));
        expect([layer.axes?.[0].padLow, layer.axes?.[0].padHigh]).toEqual([0, 1]);
        expect([layer.axes?.[1].padLow, layer.axes?.[1].padHigh]).toEqual([2, 2]);
    });

    test('dilated: 7 wide, 3×3 dilation 2, stride 1 → 7, total (7 − 1)·1 + 5 − 7 = 4 → 2/2', async () => {
        const layer = await single('7x7x1', 'conv 1 3x3 dilation 2 pad same');
        expect(layer.output?.volume).toEqual(vol(7, 7, 1));
        expect([layer.axes?.[0].padLow, layer.axes?.[0].padHigh]).toEqual([2, 2]);
    });

    test('odd total on a stride-1 even kernel: 4×4 on 9 → total (9 − 1) + 4 − 9 = 3 → 1/2', async () => {
        const layer = await single('9x9x1', 'conv 1 4x4 pad same');
        expect(layer.output?.volume).toEqual(vol(9, 9, 1));
        expect([layer.axes?.[0].padLow, layer.axes?.[0].padHigh]).toEqual([Math.floor(3 / 2), 3 - Math.floor(3 / 2)]);
    });

    test('never negative: 1×1 stride 2 on 7 → ⌈7/2⌉ = 4, total max(3·2 + 1 − 7, 0) = 0', async () => {
        // Stride 2 over a 1-wide kernel also warns stride-skips-input; that is expected here.
        const {
            leaves: [layer]
        } = await analyzed(net('7x7x1', 'conv 1 1x1 stride 2 pad same'), true);
        expect(layer.output?.volume).toEqual(vol(4, 4, 1));
        expect([layer.axes?.[0].padLow, layer.axes?.[0].padHigh]).toEqual([0, 0]);
    });

    test('`pad valid` is pad 0', async () => {
        const layer = await single('9x9x1', 'conv 1 3x3 stride 2 pad valid');
        expect(layer.output?.volume).toEqual(vol((9 - 3) / 2 + 1, 4, 1));
    });
});

describe('shape layers', () => {
    test('globalavgpool and globalmaxpool: 1×1×D1, 0 params', async () => {
        for (const op of ['globalavgpool', 'globalmaxpool']) {
            const layer = await single('7x7x512', op);
            expect(layer.output?.volume).toEqual(vol(1, 1, 512));
            expect(layer.params).toBe(0);
            expect(layer.macs).toBe(0);
        }
    });

    test('adaptiveavgpool 6x6 on 13×13×256', async () => {
        const layer = await single('13x13x256', 'adaptiveavgpool 6x6');
        expect(layer.output?.volume).toEqual(vol(6, 6, 256));
        expect(layer.params).toBe(0);
    });

    test('adaptiveavgpool is width × height', async () => {
        const layer = await single('13x13x4', 'adaptiveavgpool 3x2');
        expect(layer.output?.volume).toEqual(vol(3, 2, 4));
    });

    test('upsample N and AxB', async () => {
        expect((await single('7x5x3', 'upsample 2')).output?.volume).toEqual(vol(7 * 2, 5 * 2, 3));
        expect((await single('7x5x3', 'upsample 2x3')).output?.volume).toEqual(vol(7 * 2, 5 * 3, 3));
    });

    test('zeropad P and AxB', async () => {
        expect((await single('7x5x3', 'zeropad 1')).output?.volume).toEqual(vol(7 + 2 * 1, 5 + 2 * 1, 3));
        expect((await single('7x5x3', 'zeropad 1x2')).output?.volume).toEqual(vol(7 + 2 * 1, 5 + 2 * 2, 3));
    });

    test('flatten then dense: 1×1×(7·7·512), params in·N + N, MACs in·N', async () => {
        const { leaves, network } = await analyzed(net('7x7x512', 'flatten\ndense 4096\nfc 10 nobias'));
        expect(leaves[0].output?.volume).toEqual(vol(1, 1, 7 * 7 * 512));
        expect(leaves[0].params).toBe(0);
        expect(leaves[1].op).toBe('dense');
        expect(leaves[1].params).toBe(7 * 7 * 512 * 4096 + 4096);
        expect(leaves[1].macs).toBe(7 * 7 * 512 * 4096);
        expect(leaves[2].op).toBe('dense');
        expect(leaves[2].params).toBe(4096 * 10);
        expect(network.params).toBe(7 * 7 * 512 * 4096 + 4096 + 4096 * 10);
        expect(network.output).toEqual(vol(1, 1, 10));
    });

    test('dense on a spatial volume flattens implicitly (with an info, not an error)', async () => {
        const { leaves } = await analyzed(net('4x3x2', 'dense 5'), true);
        expect(leaves[0].params).toBe(4 * 3 * 2 * 5 + 5);
        expect(leaves[0].output?.volume).toEqual(vol(1, 1, 5));
    });

    test('dense honours `bias off`', async () => {
        const layer = await single('1x1x100', 'dense 10', 'bias off');
        expect(layer.params).toBe(100 * 10);
    });

    test('batchnorm (alias bn) has 2·D params; prelu 1; other activations and dropout 0', async () => {
        const { leaves, network } = await analyzed(
            net('8x8x64', 'batchnorm\nbn\nprelu\nrelu\nrelu6\nleakyrelu 0.1\nsigmoid\ntanh\ngelu\nsilu\nsoftmax\nlrn\ndropout 0.5')
        );
        expect(leaves.map(l => l.op)).toEqual([
            'batchnorm',
            'batchnorm',
            'prelu',
            'relu',
            'relu6',
            'leakyrelu',
            'sigmoid',
            'tanh',
            'gelu',
            'silu',
            'softmax',
            'lrn',
            'dropout'
        ]);
        expect(leaves.map(l => l.params)).toEqual([2 * 64, 2 * 64, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        expect(leaves.every(l => l.macs === 0)).toBe(true);
        expect(leaves.every(l => l.output && l.output.volume.w === 8 && l.output.volume.h === 8 && l.output.volume.d === 64)).toBe(true);
        expect(network.params).toBe(2 * 64 + 2 * 64 + 1);
    });
});

describe('network totals', () => {
    test('params and MACs sum the leaves; activations sum W·H·D of every output', async () => {
        const { network } = await analyzed(
            net('32x32x3', 'conv 16 3x3 pad 1\nrelu\nmaxpool 2x2\nconv 32 3x3 pad 1\nglobalavgpool\ndense 10')
        );
        expect(network.params).toBe(3 * 3 * 3 * 16 + 16 + (3 * 3 * 16 * 32 + 32) + (32 * 10 + 10));
        expect(network.macs).toBe(32 * 32 * 3 * 3 * 3 * 16 + 16 * 16 * 3 * 3 * 16 * 32 + 32 * 10);
        expect(network.activations).toBe(32 * 32 * 16 + 32 * 32 * 16 + 16 * 16 * 16 + 16 * 16 * 32 + 1 * 1 * 32 + 10);
        expect(network.input).toEqual(vol(32, 32, 3));
        expect(network.output).toEqual(vol(1, 1, 10));
    });
});

describe('receptive field and jump', () => {
    test('three 3×3 stride-1 convs: rf 3, 5, 7; jump 1', async () => {
        const { leaves } = await analyzed(net('32x32x3', 'conv 8 3x3 pad 1\nconv 8 3x3 pad 1\nconv 8 3x3 pad 1'));
        expect(leaves.map(l => l.output?.rf)).toEqual([
            [1 + 2 * 1, 3],
            [3 + 2 * 1, 5],
            [5 + 2 * 1, 7]
        ]);
        expect(leaves.map(l => l.output?.jump)).toEqual([
            [1, 1],
            [1, 1],
            [1, 1]
        ]);
    });

    test('a ResNet stem: rf_out = rf_in + (Fe − 1)·jump_in, jump_out = jump_in·S', async () => {
        const { leaves } = await analyzed(
            net('224x224x3', 'conv 64 7x7 stride 2 pad 3\nmaxpool 3x3 stride 2 pad 1\nconv 64 3x3 pad 1', 'rounding floor')
        );
        const rf1 = 1 + (7 - 1) * 1;
        const j1 = 1 * 2;
        const rf2 = rf1 + (3 - 1) * j1;
        const j2 = j1 * 2;
        const rf3 = rf2 + (3 - 1) * j2;
        expect(leaves.map(l => l.output?.rf[0])).toEqual([rf1, rf2, rf3]);
        expect(leaves.map(l => l.output?.jump[0])).toEqual([j1, j2, j2]);
        expect([rf1, rf2, rf3]).toEqual([7, 11, 19]);
    });

    test('dilation widens the receptive field by Fe − 1; rectangular kernels per axis', async () => {
        // 33×32 → (33 − 5 + 1)×(32 − 5 + 1) = 29×28 → ((29 − 5)/2 + 1)×28 = 13×28.
        const { leaves } = await analyzed(net('33x32x3', 'conv 8 3x3 dilation 2\nconv 8 5x1 stride 2x1'));
        expect(leaves[1].output?.volume).toEqual(vol((29 - 5) / 2 + 1, 28, 8));
        expect(leaves[0].output?.rf).toEqual([1 + (2 * (3 - 1) + 1 - 1) * 1, 5]);
        expect(leaves[1].output?.rf).toEqual([5 + (5 - 1) * 1, 5 + (1 - 1) * 1]);
        expect(leaves[1].output?.jump).toEqual([1 * 2, 1 * 1]);
    });

    test('element-wise layers keep rf and jump', async () => {
        const { leaves } = await analyzed(net('16x16x3', 'conv 8 3x3 stride 2 pad same\nrelu\nbn'));
        expect(leaves[2].output?.rf).toEqual(leaves[0].output?.rf);
        expect(leaves[2].output?.jump).toEqual([2, 2]);
    });
});

describe('blocks', () => {
    const bottleneck = 'block bottleneck(c, s) {\n  conv c 1x1\n  conv c 3x3 stride s pad 1\n  conv c*4 1x1\n}\n';

    test('parameters and expressions: `conv c*4 1x1`, inheriting `bias off`', async () => {
        const { network, leaves } = await analyzed(bottleneck + net('56x56x64', 'bottleneck(64, 1)', 'bias off'));
        expect(network.output).toEqual(vol(56, 56, 64 * 4));
        expect(leaves.map(l => l.params)).toEqual([1 * 1 * 64 * 64, 3 * 3 * 64 * 64, 1 * 1 * 64 * (64 * 4)]);
        expect(network.params).toBe(1 * 1 * 64 * 64 + 3 * 3 * 64 * 64 + 1 * 1 * 64 * 256);
    });

    test('the same block under `bias on` counts the biases', async () => {
        const { network } = await analyzed(bottleneck + net('56x56x64', 'b1: bottleneck(64, 1)'));
        expect(network.params).toBe(1 * 1 * 64 * 64 + 64 + (3 * 3 * 64 * 64 + 64) + (1 * 1 * 64 * 256 + 256));
    });

    test('a block call inherits `rounding floor`: (56 + 2 − 3)/2 + 1 = 28.5 → 28', async () => {
        const { network } = await analyzed(bottleneck + net('56x56x64', 'bottleneck(64, 2)', 'rounding floor'));
        expect(network.output).toEqual(vol(Math.floor((56 + 2 * 1 - 3) / 2 + 1), 28, 256));
    });

    test('the same call in a strict network is non-integer-output', async () => {
        const result = await validate(bottleneck + net('56x56x64', 'bottleneck(64, 2)'));
        expect(result.codes).toContain('non-integer-output');
        expect(result.diagnostics.find(d => d.code === 'non-integer-output')?.message).toContain('(56 − 3 + 2·1)/2 + 1 = 28.5');
    });

    test('nested blocks with expressions', async () => {
        const text =
            'block inner(c) { conv c 3x3 pad 1 }\nblock outer(c) {\n  inner(c)\n  inner(c*2)\n  conv (c+c)/4 1x1\n}\n' +
            net('8x8x3', 'outer(4)', 'bias off');
        const { network, leaves } = await analyzed(text);
        expect(leaves.map(l => l.output?.volume.d)).toEqual([4, 4 * 2, (4 + 4) / 4]);
        expect(network.params).toBe(3 * 3 * 3 * 4 + 3 * 3 * 4 * 8 + 1 * 1 * 8 * 2);
        expect(leaves.map(l => l.callPath.length)).toEqual([2, 2, 1]);
    });

    test('a block with no parameters: dense_layer()', async () => {
        const text = 'block dense_layer() {\n  bn\n  relu\n  conv 32 3x3 pad 1\n}\n' + net('8x8x64', 'dense_layer()', 'bias off');
        const { network } = await analyzed(text);
        expect(network.params).toBe(2 * 64 + 3 * 3 * 64 * 32);
        expect(network.output).toEqual(vol(8, 8, 32));
    });

    test("instancesByNode lists every call's instance of a block statement, in execution order", async () => {
        const text = 'block b(c) { conv c 3x3 pad 1 }\n' + net('8x8x3', 'first: b(8)\nrepeat 2 { b(16) }\nlast: b(4)');
        const { result } = await analyzed(text);
        const block = result.document.parseResult.value.declarations.find(d => d.name === 'b') as Block;
        const conv = block.statements[0] as Statement;
        const instances = result.analysis.instancesByNode.get(conv) ?? [];
        expect(instances.map(i => i.output?.volume.d)).toEqual([8, 16, 16, 4]);
        expect(instances.map(i => i.input?.volume.d)).toEqual([3, 8, 16, 16]);
        expect(instances.map(i => i.params)).toEqual([3 * 3 * 3 * 8 + 8, 3 * 3 * 8 * 16 + 16, 3 * 3 * 16 * 16 + 16, 3 * 3 * 16 * 4 + 4]);
        const network = result.document.parseResult.value.declarations.find(d => d.name === 'N') as Network;
        const calls = network.statements.filter(s => s.$type === 'BlockCall');
        expect(instances[0].callPath).toEqual([calls[0]]);
        expect(instances[3].callPath).toEqual([calls[1]]);
        // The network's layers (the tree's leaves in execution order) hold the same four, in the same order.
        expect(result.analysis.networks[0].layers.filter(i => i.node === conv)).toEqual(instances);
    });
});

describe('repeat', () => {
    test('the body N times: one lane per iteration, N× params', async () => {
        const { network, leaves } = await analyzed(net('8x8x16', 'repeat 3 { conv 16 3x3 pad 1 }'));
        expect(leaves).toHaveLength(3);
        expect(network.params).toBe(3 * (3 * 3 * 16 * 16 + 16));
        const structure = allInstances(network.body).filter(i => i.kind === 'structure');
        expect(structure.map(i => i.op)).toEqual(['repeat']);
        expect(structure[0].params).toBe(3 * (3 * 3 * 16 * 16 + 16));
        // The repeat holds its contents: one lane per iteration, each with its own conv, in execution order.
        expect(network.body).toEqual([structure[0]]);
        expect(structure[0].kind === 'structure' && structure[0].lanes.map(l => l.children)).toEqual(leaves.map(l => [l]));
    });

    test('shapes may change per iteration: 16 → 8 → 4', async () => {
        const { network, leaves } = await analyzed(net('16x16x8', 'repeat 2 { conv 8 2x2 stride 2 }'));
        expect(leaves.map(l => l.output?.volume.w)).toEqual([(16 - 2) / 2 + 1, (8 - 2) / 2 + 1]);
        expect(network.output).toEqual(vol(4, 4, 8));
        expect(network.params).toBe(2 * (2 * 2 * 8 * 8 + 8));
    });

    test('the count may be a block parameter, and a repeat may hold a block call', async () => {
        const text =
            'block unit(c) { conv c 3x3 pad 1\n bn }\nblock stage(n, c) { repeat n { unit(c) } }\n' +
            net('8x8x4', 'stage(3, 4)', 'bias off');
        const { network, leaves } = await analyzed(text);
        expect(leaves).toHaveLength(3 * 2);
        expect(network.params).toBe(3 * (3 * 3 * 4 * 4 + 2 * 4));
    });

    test('an empty repeat body is the identity', async () => {
        const { network } = await analyzed(net('8x8x4', 'repeat 5 { }\nrelu'));
        expect(network.output).toEqual(vol(8, 8, 4));
    });
});

describe('concat and residual', () => {
    test('DenseNet: an empty branch is the identity, D2 = D1 + growth', async () => {
        const text = net(
            '56x56x64',
            ['concat {', '  branch { }', '  branch { bn; relu; conv 128 1x1; bn; relu; conv 32 3x3 pad 1 }', '}'].join('\n'),
            'bias off'
        );
        const { network } = await analyzed(text);
        expect(network.output).toEqual(vol(56, 56, 64 + 32));
        expect(network.params).toBe(2 * 64 + 1 * 1 * 64 * 128 + 2 * 128 + 3 * 3 * 128 * 32);
        const concat = allInstances(network.body).find(i => i.op === 'concat');
        expect(concat?.params).toBe(network.params);
        expect(concat?.output?.volume).toEqual(vol(56, 56, 96));
    });

    test('residual with an identity shortcut', async () => {
        const text = net('56x56x64', 'residual {\n  conv 64 3x3 pad 1; bn; relu\n  conv 64 3x3 pad 1; bn\n}\nrelu', 'bias off');
        const { network } = await analyzed(text);
        expect(network.output).toEqual(vol(56, 56, 64));
        expect(network.params).toBe(2 * (3 * 3 * 64 * 64 + 2 * 64));
    });

    test('residual with a projection shortcut (ResNet downsampling, floor rounding)', async () => {
        const text = net(
            '56x56x64',
            [
                'residual {',
                '  conv 128 3x3 stride 2 pad 1; bn; relu',
                '  conv 128 3x3 pad 1; bn',
                '} shortcut {',
                '  conv 128 1x1 stride 2; bn',
                '}'
            ].join('\n'),
            'rounding floor\n  bias off'
        );
        // Body: ⌊(56 + 2 − 3)/2 + 1⌋ = ⌊28.5⌋ = 28; shortcut: ⌊(56 − 1)/2 + 1⌋ = ⌊28.5⌋ = 28.
        const { network } = await analyzed(text, true);
        expect(network.output).toEqual(vol(28, 28, 128));
        expect(network.params).toBe(3 * 3 * 64 * 128 + 2 * 128 + 3 * 3 * 128 * 128 + 2 * 128 + 1 * 1 * 64 * 128 + 2 * 128);
        const residual = allInstances(network.body).find(i => i.op === 'residual');
        expect(residual?.params).toBe(network.params);
        expect(network.macs).toBe(28 * 28 * (3 * 3 * 64 * 128) + 28 * 28 * (3 * 3 * 128 * 128) + 28 * 28 * (1 * 1 * 64 * 128));
    });

    test('a concat inside a repeat: depth grows each iteration', async () => {
        const { network } = await analyzed(net('8x8x16', 'repeat 3 { concat { branch { } branch { conv 8 3x3 pad 1 nobias } } }'));
        expect(network.output).toEqual(vol(8, 8, 16 + 3 * 8));
        expect(network.params).toBe(3 * 3 * 16 * 8 + 3 * 3 * 24 * 8 + 3 * 3 * 32 * 8);
    });
});
