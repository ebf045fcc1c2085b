import { describe, expect, test } from 'vitest';
import { net, validate } from '../helpers.js';

describe('seed facts', () => {
    test('28×28×192 with 96 3×3 filters gives 26×26×96 and 3·3·192·96 + 96 params', async () => {
        const { analysis, diagnostics } = await validate(net('28x28x192', 'conv 96 3x3'));
        expect(diagnostics).toEqual([]);
        const layer = analysis.networks[0].layers[0];
        expect(layer.output?.volume).toEqual({ w: 26, h: 26, d: 96 });
        expect(layer.params).toBe(3 * 3 * 192 * 96 + 96);
    });
    test('a 10-wide input with a 3×3 filter at stride 2 is 4.5: invalid', async () => {
        const { codes, diagnostics } = await validate(net('10x10x3', 'conv 16 3x3 stride 2'));
        expect(codes).toEqual(['non-integer-output']);
        expect(diagnostics[0].message).toContain(
            '(10 − 3 + 2·0)/2 + 1 = 4.5 is not an integer: the 3×3 filter at stride 2 does not tile the 10-wide input'
        );
    });
});
