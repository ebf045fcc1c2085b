/**
 * One raising case and one near miss for every diagnostic code of the spec's
 * §6 table and of src/validation/codes.ts. Each raising case checks the code,
 * the LSP severity (1 error, 2 warning, 3 info), the text the range covers and
 * the arithmetic fragments of the message.
 */
import { describe, expect, test } from 'vitest';
import { all, net, raises, rangeText, silent, validate } from '../helpers.js';

const ERROR = 1;
const WARNING = 2;
const INFO = 3;

describe('non-integer-output (error)', () => {
    test('10-wide input, 3×3 at stride 2: (10 − 3 + 2·0)/2 + 1 = 4.5; the range is the kernel and stride', async () => {
        const { range, message, result } = await raises(net('10x10x3', 'conv 16 3x3 stride 2'), 'non-integer-output', ERROR);
        expect(result.codes).toEqual(['non-integer-output']);
        expect(range).toBe('3x3 stride 2');
        expect(message).toContain('(10 − 3 + 2·0)/2 + 1 = 4.5 is not an integer');
        expect(message).toContain('the 3×3 filter at stride 2 does not tile the 10-wide input');
    });

    test('no padding can fix an odd W1 − Fe at an even stride: the message says so and names what would', async () => {
        // 10 − 3 = 7 is odd, 2·P is even, so 7 + 2P is never divisible by 2.
        const { message } = await raises(net('10x10x3', 'conv 16 3x3 stride 2'), 'non-integer-output', ERROR);
        expect(message).toContain('no padding can fix this');
        expect(message).toContain(`${10 - 3} is odd`);
        // The nearest input widths that tile: 9 ((9 − 3)/2 + 1 = 4) and 11 ((11 − 3)/2 + 1 = 5).
        expect(message).toMatch(/\b9\b.*\bor 11-wide input/);
        expect(message).toContain('odd stride');
        expect(message).toContain('floor');
    });

    test('a padding that can fix it is not called hopeless, and the message names it', async () => {
        // (10 − 3 + 2·0)/3 + 1 = 10/3 = 3.333…; pad 1 gives (10 + 2 − 3)/3 + 1 = 4.
        const { message, range } = await raises(net('10x10x3', 'conv 16 3x3 stride 3'), 'non-integer-output', ERROR);
        expect(range).toBe('3x3 stride 3');
        expect(message).toContain('(10 − 3 + 2·0)/3 + 1 = 3.333…');
        expect(message).not.toContain('no padding can fix');
        expect(message).toContain(`pad 1 gives ${(10 + 2 * 1 - 3) / 3 + 1}`);
    });

    test('the range includes an explicit pad; a rectangular input is reported per axis', async () => {
        // W: (10 − 3 + 2·1)/2 + 1 = 5.5; H: (12 − 3 + 2·1)/2 + 1 = 6.5.
        const { result, found } = await all(net('10x12x3', 'conv 16 3x3 stride 2 pad 1'), 'non-integer-output');
        expect(found).toHaveLength(2);
        for (const d of found) {
            expect(d.severity).toBe(ERROR);
            expect(rangeText(result.document, d)).toBe('3x3 stride 2 pad 1');
        }
        expect(found.map(d => d.message).join('\n')).toContain('(10 − 3 + 2·1)/2 + 1 = 5.5');
        expect(found.map(d => d.message).join('\n')).toContain('(12 − 3 + 2·1)/2 + 1 = 6.5');
        expect(found.map(d => d.message).join('\n')).toContain('12-high input');
    });

    test('a dilated kernel uses Fe = d(F − 1) + 1 in the message', async () => {
        // Fe = 2·(3 − 1) + 1 = 5; (8 − 5 + 0)/2 + 1 = 2.5.
        const { message, range } = await raises(net('8x8x3', 'conv 4 3x3 dilation 2 stride 2'), 'non-integer-output', ERROR);
        expect(range).toBe('3x3 dilation 2 stride 2');
        expect(message).toContain('(8 − 5 + 2·0)/2 + 1 = 2.5');
    });

    test('a pool with its default stride (= kernel) points at the kernel', async () => {
        // (8 − 3)/3 + 1 = 2.667…
        const { range, message } = await raises(net('8x8x3', 'maxpool 3x3'), 'non-integer-output', ERROR);
        expect(range).toBe('3x3');
        expect(message).toContain('(8 − 3 + 2·0)/3 + 1 = 2.667…');
    });

    test('near miss: an 11-wide input tiles, (11 − 3)/2 + 1 = 5', async () => {
        const result = await silent(net('11x11x3', 'conv 16 3x3 stride 2'), 'non-integer-output');
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: (11 - 3) / 2 + 1, h: 5, d: 16 });
    });

    test('near miss: `floor` on the line or `rounding floor` on the network accepts 4.5', async () => {
        expect((await validate(net('10x10x3', 'conv 16 3x3 stride 2 floor'))).diagnostics).toEqual([]);
        expect((await validate(net('10x10x3', 'conv 16 3x3 stride 2', 'rounding floor'))).diagnostics).toEqual([]);
        expect((await validate(net('10x10x3', 'conv 16 3x3 stride 2', 'rounding ceil'))).diagnostics).toEqual([]);
    });
});

describe('kernel-too-large (error)', () => {
    test('a 3×3 filter on a 2×2 input: (2 − 3 + 0)/1 + 1 = 0', async () => {
        const { range, message, result } = await raises(net('2x2x3', 'conv 16 3x3'), 'kernel-too-large', ERROR);
        expect(result.codes).toEqual(['kernel-too-large']);
        expect(range).toBe('3x3');
        expect(message).toContain('(2 − 3 + 2·0)/1 + 1 = 0');
    });

    test('a floor-mode pool whose window overhangs has no output: ⌊(2 − 3)/2 + 1⌋ = ⌊0.5⌋ = 0', async () => {
        const { range } = await raises(net('2x2x3', 'maxpool 3x3 stride 2 floor'), 'kernel-too-large', ERROR);
        expect(range).toBe('3x3 stride 2');
    });

    test('near miss: a ceil-mode pool whose window overhangs still gives 1, as in PyTorch', async () => {
        // ⌈(2 − 3 + 0)/2 + 1⌉ = ⌈0.5⌉ = 1, and the last window starts at (1 − 1)·2 = 0 < 2 + 0: kept.
        const result = await validate(net('2x2x3', 'maxpool 3x3 stride 2 ceil'));
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: 1, h: 1, d: 3 });
    });

    test('a ceil-mode conv whose filter overhangs is still an error: Fe 3 > padded input 2', async () => {
        const { range } = await raises(net('2x2x3', 'conv 4 3x3 stride 2 ceil'), 'kernel-too-large', ERROR);
        expect(range).toBe('3x3 stride 2');
    });

    test('a deconv whose padding removes the whole output: (1 − 1)·1 − 2·5 + 1·(3 − 1) + 0 + 1 = −7', async () => {
        const { message } = await raises(net('1x1x3', 'deconv 4 3x3 pad 5'), 'kernel-too-large', ERROR);
        expect(message).toContain(`= ${(1 - 1) * 1 - 2 * 5 + 1 * (3 - 1) + 0 + 1}`);
    });

    test('near miss: padding makes room, (2 − 3 + 2·1)/1 + 1 = 2', async () => {
        const result = await silent(net('2x2x3', 'conv 16 3x3 pad 1'), 'kernel-too-large');
        expect(result.analysis.networks[0].output).toEqual({ w: 2 - 3 + 2 * 1 + 1, h: 2, d: 16 });
    });
});

describe('outpad-too-large (error)', () => {
    test('output padding 2 is not smaller than the stride 2 or the dilation 1', async () => {
        const { range, message, result } = await raises(net('8x8x3', 'deconv 16 3x3 stride 2 outpad 2'), 'outpad-too-large', ERROR);
        expect(result.codes).toEqual(['outpad-too-large']);
        expect(range).toBe('outpad 2');
        expect(message).toContain('output padding 2');
        expect(message).toContain('stride 2');
        expect(message).toContain('dilation 1');
    });

    test('near miss: output padding 1 < stride 2 gives (8 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 16', async () => {
        const result = await silent(net('8x8x3', 'deconv 16 3x3 stride 2 pad 1 outpad 1'), 'outpad-too-large');
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: (8 - 1) * 2 - 2 * 1 + 1 * (3 - 1) + 1 + 1, h: 16, d: 16 });
    });

    test('near miss: output padding may reach the stride when smaller than the dilation (PyTorch: < stride or < dilation)', async () => {
        // stride 1, dilation 2, outpad 1: 1 < 2 is allowed. (5 − 1)·1 − 0 + 2·(3 − 1) + 1 + 1 = 10.
        const result = await silent(net('5x5x3', 'deconv 4 3x3 dilation 2 outpad 1'), 'outpad-too-large');
        expect(result.analysis.networks[0].output).toEqual({ w: (5 - 1) * 1 + 2 * (3 - 1) + 1 + 1, h: 10, d: 4 });
    });
});

describe('invalid-value (error)', () => {
    const cases: Array<[string, string, string, string, string]> = [
        // [what, input, statement, range text, message fragment]
        ['zero stride', '8x8x3', 'conv 16 3x3 stride 0', '0', 'stride 0'],
        ['negative stride', '8x8x3', 'conv 16 3x3 stride -1', '-1', 'stride -1'],
        ['zero kernel', '8x8x3', 'conv 16 0x3', '0x3', 'kernel size 0'],
        ['zero dilation', '8x8x3', 'conv 16 3x3 dilation 0', '0', 'dilation 0'],
        ['zero groups', '8x8x4', 'conv 16 3x3 groups 0', '0', 'groups 0'],
        ['negative repeat count', '8x8x3', 'repeat -2 { relu }', '-2', 'repeat count -2'],
        ['zero filters', '8x8x3', 'conv 0 3x3', '0', 'filters 0'],
        ['negative filters', '8x8x3', 'conv -2 3x3', '-2', 'filters -2'],
        ['zero units', '1x1x3', 'dense 0', '0', 'units 0'],
        ['zero input size', '0x8x3', 'relu', '0x8x3', 'input size 0'],
        ['zero pool stride', '8x8x3', 'maxpool 2x2 stride 0', '0', 'stride 0'],
        ['zero deconv stride', '8x8x3', 'deconv 4 3x3 stride 0', '0', 'stride 0'],
        ['zero depth multiplier', '8x8x3', 'dwconv 3x3 mult 0', '0', '0'],
        ['zero upsampling factor', '8x8x3', 'upsample 0', '0', '0'],
        ['negative zero-padding', '8x8x3', 'zeropad -1', '-1', '-1']
    ];
    test.each(cases)('%s', async (_what, input, statement, range, fragment) => {
        const raised = await raises(net(input, statement), 'invalid-value', ERROR);
        expect(raised.range).toBe(range);
        expect(raised.message).toContain(fragment);
    });

    test.each([
        ['kernel', 'conv 4 k', 'kernel size -3'],
        ['dilation', 'conv 4 3x3 dilation k', 'dilation -3'],
        ['groups', 'conv 4 3x3 groups k', 'groups -3'],
        ['repeat count', 'repeat k { relu }', 'repeat count -3']
    ])('a negative %s through a block parameter', async (_what, statement, fragment) => {
        const raised = await raises(`block b(k) { ${statement} }\n` + net('8x8x4', 'b(-3)'), 'invalid-value', ERROR);
        expect(raised.range).toBe('k');
        expect(raised.message).toContain(fragment);
        expect(raised.message).toContain('b(-3)');
    });

    test.each([
        ['1.0', 1],
        ['1.5', 1.5]
    ])('dropout %s is outside [0, 1)', async (rate, value) => {
        const { range, message } = await raises(net('8x8x3', `dropout ${rate}`), 'invalid-value', ERROR);
        expect(range).toContain(rate);
        expect(message).toContain(`${value}`);
        expect(message).toContain('[0, 1)');
    });

    test("dropout without a rate is PyTorch's 0.5 (no message, and no JavaScript `undefined` anywhere)", async () => {
        const { diagnostics, analysis } = await validate(net('8x8x3', 'dropout\nrelu'));
        expect(diagnostics).toEqual([]);
        expect(analysis.networks[0].layers[0].hyper).toEqual({ op: 'dropout', rate: 0.5 });
    });

    test('near miss: `repeat 0` is the identity (first block + repeat n − 1 with n = 1)', async () => {
        const result = await silent(net('8x8x3', 'conv 4 3x3 pad 1\nrepeat 0 { conv 4 3x3 pad 1 }'), 'invalid-value');
        expect(result.diagnostics).toEqual([]);
        // 3·3·3·4 + 4: the repeated conv never runs.
        expect(result.analysis.networks[0].params).toBe(3 * 3 * 3 * 4 + 4);
        expect(result.analysis.networks[0].output).toEqual({ w: 8, h: 8, d: 4 });
    });

    test('near misses: dropout 0 and 0.999, stride 1, one group, one repetition', async () => {
        for (const statement of [
            'dropout 0',
            'dropout 0.999',
            'conv 16 3x3 stride 1',
            'conv 16 3x3 groups 1',
            'repeat 1 { relu }',
            'conv 1 1x1',
            'zeropad 0'
        ]) {
            const result = await validate(net('8x8x4', statement));
            expect(result.diagnostics, statement).toEqual([]);
        }
    });
});

describe('pool-padding-too-large (error)', () => {
    test('pad 2 on a 3×3 pool exceeds ⌊3/2⌋ = 1', async () => {
        const { range, message, result } = await raises(net('8x8x3', 'maxpool 3x3 stride 1 pad 2'), 'pool-padding-too-large', ERROR);
        expect(result.codes).toEqual(['pool-padding-too-large']);
        expect(range).toBe('pad 2');
        expect(message).toContain('⌊3/2⌋ = 1');
    });

    test('the bound is the kernel, not the dilated kernel: 3×3 dilation 2 still allows only pad 1', async () => {
        const { range } = await raises(net('9x9x3', 'maxpool 3x3 stride 1 dilation 2 pad 2'), 'pool-padding-too-large', ERROR);
        expect(range).toBe('pad 2');
    });

    test('per axis: a 3×1 window allows pad 1 in width but ⌊1/2⌋ = 0 in height', async () => {
        const { message } = await raises(net('8x8x3', 'maxpool 3x1 stride 1 pad 1'), 'pool-padding-too-large', ERROR);
        expect(message).toContain('⌊1/2⌋ = 0');
        expect(message).toContain('1-high');
    });

    test('near miss: pad 1 on a 3×3 pool, (8 + 2·1 − 3)/1 + 1 = 8', async () => {
        const result = await silent(net('8x8x3', 'maxpool 3x3 stride 1 pad 1'), 'pool-padding-too-large');
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: (8 + 2 * 1 - 3) / 1 + 1, h: 8, d: 3 });
    });
});

describe('groups-mismatch (error)', () => {
    test('groups 3 divides neither the input depth 4 nor the 16 filters', async () => {
        const { range, message, result } = await raises(net('8x8x4', 'conv 16 3x3 groups 3'), 'groups-mismatch', ERROR);
        expect(result.codes).toEqual(['groups-mismatch']);
        expect(range).toBe('groups 3');
        expect(message).toContain('input depth 4');
        expect(message).toContain('16 filters');
    });

    test('groups 4 divides the depth 8 but not the 6 filters', async () => {
        const { message } = await raises(net('8x8x8', 'conv 6 3x3 groups 4'), 'groups-mismatch', ERROR);
        expect(message).toContain('6 filters');
        expect(message).not.toContain('input depth 8');
    });

    test('near miss: groups 4 divides 8 and 16', async () => {
        const result = await silent(net('8x8x8', 'conv 16 3x3 groups 4'), 'groups-mismatch');
        expect(result.diagnostics).toEqual([]);
    });
});

describe('concat-mismatch (error)', () => {
    const text = net('8x8x4', 'concat {\n  branch { conv 8 3x3 }\n  branch { conv 8 1x1 }\n}');

    test('branches of 6×6 and 8×8 disagree; the message lists each branch', async () => {
        // 3×3 without padding: 8 − 3 + 1 = 6; 1×1: 8.
        const { range, message, result } = await raises(text, 'concat-mismatch', ERROR);
        expect(result.codes).toEqual(['concat-mismatch']);
        expect(range).toBe('branch { conv 8 1x1 }');
        expect(message).toContain('branch 1: 6×6');
        expect(message).toContain('branch 2: 8×8');
    });

    test('three branches: every size is listed', async () => {
        const { message } = await raises(
            net('8x8x4', 'concat {\n  branch { conv 8 3x3 pad 1 }\n  branch { }\n  branch { maxpool 2x2 }\n}'),
            'concat-mismatch',
            ERROR
        );
        expect(message).toContain('branch 1: 8×8');
        expect(message).toContain('branch 2: 8×8');
        expect(message).toContain('branch 3: 4×4');
    });

    test('near miss: padding aligns the branches, D2 = 8 + 8', async () => {
        const result = await silent(net('8x8x4', 'concat {\n  branch { conv 8 3x3 pad 1 }\n  branch { conv 8 1x1 }\n}'), 'concat-mismatch');
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: 8, h: 8, d: 8 + 8 });
    });
});

describe('residual-mismatch (error)', () => {
    test('the body gives 8×8×8, the identity shortcut 8×8×4: both are named', async () => {
        const { range, message, result } = await raises(net('8x8x4', 'residual {\n  conv 8 3x3 pad 1\n}'), 'residual-mismatch', ERROR);
        expect(result.codes).toEqual(['residual-mismatch']);
        expect(range.startsWith('residual {')).toBe(true);
        expect(range).toContain('conv 8 3x3 pad 1');
        expect(message).toContain('8×8×8');
        expect(message).toContain('8×8×4');
    });

    test('an explicit shortcut that disagrees is named as the shortcut', async () => {
        const { message } = await raises(
            net('8x8x4', 'residual { conv 8 3x3 pad 1 } shortcut { conv 16 1x1 }'),
            'residual-mismatch',
            ERROR
        );
        expect(message).toContain('8×8×8');
        expect(message).toContain('8×8×16');
        expect(message).toContain('shortcut');
    });

    test('near miss: a projection shortcut makes them equal', async () => {
        const result = await silent(net('8x8x4', 'residual { conv 8 3x3 pad 1 } shortcut { conv 8 1x1 }'), 'residual-mismatch');
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: 8, h: 8, d: 8 });
    });
});

describe('missing-input (error)', () => {
    test('a network without `input`', async () => {
        const { range, message, result } = await raises('network N {\n  conv 8 3x3\n}\n', 'missing-input', ERROR);
        expect(result.codes).toEqual(['missing-input']);
        expect(range.startsWith('network N')).toBe(true);
        expect(message).toContain('N');
        expect(message).toContain('input');
    });

    test('near miss: `input` first', async () => {
        await silent(net('8x8x3', 'conv 8 3x3'), 'missing-input');
    });
});

describe('block calls: unknown-block, arity, block-cycle', () => {
    test('unknown-block: the range is the called name', async () => {
        const { range, message, result } = await raises(net('8x8x4', 'l1: foo(3)'), 'unknown-block', ERROR);
        expect(result.codes).toEqual(['unknown-block']);
        expect(range).toBe('foo');
        expect(message).toContain('foo');
    });

    test('unknown-block lists the blocks that exist', async () => {
        const { message } = await raises('block bar(c) { conv c 1x1 }\n' + net('8x8x4', 'l1: foo(3)'), 'unknown-block', ERROR);
        expect(message).toContain('bar');
    });

    test('near miss: a declared block resolves', async () => {
        const result = await silent('block foo(c) { conv c 1x1 }\n' + net('8x8x4', 'l1: foo(3)'), 'unknown-block');
        expect(result.diagnostics).toEqual([]);
    });

    test('arity: b(c) called with two arguments', async () => {
        const { range, message, result } = await raises('block b(c) { conv c 1x1 }\n' + net('8x8x4', 'l1: b(3, 4)'), 'arity', ERROR);
        expect(result.codes).toEqual(['arity']);
        expect(range).toContain('b(3, 4)');
        expect(message).toContain('b(c)');
        expect(message).toContain('1 argument');
        expect(message).toContain('2 given');
    });

    test('near miss: arity matches, including the empty parameter list', async () => {
        expect((await validate('block b(c) { conv c 1x1 }\n' + net('8x8x4', 'l1: b(3)'))).diagnostics).toEqual([]);
        expect((await validate('block dense_layer() { relu }\n' + net('8x8x4', 'l1: dense_layer()'))).diagnostics).toEqual([]);
    });

    test('block-cycle, direct: the analysis terminates and the call is flagged', async () => {
        const { range, message } = await raises('block b(c) { r1: b(c) }\n' + net('8x8x4', 'l1: b(3)'), 'block-cycle', ERROR);
        expect(range).toBe('b');
        expect(message).toContain('b → b');
    });

    test('block-cycle, indirect: a → b → a terminates and both blocks are flagged', async () => {
        const { result, found } = await all('block a(c) { r1: b(c) }\nblock b(c) { r2: a(c) }\n' + net('8x8x4', 'l1: a(3)'), 'block-cycle');
        expect(found).toHaveLength(2);
        expect(found.every(d => d.severity === ERROR)).toBe(true);
        expect(found.map(d => rangeText(result.document, d)).sort()).toEqual(['a', 'b']);
        expect(found.map(d => d.message).join('\n')).toContain('a → b → a');
    });

    test('block-cycle, three blocks through a repeat and a concat still terminates', async () => {
        const text =
            'block a(c) { repeat 2 { r1: b(c) } }\nblock b(c) { concat { branch { r2: d(c) } } }\nblock d(c) { r3: a(c) }\n' +
            net('8x8x4', 'l1: a(3)');
        const { found } = await all(text, 'block-cycle');
        expect(found.length).toBeGreaterThan(0);
    });

    test('near miss: a block calling another block twice is not a cycle', async () => {
        const text = 'block inner(c) { conv c 1x1 }\nblock outer(c) { i1: inner(c)\n i2: inner(c) }\n' + net('8x8x4', 'l1: outer(3)');
        const result = await silent(text, 'block-cycle');
        expect(result.diagnostics).toEqual([]);
    });
});

describe('block calls without a label (spec §3/§4: `[label:] NAME(args)`)', () => {
    test('an unlabelled call parses and runs the block', async () => {
        const result = await validate('block b(c) { conv c 1x1 }\n' + net('8x8x4', 'b(3)'));
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: 8, h: 8, d: 3 });
    });

    test('an unlabelled call of an empty parameter list parses', async () => {
        const result = await validate('block dense_layer() { relu }\n' + net('8x8x4', 'dense_layer()'));
        expect(result.diagnostics).toEqual([]);
    });

    test('an unlabelled call of an unknown block is unknown-block, not a crash', async () => {
        const result = await validate(net('8x8x4', 'foo(3)'));
        expect(result.codes).toEqual(['unknown-block']);
    });

    test('an unlabelled call inside a block body parses', async () => {
        const result = await validate('block inner(c) { conv c 1x1 }\nblock outer(c) { inner(c) }\n' + net('8x8x4', 'l1: outer(5)'));
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: 8, h: 8, d: 5 });
    });
});

describe('duplicate-label (error)', () => {
    test('the second use of a label is flagged, pointing at the label', async () => {
        const { range, message, result } = await raises(net('8x8x4', 'conv1: conv 8 3x3 pad 1\nconv1: relu'), 'duplicate-label', ERROR);
        expect(result.codes).toEqual(['duplicate-label']);
        expect(range).toMatch(/^conv1\s*:?$/);
        expect(message).toContain('conv1');
        expect(message).toContain('line 3');
    });

    test("labels nested in a concat share the network's namespace", async () => {
        const { range, result, diagnostic } = await raises(
            net('8x8x4', 'l: relu\nconcat { branch { l: relu } }'),
            'duplicate-label',
            ERROR
        );
        expect(range).toMatch(/^l\s*:?$/);
        // The second `l:` (inside the branch) is the one flagged.
        expect(result.document.textDocument.offsetAt(diagnostic.range.start)).toBe(
            result.document.textDocument.getText().lastIndexOf('l: relu')
        );
    });

    test('near miss: the same label in a block and in a network is fine', async () => {
        const result = await silent('block b(c) { l: conv c 1x1 }\n' + net('8x8x4', 'l: b(3)'), 'duplicate-label');
        expect(result.diagnostics).toEqual([]);
    });
});

describe('inexact-division (error)', () => {
    test('c/2 with c = 3 is 1.5', async () => {
        const { range, message, result } = await raises(
            'block b(c) { conv c/2 1x1 }\n' + net('8x8x4', 'l1: b(3)'),
            'inexact-division',
            ERROR
        );
        expect(result.codes).toEqual(['inexact-division']);
        expect(range).toBe('c/2');
        expect(message).toContain('3 / 2 = 1.5');
        expect(message).toContain('b(3)');
    });

    test('division by zero', async () => {
        const { message } = await raises('block b(c) { conv 8/c 1x1 }\n' + net('8x8x4', 'l1: b(0)'), 'inexact-division', ERROR);
        expect(message).toContain('8 / 0');
    });

    test('a repeating quotient is written as people write it, not as a float dump', async () => {
        const { message } = await raises(net('8x8x4', 'conv 8/3 1x1'), 'inexact-division', ERROR);
        expect(message).toContain('8 / 3');
        expect(message).not.toMatch(/\d\.\d{8,}/);
    });

    test('near miss: c/2 with c = 4 is 2', async () => {
        const result = await silent('block b(c) { conv c/2 1x1 }\n' + net('8x8x4', 'l1: b(4)'), 'inexact-division');
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: 8, h: 8, d: 4 / 2 });
    });
});

describe('too-large (error)', () => {
    test('a number literal above 2^53', async () => {
        const { range, message, result } = await raises(net('8x8x4', 'conv 99999999999999999999 1x1'), 'too-large', ERROR);
        expect(result.codes).toEqual(['too-large']);
        expect(range).toBe('99999999999999999999');
        expect(message).toContain('2^53');
    });

    test('2^53 + 1 is reported as the number written, not as its rounded double 2^53 (which does not exceed 2^53)', async () => {
        const { range, message } = await raises(net('8x8x4', 'conv 9007199254740993 1x1'), 'too-large', ERROR);
        expect(range).toBe('9007199254740993');
        expect(message).toMatch(/9,?007,?199,?254,?740,?993/);
    });

    test('a parameter count above 2^53 computed from safe factors', async () => {
        // 2^32 inputs · 2^32 units = 2^64 > 2^53.
        const { message } = await raises(net(`1x1x${2 ** 32}`, `dense ${2 ** 32} nobias`), 'too-large', ERROR);
        expect(message).toContain('2^53');
    });

    test('repeat 1000000000 { relu } is refused as too-large, pointing at the repeat, not the whole network', async () => {
        const { range } = await raises(net('8x8x4', 'repeat 1000000000 { relu }'), 'too-large', ERROR);
        expect(range).toContain('1000000000');
        expect(range).not.toContain('input 8x8x4');
    });

    test('nested repeats that multiply to 10^10 instances terminate with too-large', async () => {
        const { found } = await all(net('8x8x4', 'repeat 100000 { repeat 100000 { relu } }'), 'too-large');
        expect(found.length).toBeGreaterThan(0);
    });

    test('near miss: 2^53 − 1 units on a 1×1×1 input is exact', async () => {
        const result = await silent(net('1x1x1', `dense ${2 ** 53 - 1} nobias`), 'too-large');
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].params).toBe(1 * 1 * 1 * (2 ** 53 - 1));
    });

    test('near miss: repeat 1000 { relu } is fine', async () => {
        const result = await silent(net('8x8x4', 'repeat 1000 { relu }'), 'too-large');
        expect(result.diagnostics).toEqual([]);
    });
});

describe('stride-skips-input (warning)', () => {
    test('stride 3 on a 2×2 window skips 1 of every 3 columns', async () => {
        // (8 − 2)/3 + 1 = 3: integer, so the only finding is the skipped pixels.
        const { range, message, result } = await raises(net('8x8x4', 'maxpool 2x2 stride 3'), 'stride-skips-input', WARNING);
        expect(result.codes).toEqual(['stride-skips-input']);
        expect(range).toBe('stride 3');
        expect(message).toContain('stride 3');
        expect(message).toContain(`${3 - 2} of every 3`);
    });

    test('near miss: stride equal to the kernel', async () => {
        await silent(net('8x8x4', 'maxpool 2x2 stride 2'), 'stride-skips-input');
    });

    test('near miss: the dilated kernel counts, 3×3 dilation 2 is Fe = 5 ≥ stride 4', async () => {
        // (9 − 5)/4 + 1 = 2.
        const result = await silent(net('9x9x4', 'conv 4 3x3 dilation 2 stride 4'), 'stride-skips-input');
        expect(result.diagnostics).toEqual([]);
    });
});

describe('padded-1x1 (warning)', () => {
    test('a 1×1 conv with pad 1 only adds a zero border (8×8 becomes 10×10)', async () => {
        const { range, message, result } = await raises(net('8x8x4', 'conv 4 1x1 pad 1'), 'padded-1x1', WARNING);
        expect(result.codes).toEqual(['padded-1x1']);
        expect(range).toBe('pad 1');
        expect(message).toContain(`${8 + 2 * 1 - 1 + 1}×10`);
    });

    test('near misses: a 3×3 conv with pad 1, a 1×1 conv without padding or with pad 0', async () => {
        for (const statement of ['conv 4 3x3 pad 1', 'conv 4 1x1', 'conv 4 1x1 pad 0', 'conv 4 1x1 pad same']) {
            const result = await validate(net('8x8x4', statement));
            expect(result.diagnostics, statement).toEqual([]);
        }
    });
});

describe('dense-on-spatial (info)', () => {
    test('dense on 8×8×4 flattens 8·8·4 = 256 inputs implicitly', async () => {
        const { range, message, result } = await raises(net('8x8x4', 'dense 10'), 'dense-on-spatial', INFO);
        expect(result.codes).toEqual(['dense-on-spatial']);
        expect(range).toBe('dense 10');
        expect(message).toContain('8×8×4');
        expect(message).toContain(`${8 * 8 * 4}`);
    });

    test('near misses: after flatten, after a global pool, on a 1×1 input', async () => {
        for (const [input, body] of [
            ['8x8x4', 'flatten\ndense 10'],
            ['8x8x4', 'globalavgpool\nfc 10'],
            ['1x1x4', 'dense 10']
        ]) {
            const result = await validate(net(input, body));
            expect(result.diagnostics, body).toEqual([]);
        }
    });
});

describe('codes outside the spec table', () => {
    test('invalid-option: groups on a maxpool', async () => {
        const { range, message } = await raises(net('8x8x4', 'maxpool 2x2 groups 2'), 'invalid-option', ERROR);
        expect(range).toBe('groups 2');
        expect(message).toContain('groups');
        expect(message).toContain('maxpool');
    });

    test('invalid-option: an option given twice', async () => {
        const { range } = await raises(net('8x8x4', 'conv 4 3x3 pad 1 pad 1'), 'invalid-option', ERROR);
        expect(range).toBe('pad 1');
    });

    test('invalid-option: an argument on relu', async () => {
        const { range } = await raises(net('8x8x4', 'relu 0.5'), 'invalid-option', ERROR);
        expect(range).toBe('0.5');
    });

    test('near miss: groups on a conv, a slope on leakyrelu', async () => {
        for (const statement of ['conv 8 3x3 groups 2', 'leakyrelu 0.1']) {
            const result = await validate(net('8x8x4', statement));
            expect(result.diagnostics, statement).toEqual([]);
        }
    });

    test('statement-order: `rounding` after the first layer', async () => {
        const { range } = await raises(net('8x8x4', 'relu\nrounding floor'), 'statement-order', ERROR);
        expect(range).toBe('rounding floor');
    });

    test('statement-order: `input` twice', async () => {
        const { range } = await raises(net('8x8x4', 'input 8x8x4'), 'statement-order', ERROR);
        expect(range).toBe('input 8x8x4');
    });

    test('near miss: settings before the first layer', async () => {
        const result = await validate(net('8x8x4', 'relu', 'rounding floor\n  bias off'));
        expect(result.diagnostics).toEqual([]);
    });

    test('unresolved-reference: a parameter that does not exist', async () => {
        const { range, message } = await raises('block b(c) { conv d 1x1 }\n' + net('8x8x4', 'l1: b(3)'), 'unresolved-reference', ERROR);
        expect(range).toBe('d');
        expect(message).toContain('d');
    });

    test('near miss: the declared parameter', async () => {
        await silent('block b(c) { conv c 1x1 }\n' + net('8x8x4', 'l1: b(3)'), 'unresolved-reference');
    });

    test('syntax-error: an unexpected brace', async () => {
        const { result, found } = await all(net('8x8x4', 'conv 4 3x3 {'), 'syntax-error');
        expect(found.length).toBeGreaterThan(0);
        expect(found[0].severity).toBe(ERROR);
        expect(rangeText(result.document, found[0])).toBe('{');
    });

    test('a space inside a size literal: one unknown word that says how a size is written', async () => {
        const { found, result } = await all(net('8x8x4', 'conv 4 3 x3'), 'unknown-layer');
        expect(found.map(d => d.message)).toEqual([
            '`x3` looks like the end of a size: a size is written without spaces, as in `3x3`; it is ignored'
        ]);
        expect(result.codes).toEqual(['unknown-layer']);
    });

    test('near miss: `×` in place of `x` and `;` separators parse', async () => {
        const result = await validate('network N { input 8×8×4; conv 4 3×3 pad 1; relu }');
        expect(result.diagnostics).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: 8, h: 8, d: 4 });
    });
});

describe('every diagnostic has a code', () => {
    test('no diagnostic lacks a code, even a crash report', async () => {
        const texts = [
            net('10x10x3', 'conv 16 3x3 stride 2'),
            net('8x8x4', 'conv 4 3x3 {'),
            'network {',
            'block b( { }',
            net('8x8x4', 'maxpool 2x2 groups 2\nrelu 0.5\ndense 10')
        ];
        for (const text of texts) {
            const result = await validate(text);
            for (const d of result.diagnostics) {
                expect(typeof d.code, d.message).toBe('string');
                expect(d.message, text).not.toContain('An error occurred');
            }
        }
    });
});
