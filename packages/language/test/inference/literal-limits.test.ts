/**
 * A whole-number literal is exact up to 2^53 = 9,007,199,254,740,992 (16
 * digits) and refused past it, leading zeros aside: the engine reads the
 * usual short literals without BigInt and compares only 16-digit ones.
 */
import { describe, expect, test } from 'vitest';
import { validate } from '../helpers.js';

/** `dense N` on a 1×1×1 input: N·1 + N parameters, or a too-large literal. */
async function denseOf(units: string): Promise<{ params: number; codes: string[] }> {
    const { analysis, codes } = await validate(`network N {\n  input 1x1x1\n  dense ${units}\n}\n`);
    return { params: analysis.networks[0].params, codes };
}

describe('literal limits', () => {
    test('15 and 16 digits up to 2^53 are read exactly, leading zeros dropped', async () => {
        expect(await denseOf('64')).toEqual({ params: 128, codes: [] });
        expect(await denseOf('00064')).toEqual({ params: 128, codes: [] });
        // 10^14 units: 2·10^14 parameters.
        expect(await denseOf('100000000000000')).toEqual({ params: 200_000_000_000_000, codes: [] });
        // 2^52 = 4,503,599,627,370,496 (16 digits): 2^52 + 2^52 = 2^53 parameters, still exact.
        expect(await denseOf('4503599627370496')).toEqual({ params: 2 ** 53, codes: [] });
    });

    test('past 2^53 the literal itself is refused, with or without leading zeros', async () => {
        for (const units of ['9007199254740993', '0009007199254740993', '10000000000000000']) {
            expect((await denseOf(units)).codes, units).toContain('too-large');
        }
        // 2^53 itself is a literal that fits.
        const atLimit = await validate('network N {\n  input 1x1x1\n  conv 9007199254740992 1x1 nobias\n}\n');
        expect(atLimit.analysis.networks[0].output).toEqual({ w: 1, h: 1, d: 2 ** 53 });
    });

    test('a layer whose own count passes 2^53 is too-large, and every total that includes it is unknown, not 0', async () => {
        // dense 2^53 on 1×1×1: 2^53 weights + 2^53 biases = 2^54 parameters, each term alone at the limit.
        const { analysis, codes, diagnostics } = await validate('network N {\n  input 1x1x1\n  dense 9007199254740992\n}\n');
        expect(codes).toEqual(['too-large']);
        expect(diagnostics[0].message).toContain('parameter count exceeds 2^53');
        const [network] = analysis.networks;
        expect(network.layers[0].params).toBeNaN();
        expect(network.params).toBeNaN();
        expect(network.macs).toBeNaN();
        // Without the biases, 2^53 parameters fit exactly.
        expect(await denseOf('9007199254740992 nobias')).toEqual({ params: 2 ** 53, codes: [] });
    });
});
