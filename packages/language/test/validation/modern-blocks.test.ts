/**
 * The 0.2 statements (gates, splits, shuffles, crops, references, `in`,
 * functions, `repeat 0`, the new activations) and the 0.2 diagnostic codes:
 * for each, a case that works with its arithmetic worked out here, and a
 * case that raises the code with the text of its message.
 */
import { describe, expect, test } from 'vitest';
import type { LayerInstance } from '../../src/inference/model.js';
import { all, allInstances, clean, net, raises, silent } from '../helpers.js';

const ERROR = 1;
const WARNING = 2;

const layersOf = async (text: string): Promise<LayerInstance[]> => [...(await clean(text)).analysis.networks[0].layers];
const vol = (w: number, h: number, d: number) => ({ w, h, d });

describe('multiply { … }: x ⊙ gate(x)', () => {
    // A squeeze-and-excitation gate on 8×8×16: pool 1×1×16, 16·4 + 4, relu, 4·16 + 16, sigmoid: 1×1×16 broadcast onto x.
    const SE = 'multiply {\n  globalavgpool\n  conv 4 1x1\n  relu\n  conv 16 1x1\n  sigmoid\n}';

    test("the gate 1×1×D broadcasts onto W×H×D: the output is x, the parameters the gate's", async () => {
        const { analysis } = await clean(net('8x8x16', SE));
        const [gate] = analysis.networks[0].body;
        expect(gate).toMatchObject({ kind: 'structure', op: 'multiply', output: { volume: vol(8, 8, 16) } });
        expect(gate.params).toBe(16 * 4 + 4 + (4 * 16 + 16));
        expect(analysis.networks[0].output).toEqual(vol(8, 8, 16));
    });

    test('a spatial gate W×H×1 broadcasts too', async () => {
        await clean(net('8x8x16', 'multiply { conv 1 3x3 pad 1; sigmoid }'));
    });

    test('merge-mismatch: a gate of 1×1×8 on 8×8×16 does not broadcast, and the message says what would', async () => {
        const { message, range } = await raises(net('8x8x16', SE.replace('conv 16 1x1', 'conv 8 1x1')), 'merge-mismatch', ERROR);
        expect(range.startsWith('multiply {')).toBe(true);
        expect(message).toBe('the gate gives 1×1×8, which does not broadcast to 8×8×16: it must be 1×1×16, 8×8×1 or 8×8×16');
    });
});

describe('split [A, B, …] { branch … }', () => {
    test('equal parts: 8×8×16 in two halves of 8; an empty branch passes its half; the outputs concatenated', async () => {
        const { analysis } = await clean(net('8x8x16', 'split { branch { } branch { conv 8 1x1 } }'));
        const [split] = analysis.networks[0].body;
        expect(split).toMatchObject({ op: 'split', parts: [8, 8] });
        // 1·1·8·8 + 8: the conv sees its half only.
        expect(split.params).toBe(1 * 1 * 8 * 8 + 8);
        expect(analysis.networks[0].output).toEqual(vol(8, 8, 8 + 8));
    });

    test('the depths given: 10 + 6 = 16', async () => {
        const layers = await layersOf(net('8x8x16', 'split 10, 6 { branch { conv 4 1x1 } branch { conv 2 1x1 } }'));
        expect(layers.map(l => l.input?.volume.d)).toEqual([10, 6]);
    });

    test('split-mismatch: 15 does not split into 2 equal parts (15 / 2 = 7.5)', async () => {
        const { message } = await raises(net('8x8x15', 'split { branch { } branch { } }'), 'split-mismatch', ERROR);
        expect(message).toBe('the input depth 15 does not split into 2 equal parts (15 / 2 = 7.5)');
    });

    test('split-mismatch: depths that do not add up, and a count that does not match the branches', async () => {
        const sum = await raises(net('8x8x16', 'split 8, 4 { branch { } branch { } }'), 'split-mismatch', ERROR);
        expect(sum.message).toBe('the depths 8 + 4 = 12, but the input is 16 deep');
        expect(sum.range).toBe('8, 4');
        const count = await raises(net('8x8x16', 'split 16 { branch { } branch { } }'), 'split-mismatch', ERROR);
        expect(count.message).toBe(
            '1 depth (16) for 2 branches: give one depth per branch, adding up to 16, or none for 2 equal parts of 8 (`split { … }`)'
        );
        // `split 2 { … }` meaning "in two": the message says how that is written.
        const two = await raises(net('8x8x16', 'split 2 { branch { } branch { conv 8 1x1 } }'), 'split-mismatch', ERROR);
        expect(two.message).toContain('or none for 2 equal parts of 8');
    });
});

describe('shuffle G', () => {
    test('keeps the volume, no parameters', async () => {
        const [layer] = await layersOf(net('8x8x12', 'shuffle 3'));
        expect(layer).toMatchObject({ op: 'shuffle', params: 0, output: { volume: vol(8, 8, 12) }, hyper: { op: 'shuffle', groups: 3 } });
    });

    test('shuffle-mismatch: 3 groups on 116 channels (116 / 3 = 38.667…)', async () => {
        const { message, range } = await raises(net('8x8x116', 'shuffle 3'), 'shuffle-mismatch', ERROR);
        expect(range).toBe('3');
        expect(message).toBe('a channel shuffle in 3 groups needs a depth divisible by 3; the input is 116 deep (116 / 3 = 38.667…)');
    });
});

describe('crop WxH', () => {
    test('a centre crop; an odd surplus leaves the extra pixel on the right and bottom', async () => {
        // 9 − 4 = 5: 2 off the left, 3 off the right; 8 − 4 = 4: 2 and 2.
        const [layer] = await layersOf(net('9x8x3', 'crop 4x4'));
        expect(layer.output?.volume).toEqual(vol(4, 4, 3));
        expect(layer.hyper).toEqual({ op: 'crop', size: [4, 4], offset: [Math.floor((9 - 4) / 2), (8 - 4) / 2] });
    });

    test('crop-too-large: 392×392 from a 200×200 input', async () => {
        const { message } = await raises(net('200x200x64', 'crop 392x392'), 'crop-too-large', ERROR);
        expect(message).toBe('crop 392×392 is larger than its 200×200 input');
    });
});

describe('references: concat with, add, multiply L, route', () => {
    test("concat with: the current volume and the label's side by side (D = 8 + 4)", async () => {
        const layers = await layersOf(net('8x8x3', 'a: conv 4 3x3 pad 1\nconv 8 1x1\nconcat with a'));
        const ref = layers[2];
        expect(ref).toMatchObject({ op: 'concat', output: { volume: vol(8, 8, 8 + 4) } });
        expect(ref.sources?.map(s => [s.label, s.instance])).toEqual([['a', layers[0]]]);
    });

    test("concat with … crop: U-Net's skip, the reference centre-cropped to the current 4×4 (from 8×8: 2 off each side)", async () => {
        const layers = await layersOf(net('8x8x3', 'enc1: conv 4 1x1\nmaxpool 2\nconcat with enc1 crop'));
        expect(layers[2].output?.volume).toEqual(vol(4, 4, 4 + 4));
        expect(layers[2].sources?.[0].offset).toEqual([(8 - 4) / 2, (8 - 4) / 2]);
    });

    test('merge-mismatch: concat with a 8×8 label on a 4×4 volume lists both volumes and names crop', async () => {
        const { message } = await raises(net('8x8x3', 'enc1: conv 4 1x1\nmaxpool 2\nconcat with enc1'), 'merge-mismatch', ERROR);
        expect(message).toBe(
            '`concat with` needs equal W×H: the current volume 4×4×4, enc1 8×8×4 (`crop` centre-crops the references to the current size)'
        );
    });

    test('merge-mismatch: crop cannot grow a smaller reference', async () => {
        const { message } = await raises(net('8x8x3', 'small: maxpool 2\nupsample 4\nconcat with small crop'), 'merge-mismatch', ERROR);
        expect(message).toContain('but one is smaller');
    });

    test('add: equal volumes; add several', async () => {
        const layers = await layersOf(net('8x8x4', 'a: conv 4 3x3 pad 1\nb: conv 4 3x3 pad 1\nadd a, b'));
        expect(layers[2]).toMatchObject({ op: 'add', params: 0, output: { volume: vol(8, 8, 4) } });
    });

    test('merge-mismatch: add needs equal volumes', async () => {
        const { message } = await raises(net('8x8x4', 'a: conv 4 3x3 pad 1\nconv 8 1x1\nadd a'), 'merge-mismatch', ERROR);
        expect(message).toBe('`add` needs equal volumes: the current volume 8×8×8, a 8×8×4');
    });

    test('multiply L broadcasts either way: the larger volume', async () => {
        const layers = await layersOf(net('8x8x4', 'g: globalavgpool\nupsample 8\nmultiply g'));
        expect(layers[2].output?.volume).toEqual(vol(8, 8, 4));
        const other = await layersOf(net('8x8x4', 'x: conv 4 1x1\nglobalavgpool\nmultiply x'));
        expect(other[2].output?.volume).toEqual(vol(8, 8, 4));
    });

    test('route: the flow restarts from the named outputs, concatenated (D = 4 + 6)', async () => {
        const layers = await layersOf(net('8x8x3', 'a: conv 4 1x1\nb: conv 6 1x1\nmaxpool 2\nroute a, b'));
        expect(layers[3].output?.volume).toEqual(vol(8, 8, 4 + 6));
    });

    test('a label written as a statement (`branch { enc1 }`) is explained, with `route enc1` as the fix', async () => {
        const text = net('8x8x4', 'enc1: conv 4 1x1\nconv 4 1x1\nconcat {\n  branch { enc1 }\n  branch { }\n}');
        const { message, range } = await raises(text, 'unknown-layer', ERROR);
        expect(range).toBe('enc1');
        expect(message).toContain('`enc1` is a label: a statement reads its output with `route enc1`');
        // With the fix: concat(enc1, x) = 8×8×(4 + 4).
        const fixed = await clean(text.replace('branch { enc1 }', 'branch { route enc1 }'));
        expect(fixed.analysis.networks[0].output).toEqual(vol(8, 8, 8));
    });

    test('merge-mismatch: route of a 8×8 and a 4×4 output', async () => {
        const { message } = await raises(net('8x8x3', 'a: conv 4 1x1\nb: maxpool 2\nroute a, b'), 'merge-mismatch', ERROR);
        expect(message).toBe('`route` concatenates on depth and needs equal W×H: a 8×8×4, b 4×4×4');
    });

    test('a labelled structure names its combined output', async () => {
        const layers = await layersOf(net('8x8x4', 's: concat { branch { conv 2 1x1 } branch { conv 3 1x1 } }\nconv 5 1x1\nconcat with s'));
        expect(layers[3].output?.volume).toEqual(vol(8, 8, 5 + 2 + 3));
    });

    test("inside a repeat, a label of the same body is the current iteration's output; one before the repeat is that output", async () => {
        // Iteration 1: a on 8 deep gives 8; add a → 8. Iteration 2: a on 8 gives 8. `add x` reads x from before the repeat (8×8×8).
        const text = net('8x8x8', 'x: conv 8 1x1\nrepeat 2 {\n  a: conv 8 3x3 pad 1\n  relu\n  add a\n  add x\n}');
        const { analysis } = await clean(text);
        const adds = analysis.networks[0].layers.filter(l => l.op === 'add');
        const convs = analysis.networks[0].layers.filter(l => l.label === 'a');
        expect(adds.filter(a => a.sources?.[0].label === 'a').map(a => a.sources?.[0].instance)).toEqual(convs);
        expect(adds.filter(a => a.sources?.[0].label === 'x').every(a => a.sources?.[0].instance === analysis.networks[0].layers[0])).toBe(
            true
        );
    });

    test('labels are local to a block instance: two calls read their own `a`', async () => {
        const text = 'block b(c) {\n  a: conv c 1x1\n  conv c 3x3 pad 1\n  add a\n}\n' + net('8x8x3', 'b(4)\nb(6)');
        const layers = await layersOf(text);
        const adds = layers.filter(l => l.op === 'add');
        expect(adds.map(a => a.output?.volume.d)).toEqual([4, 6]);
        expect(adds[1].sources?.[0].instance).toBe(layers[3]);
    });

    test('unknown-label: no such label, with the labels that exist and the nearest', async () => {
        const { message, range } = await raises(net('8x8x3', 'enc1: conv 4 1x1\nenc2: conv 4 1x1\nadd enc3'), 'unknown-label', ERROR);
        expect(range).toBe('enc3');
        expect(message).toBe('no label `enc3` here — did you mean `enc1` or `enc2`? (labels before it: enc1, enc2)');
    });

    test('unknown-label: a structure around the reference is not offered, its output is not computed there', async () => {
        const { message } = await raises(net('8x8x4', 'a: conv 4 1x1\nab: residual {\n  conv 4 1x1\n  add ac\n}'), 'unknown-label', ERROR);
        expect(message).toBe('no label `ac` here — did you mean `a`? (labels before it: a)');
    });

    test('unknown-label: a label of another network is not visible', async () => {
        const text = net('8x8x3', 'a: conv 4 1x1') + 'network M {\n  input 8x8x4\n  add a\n}\n';
        await raises(text, 'unknown-label', ERROR);
    });

    test('forward-reference: a label defined later, also inside a repeat', async () => {
        const { message } = await raises(net('8x8x4', 'add b\nb: conv 4 1x1'), 'forward-reference', ERROR);
        expect(message).toBe('`b` is defined later, on line 4: a reference reads an output computed before it');
        await raises(net('8x8x4', 'repeat 2 {\n  add b\n  b: conv 4 1x1\n}'), 'forward-reference', ERROR);
        const own = await raises(net('8x8x4', 's: residual { add s }'), 'forward-reference', ERROR);
        expect(own.message).toBe("`s` names this statement's own output, which is not computed yet here");
    });

    test('a label may be any word, keywords included: `add relu`, `concat with x`, `relu.d`, `x.d` all read it', async () => {
        // relu: 8×8×3 (after conv 3); x: 8×8×4. conv relu.d → 3 deep; add relu; conv x.d → 4; add x; concat with relu, x → 4 + 3 + 4.
        const text = net(
            '8x8x4',
            'conv 3 1x1\nrelu: relu\nconv relu.d 1x1\nadd relu\nx: conv 4 1x1\nconv x.d 1x1\nadd x\nconcat with relu, x'
        );
        const layers = await layersOf(text);
        expect(layers.map(l => l.output?.volume.d)).toEqual([3, 3, 3, 3, 4, 4, 4, 4 + 3 + 4]);
        expect(layers[3].sources?.[0].instance).toBe(layers[1]);
        expect(layers[7].sources?.map(s => s.label)).toEqual(['relu', 'x']);
    });

    test('route restarts the flow even after an error above it: its lines keep their volumes', async () => {
        const { result } = await raises(net('8x8x3', 'a: conv 4 1x1\nconv 4 9x9\nroute a\nconv 2 1x1'), 'kernel-too-large', ERROR);
        const layers = result.analysis.networks[0].layers;
        expect(layers[1].output).toBeUndefined();
        expect(layers.slice(2).map(l => l.output?.volume)).toEqual([vol(8, 8, 4), vol(8, 8, 2)]);
    });

    test('near miss: a reference to an earlier label is no forward reference', async () => {
        await silent(net('8x8x4', 'b: conv 4 1x1\nadd b'), 'forward-reference');
    });
});

describe('numbers: in, labels, functions, decimals', () => {
    test('in.d is the depth entering the statement: a DenseNet transition halves any depth', async () => {
        const text = 'block transition() {\n  conv in.d/2 1x1\n  avgpool 2\n}\n' + net('8x8x64', 'transition()\nconv 32 1x1\ntransition()');
        const layers = await layersOf(text);
        expect(layers.map(l => l.output?.volume.d)).toEqual([64 / 2, 64 / 2, 32, 32 / 2, 32 / 2]);
    });

    test('in.w and in.h, and L.d of an earlier label', async () => {
        const layers = await layersOf(net('8x6x3', 'a: conv 5 1x1\nadaptiveavgpool (in.w/2)x(in.h/2)\nconv a.d*2 1x1'));
        expect(layers[1].output?.volume).toEqual(vol(8 / 2, 6 / 2, 5));
        expect(layers[2].output?.volume.d).toBe(5 * 2);
    });

    test("min, max, floor and ceil; inside floor/ceil `/` is exact rational division (torchvision's _make_divisible)", async () => {
        // max(8, floor((20 + 4)/8)·8) = max(8, 24) = 24; floor(0.25·30) = 7; ceil(30/4) = 8; min(3, 5) = 3.
        const layers = await layersOf(
            net('4x4x30', 'conv max(8, floor((20 + 4)/8)*8) 1x1\nconv floor(0.25*30) 1x1\nconv ceil(30/4) 1x1\nconv min(3, 5) 1x1')
        );
        expect(layers.map(l => l.output?.volume.d)).toEqual([24, 7, 8, 3]);
    });

    test('invalid-value: 8.5 or 1e308 where a whole number belongs is one error, "sizes are whole numbers"', async () => {
        for (const [written, shown] of [
            ['8.5', '8.5'],
            ['1e308', '1e308']
        ]) {
            const { result, message } = await raises(net('8x8x3', `conv ${written} 3x3`), 'invalid-value', ERROR);
            expect(message).toBe(`${shown} is not a whole number: sizes and counts are whole numbers`);
            expect(result.codes).toEqual(['invalid-value']);
        }
    });

    test('repeat 0 is the identity; a negative count stays invalid-value', async () => {
        const { analysis } = await clean(net('8x8x3', 'repeat 0 { conv 4 1x1 }'));
        expect(analysis.networks[0].output).toEqual(vol(8, 8, 3));
        const { message } = await raises(net('8x8x3', 'repeat -1 { relu }'), 'invalid-value', ERROR);
        expect(message).toBe('repeat count -1 is negative: it is 0 or more');
    });
});

describe('activations and dropout', () => {
    test.each([
        'hardswish',
        'hardsigmoid',
        'swish',
        'elu',
        'elu 0.5',
        'selu',
        'mish',
        'softplus',
        'logsoftmax',
        'identity',
        'leakyrelu 0.2'
    ])('%s keeps the volume and has no parameters', async statement => {
        const [layer] = await layersOf(net('8x8x3', statement));
        expect(layer.output?.volume).toEqual(vol(8, 8, 3));
        expect(layer.params).toBe(0);
    });

    test('swish is silu; elu takes its α (default 1), leakyrelu its slope (default 0.01)', async () => {
        const layers = await layersOf(net('8x8x3', 'swish\nelu\nelu 0.5\nleakyrelu'));
        expect(layers.map(l => l.hyper)).toEqual([
            { op: 'silu' },
            { op: 'elu', alpha: 1 },
            { op: 'elu', alpha: 0.5 },
            { op: 'leakyrelu', slope: 0.01 }
        ]);
    });

    test('dropout defaults to 0.5, as in PyTorch', async () => {
        const [layer] = await layersOf(net('8x8x3', 'dropout'));
        expect(layer.hyper).toEqual({ op: 'dropout', rate: 0.5 });
    });

    test('invalid-option: relu takes no number; elu and leakyrelu do', async () => {
        await raises(net('8x8x3', 'relu 0.5'), 'invalid-option', ERROR);
        await silent(net('8x8x3', 'elu 0.5'), 'invalid-option');
    });
});

describe('unknown-layer', () => {
    test("an unknown word at a statement's start: one error on the word, the nearest names, the volume flows on", async () => {
        const { result, message, range } = await raises(net('8x8x3', 'swish1\nconv 4 3x3 pad 1'), 'unknown-layer', ERROR);
        expect(range).toBe('swish1');
        expect(message).toContain('`swish1` is no layer, keyword or block — did you mean `swish`');
        expect(result.codes).toEqual(['unknown-layer']);
        const [unknown, conv] = result.analysis.networks[0].layers;
        expect(unknown).toMatchObject({ op: 'unknown', skipped: true, output: undefined });
        // The conv sees the 8×8×3 that flowed through: 3·3·3·4 + 4.
        expect(conv).toMatchObject({ input: { volume: vol(8, 8, 3) }, params: 3 * 3 * 3 * 4 + 4 });
    });

    test('PyTorch and Keras names get their convspec word: Conv2d → conv, BatchNormalization → batchnorm', async () => {
        expect((await raises(net('8x8x3', 'Conv2d 8 3x3'), 'unknown-layer', ERROR)).message).toContain('— write `conv`');
        expect((await raises(net('8x8x3', 'BatchNormalization'), 'unknown-layer', ERROR)).message).toContain('— write `batchnorm`');
    });

    test('an unknown option: `padding 1` → `pad 1`, `bias=False` → `nobias`, `kernel_size=3` explained', async () => {
        // 9 wide: (9 − 3)/2 + 1 = 4 whether or not the ignored option would pad; one error, for the word.
        const padding = await raises(net('9x9x3', 'maxpool 3 stride 2 padding 1'), 'unknown-layer', ERROR);
        expect(padding.range).toBe('padding 1');
        expect(padding.message).toBe('`padding 1` is written the PyTorch or Keras way — write `pad 1`; it is ignored');
        expect(padding.result.codes).toEqual(['unknown-layer']);
        expect((await raises(net('8x8x3', 'conv 8 3x3 bias=False'), 'unknown-layer', ERROR)).message).toContain('— write `nobias`');
        const kernel = await raises(net('8x8x3', 'conv 8 3x3 pad 1 kernel_size=3'), 'unknown-layer', ERROR);
        expect(kernel.message).toContain("the kernel size is the layer's own number");
    });

    test('`kernel_size=3` where the kernel belongs: one error that writes `3x3`; the conv is skipped, the next line sees 8×8×3', async () => {
        const { result, message, range } = await raises(net('8x8x3', 'conv 8 kernel_size=3\nconv 4 1x1'), 'unknown-layer', ERROR);
        expect(range).toBe('kernel_size=3');
        expect(message).toBe('`kernel_size=3` is written the PyTorch way — write `3x3`; the statement is skipped');
        expect(result.codes).toEqual(['unknown-layer']);
        const [skipped, next] = result.analysis.networks[0].layers;
        expect(skipped).toMatchObject({ skipped: true, output: undefined });
        expect(next).toMatchObject({ input: { volume: vol(8, 8, 3) }, params: 3 * 4 + 4 });
    });

    test('statements without `branch` in a concat: each is read as a branch of its own and says how it is written', async () => {
        const { found, result } = await all(net('8x8x3', 'concat {\n  conv 4 1x1\n  conv 2 1x1\n}'), 'syntax-error');
        expect(found.map(d => d.message)).toEqual(
            Array(2).fill(
                'the statements of a concat go inside `branch { … }`: `concat { branch { conv … } branch { … } }` (this one is read as a branch of its own)'
            )
        );
        expect(result.codes).toEqual(['syntax-error', 'syntax-error']);
        expect(result.analysis.networks[0].output).toEqual(vol(8, 8, 4 + 2));
    });
});

describe('too-deep', () => {
    const nested = (depth: number) => net('8x8x3', `${'concat { branch { '.repeat(depth)}relu${' } }'.repeat(depth)}`);

    test('100 levels of concat { branch { in a network work (201 braces)', async () => {
        const result = await silent(nested(100), 'too-deep');
        expect(result.analysis.networks[0].output).toEqual(vol(8, 8, 3));
    });

    test('101 levels are refused before parsing: one error, no parser cascade', async () => {
        const { result, message } = await raises(nested(101), 'too-deep', ERROR);
        expect(result.codes).toEqual(['too-deep']);
        expect(message).toBe('braces `{` nested more than 201 deep: convspec refuses the file before parsing it');
    });

    test('parentheses: 100 work in a block, 101 do not; so do signs in a row', async () => {
        const parens = (depth: number) => `block b(c) { conv ${'('.repeat(depth)}c${')'.repeat(depth)} 1x1 }\n` + net('8x8x3', 'b(4)');
        await silent(parens(100), 'too-deep');
        await raises(parens(101), 'too-deep', ERROR);
        await raises(net('8x8x3', `conv ${'-'.repeat(101)}4 1x1`), 'too-deep', ERROR);
    });
});

describe('channels-first-input', () => {
    test("`input 3x224x224` (PyTorch's C×H×W) is a warning that names the W×H×D order", async () => {
        const { message, range } = await raises(net('3x224x224', 'relu'), 'channels-first-input', WARNING);
        expect(range).toBe('3x224x224');
        expect(message).toContain('`input 224x224x3`');
    });

    test.each(['224x224x3', '4x4x3', '5x224x224'])('near miss: input %s', async input => {
        await silent(net(input, 'relu'), 'channels-first-input');
    });
});

describe('the call of a message inside a block names its arguments', () => {
    test('stride-skips-input in a projection shortcut called as proj(8, 2): "in the call proj(8, 2)", not "(c, s)"', async () => {
        const text =
            'block proj(c, s) {\n  residual { conv c 3x3 stride s pad 1 } shortcut { conv c 1x1 stride s }\n}\n' +
            'block stage(w) { proj(w, 2) }\n' +
            net('8x8x4', 'stage(8)');
        const { found } = await all(text, 'stride-skips-input');
        expect(found.length).toBeGreaterThan(0);
        expect(found[0].message).toContain('in the call proj(8, 2) on line 4');
        expect(found[0].message).not.toContain('proj(w, 2)');
    });
});

describe('the tree covers the new statements', () => {
    test('gates, splits and references are instances of the one tree', async () => {
        const { analysis } = await clean(
            net('8x8x8', 'a: conv 8 1x1\nmultiply { globalavgpool; conv 8 1x1; sigmoid }\nsplit { branch { } branch { shuffle 2 } }\nadd a')
        );
        const ops = allInstances(analysis.networks[0].body).map(i => `${i.kind}:${i.op}`);
        expect(ops).toEqual([
            'layer:conv',
            'structure:multiply',
            'layer:globalavgpool',
            'layer:conv',
            'layer:sigmoid',
            'structure:split',
            'layer:shuffle',
            'layer:add'
        ]);
    });
});

/** The other side of each 0.2 code's boundary: the closest text that must not raise it. */
describe('near misses of the 0.2 codes', () => {
    test('unknown-layer: the suggested words themselves, `swish` and `pad 1`, are known', async () => {
        await silent(net('8x8x3', 'swish\nconv 4 3x3 pad 1'), 'unknown-layer');
    });

    test('unknown-label: the label one line above is found', async () => {
        await silent(net('8x8x3', 'enc1: conv 4 1x1\nadd enc1'), 'unknown-label');
    });

    test('merge-mismatch: equal volumes add; 1×1×D and W×H×1 broadcast; a crop to exactly the current size', async () => {
        await silent(net('8x8x4', 'a: conv 4 1x1\nconv 4 3x3 pad 1\nadd a'), 'merge-mismatch');
        await silent(net('8x8x4', 'g: globalavgpool\nupsample 8\nmultiply g'), 'merge-mismatch');
        await silent(net('8x8x4', 's: conv 1 1x1\nconv 4 1x1\nmultiply s'), 'merge-mismatch');
        // enc is 8×8; after the pool and the ×2 upsample the flow is 8×8 again: a crop of 0.
        await silent(net('8x8x4', 'enc: conv 4 1x1\nmaxpool 2\nupsample 2\nconcat with enc crop'), 'merge-mismatch');
    });

    test('split-mismatch: 8 + 8 = 16, and 16 / 2 = 8 equal parts', async () => {
        await silent(net('8x8x16', 'split 8, 8 { branch { } branch { } }'), 'split-mismatch');
        await silent(net('8x8x16', 'split { branch { } branch { } }'), 'split-mismatch');
    });

    test('shuffle-mismatch: 116 / 4 = 29 groups of channels', async () => {
        await silent(net('28x28x116', 'shuffle 4'), 'shuffle-mismatch');
    });

    test('crop-too-large: a crop to the whole input, 200×200 of 200×200, and 200×199', async () => {
        await silent(net('200x200x64', 'crop 200'), 'crop-too-large');
        await silent(net('200x200x64', 'crop 200x199'), 'crop-too-large');
    });
});
