/**
 * Issue #10: a network total past 2^53 is reported at the statement that takes
 * it there, saying which count and how large; a number from the source is
 * echoed whole up to 40 digits and by its ends and length beyond, so a
 * million-digit literal cannot make a megabyte message.
 */
import { describe, expect, test } from 'vitest';
import { MAX_SHOWN_DIGITS, writtenNumber } from '../../src/presentation/numbers.js';
import { all, net, raises, validate } from '../helpers.js';

const ERROR = 1;
const LIMIT = '2^53 (9,007,199,254,740,992)';
/** 1234567890 repeated: a million digits. */
const MILLION = '1234567890'.repeat(100_000);

describe('too-large for a network total: at the statement that passes 2^53', () => {
    test('the issue case: the first upsample makes 800,000,000×800,000,000×3 activations; the second overflows its width', async () => {
        const text = 'network N { input 8x8x3\n upsample 100000000\n upsample 100000000 }';
        const { result, found } = await all(text, 'too-large');
        const at = [...found]
            .sort((a, b) => a.range.start.line - b.range.start.line)
            .map(d => [d.range.start.line, d.range.start.character, result.document.textDocument.getText(d.range), d.message]);
        expect(at).toEqual([
            [
                1,
                1,
                'upsample 100000000',
                `the activation count of network N passes ${LIMIT} at this upsample, ` +
                    'whose output 800000000×800000000×3 alone is 1,920,000,000,000,000,000 activations: it cannot be computed exactly'
            ],
            [2, 1, 'upsample 100000000', `width exceeds ${LIMIT} and cannot be computed exactly`]
        ]);
        // Nothing at the network's name any more, and never the old garbled wording.
        expect(found.some(d => d.range.start.line === 0)).toBe(false);
        expect(found.some(d => /activation count of \S+ activation count/.test(d.message))).toBe(false);
    });

    test('a running sum: each dense fits, the second takes the parameter count past 2^53', async () => {
        // 100,000,000·90,000,000 + 90,000,000 = 9,000,000,090,000,000 ≤ 2^53; the second adds 9,000,000,100,000,000.
        const { result, found } = await all(net('1x1x100000000', 'dense 90000000\ndense 100000000'), 'too-large');
        const params = found.filter(d => d.message.includes('parameter count'));
        expect(params).toHaveLength(1);
        expect(result.document.textDocument.getText(params[0].range)).toBe('dense 100000000');
        expect(params[0].message).toBe(
            `the parameter count of network N passes ${LIMIT} at this dense, ` +
                'whose 9,000,000,100,000,000 parameters bring it to 18,000,000,190,000,000: it cannot be computed exactly'
        );
        const macs = found.filter(d => d.message.includes('MAC count'));
        expect(macs.map(d => result.document.textDocument.getText(d.range))).toEqual(['dense 100000000']);
        expect(macs[0].message).toContain('whose 9,000,000,000,000,000 MACs bring it to 18,000,000,000,000,000');
        expect(result.analysis.networks[0].params).toBeNaN();
    });

    test('inside a block: at the statement in the block, with the call that overflowed', async () => {
        const text = 'block B(n) {\n  conv n 1x1\n  upsample 100000\n}\nnetwork M {\n  input 8x8x3\n  B(4)\n  B(5)\n}\n';
        const { range, message, diagnostic } = await raises(text, 'too-large', ERROR);
        expect(diagnostic.range.start.line).toBe(2);
        expect(range).toBe('upsample 100000');
        expect(message).toBe(
            `the activation count of network M passes ${LIMIT} at this upsample, whose output 80000000000×80000000000×5 alone is ` +
                '32,000,000,000,000,000,000,000 activations: it cannot be computed exactly — in the call B(5) on line 8'
        );
    });

    test('near miss: a total of exactly 2^53 is still counted', async () => {
        // Two layers of 1×1×2^52 activations each: 2^53 exactly (the input volume is not counted).
        const result = await validate(net('1x1x4503599627370496', 'relu\nrelu'));
        expect(result.codes).toEqual([]);
        expect(result.analysis.networks[0].activations).toBe(2 ** 53);
        // One more layer passes it, at that layer.
        const { range, message } = await raises(net('1x1x4503599627370496', 'relu\nrelu\nsigmoid'), 'too-large', ERROR);
        expect(range).toBe('sigmoid');
        expect(message).toBe(
            `the activation count of network N passes ${LIMIT} at this sigmoid, ` +
                'whose 4,503,599,627,370,496 activations bring it to 13,510,798,882,111,488: it cannot be computed exactly'
        );
    });
});

describe('numbers from the source stay short in messages', () => {
    test('up to 40 digits a number is shown whole and grouped; past 40, by its ends and its length', () => {
        const forty = '1234567890'.repeat(4);
        expect(writtenNumber(forty)).toBe(BigInt(forty).toLocaleString('en-US'));
        expect(writtenNumber(`${forty}1`)).toBe('1234567890…(41 digits)…8901');
        expect(writtenNumber(MILLION)).toBe('1234567890…(1,000,000 digits)…7890');
        expect(writtenNumber('0.25')).toBe('0.25');
        expect(writtenNumber('9007199254740993')).toBe('9,007,199,254,740,993');
        for (const n of [1, 16, 39, 40, 41, 100, 1_000_000]) expect(writtenNumber('9'.repeat(n)).length).toBeLessThanOrEqual(60);
        expect(MAX_SHOWN_DIGITS).toBe(40);
    });

    test('a 1,000,000-digit literal: too-large with a message of under 200 characters', async () => {
        const { message, range } = await raises(net('8x8x3', `conv ${MILLION} 3x3`), 'too-large', ERROR);
        expect(range.length).toBe(1_000_000);
        expect(message).toBe('1234567890…(1,000,000 digits)…7890 exceeds 2^53: convspec cannot count it exactly');
        expect(message.length).toBeLessThan(200);
    });

    test('a 1,000,000-digit input size, block argument and decimal: every message short', async () => {
        const inputs = [
            net(`${MILLION}x8x3`, 'relu'),
            `block B(n) { conv n 1x1 }\n${net('8x8x3', `B(${MILLION})`)}`,
            net('8x8x3', `conv 0.${MILLION} 3x3`)
        ];
        for (const text of inputs) {
            const result = await validate(text);
            expect(result.diagnostics.length).toBeGreaterThan(0);
            for (const d of result.diagnostics) {
                expect(d.message.length, d.message.slice(0, 200)).toBeLessThan(300);
                expect(d.message).toContain('(1,000,00');
            }
        }
    });

    test('near miss: a 17-digit literal just past 2^53 is shown whole', async () => {
        const { message } = await raises(net('8x8x3', 'conv 9007199254740993 3x3'), 'too-large', ERROR);
        expect(message).toBe('9,007,199,254,740,993 exceeds 2^53: convspec cannot count it exactly');
        const leading = await raises(net('8x8x3', 'conv 0009007199254740993 3x3'), 'too-large', ERROR);
        expect(leading.message).toBe(message);
    });
});
