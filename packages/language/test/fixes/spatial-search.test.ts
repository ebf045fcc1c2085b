/**
 * The padding and input-size searches behind the non-integer-output fixes,
 * against cases worked out by hand. An axis tiles when
 *   span = W + 2P − Fe ≥ 0  and  span ≡ 0 (mod S);  then W2 = span/S + 1.
 */
import { describe, expect, test } from 'vitest';
import { nearestTilingInputs, nearestValidPadding, paddingCanTile } from '../../src/inference/spatial.js';

const tiles = (w: number, fe: number, s: number, p: number) => w + 2 * p - fe >= 0 && (w + 2 * p - fe) % s === 0;
const out = (w: number, fe: number, s: number, p: number) => (w + 2 * p - fe) / s + 1;

describe('paddingCanTile', () => {
    test('even stride needs W − Fe even (2P is always even)', () => {
        expect(paddingCanTile(10, 3, 2)).toBe(false); // 7 odd
        expect(paddingCanTile(11, 3, 2)).toBe(true); // 8 even
        expect(paddingCanTile(224, 7, 2)).toBe(false); // 217 odd: the ResNet stem
        expect(paddingCanTile(224, 11, 4)).toBe(false); // 213 odd: AlexNet conv1
        expect(paddingCanTile(227, 11, 4)).toBe(true); // 216 even
    });
    test('an odd stride can always be tiled by some padding', () => {
        for (const s of [1, 3, 5, 7])
            for (let w = 1; w < 30; w++) for (let fe = 1; fe < 12; fe++) expect(paddingCanTile(w, fe, s)).toBe(true);
    });
});

describe('nearestValidPadding — hand-worked cases', () => {
    test('W=10, F=3, S=2: 10 − 3 = 7 is odd and S even → no padding at all', () => {
        expect(nearestValidPadding(10, 3, 2, 0)).toEqual({});
        // check the claim: P = 0..5 give 4.5, 5.5, 6.5, ...
        for (let p = 0; p < 6; p++) expect(Number.isInteger(out(10, 3, 2, p))).toBe(false);
    });

    test('W=11, F=3, S=2, P=0 already tiles ((11 − 3)/2 + 1 = 5); the next padding up is 1 → 6', () => {
        expect(out(11, 3, 2, 0)).toBe(5);
        const r = nearestValidPadding(11, 3, 2, 0);
        expect(r.below).toBeUndefined();
        expect(r.above).toBe(1);
        expect(out(11, 3, 2, 1)).toBe(6);
    });

    test('W=224, F=7, S=2, P=3 (ResNet stem → 112.5): 217 odd, so neither 2 (→ 111.5) nor 4 (→ 113.5) works: none', () => {
        expect(out(224, 7, 2, 3)).toBe(112.5);
        expect(out(224, 7, 2, 2)).toBe(111.5);
        expect(out(224, 7, 2, 4)).toBe(113.5);
        expect(nearestValidPadding(224, 7, 2, 3)).toEqual({});
    });

    test('W=12, F=3, S=3, P=1 (→ 14/3 + 1): 9 + 2P ≡ 0 (mod 3) ⇔ P ≡ 0 (mod 3): below 0 (→ 4), above 3 (→ 6)', () => {
        expect(nearestValidPadding(12, 3, 3, 1)).toEqual({ below: 0, above: 3 });
        expect(out(12, 3, 3, 0)).toBe(4);
        expect(out(12, 3, 3, 3)).toBe(6);
    });

    test('W=12, F=3, S=3, P=5: below 3 (→ 6), above 6 (→ 7)', () => {
        expect(nearestValidPadding(12, 3, 3, 5)).toEqual({ below: 3, above: 6 });
    });

    test('W=13, F=3, S=3, P=0 (→ 13/3 + 1): 10 + 2P ≡ 0 (mod 3) ⇔ P ≡ 1: only above, 1 (→ 5)', () => {
        const r = nearestValidPadding(13, 3, 3, 0);
        expect(r.below).toBeUndefined();
        expect(r.above).toBe(1);
        expect(out(13, 3, 3, 1)).toBe(5);
    });

    test('W=10, F=3, S=3, P=0: 7 + 2P ≡ 0 (mod 3) ⇔ P ≡ 1: above 1 (→ 4)', () => {
        expect(nearestValidPadding(10, 3, 3, 0)).toEqual({ below: undefined, above: 1 });
    });

    test('W=14, F=3, S=5, P=0: 11 + 2P ≡ 0 (mod 5) ⇔ 2P ≡ 4 ⇔ P ≡ 2: above 2 (→ 4)', () => {
        expect(nearestValidPadding(14, 3, 5, 0)).toEqual({ below: undefined, above: 2 });
        expect(out(14, 3, 5, 2)).toBe(4);
    });

    test('dilation 2 on a 3×3 (Fe = 5), W=16, S=3: 11 + 2P ≡ 0 (mod 3) ⇔ P ≡ 2: above 2 (→ 6)', () => {
        expect(nearestValidPadding(16, 5, 3, 0)).toEqual({ below: undefined, above: 2 });
        expect(out(16, 5, 3, 2)).toBe(6);
        // with S = 2, 16 − 5 = 11 is odd: none
        expect(nearestValidPadding(16, 5, 2, 0)).toEqual({});
    });

    test('a kernel wider than the input needs the padding to cover it: W=2, F=5, S=1 → P = 2 (→ 2); W=7, F=11, S=4 → P = 2 (→ 1)', () => {
        expect(nearestValidPadding(2, 5, 1, 0)).toEqual({ below: undefined, above: 2 });
        expect(nearestValidPadding(7, 11, 4, 0)).toEqual({ below: undefined, above: 2 });
        expect(out(7, 11, 4, 2)).toBe(1);
    });

    test('pools are capped at ⌊F/2⌋: maxpool 3×3 stride 3 on W=11 needs P ≡ 2 (mod 3) but the cap is 1 → none', () => {
        expect(nearestValidPadding(11, 3, 3, 0)).toEqual({ below: undefined, above: 2 }); // a conv may use 2
        const pool = nearestValidPadding(11, 3, 3, 0, 1);
        expect(pool.below).toBeUndefined();
        expect(pool.above).toBeUndefined();
    });

    test('pools within the cap: maxpool 3×3 stride 3 on W=10 → P = 1 (→ 4); maxpool 2×2 stride 3 on W=10 needs P ≡ 2, cap 1 → none', () => {
        expect(nearestValidPadding(10, 3, 3, 0, 1).above).toBe(1);
        const r = nearestValidPadding(10, 2, 3, 0, 1);
        expect(r.above).toBeUndefined();
        expect(r.below).toBeUndefined();
    });

    test('a pool whose current padding is already above its cap gets no "below" beyond the cap either', () => {
        // maxpool 3×3 stride 3, W=12, P=4 (cap 1): P ≡ 0 (mod 3) tiles → 3 is above the cap, 0 is fine
        const r = nearestValidPadding(12, 3, 3, 4, 1);
        expect(r.below).toBe(0);
        expect(r.above).toBeUndefined();
    });
});

describe('nearestValidPadding — agrees with a brute-force search', () => {
    /** The nearest P < current and P > current (P ≤ maxPad) that tile, by trying every P up to 400. */
    function brute(w: number, fe: number, s: number, current: number, maxPad: number) {
        let below: number | undefined;
        for (let p = current - 1; p >= 0; p--)
            if (p <= maxPad && tiles(w, fe, s, p)) {
                below = p;
                break;
            }
        let above: number | undefined;
        for (let p = current + 1; p <= Math.min(400, maxPad); p++)
            if (tiles(w, fe, s, p)) {
                above = p;
                break;
            }
        return { below, above };
    }
    test('every W ≤ 40, Fe ≤ 11, S ≤ 8, current ≤ 5, with and without a pool cap (current within it)', () => {
        for (let w = 1; w <= 40; w++)
            for (let fe = 1; fe <= 11; fe++)
                for (let s = 1; s <= 8; s++)
                    for (let c = 0; c <= 5; c++) {
                        // (a current padding already above the cap is the separate hand-worked case above)
                        for (const cap of [Infinity, Math.floor(fe / 2)].filter(cap => c <= cap)) {
                            const got = nearestValidPadding(w, fe, s, c, cap);
                            const want = brute(w, fe, s, c, cap);
                            const where = `W=${w} Fe=${fe} S=${s} P=${c} cap=${cap}`;
                            expect(got.below, where).toBe(want.below);
                            expect(got.above, where).toBe(want.above);
                            // an odd stride always has a padding above (without a cap)
                            if (s % 2 === 1 && cap === Infinity) expect(got.above, where).toBeDefined();
                        }
                    }
    });
});

describe('nearestTilingInputs', () => {
    test('W=10, F=3, S=2, P=0 → 9 ((9 − 3)/2 + 1 = 4) and 11 ((11 − 3)/2 + 1 = 5)', () => {
        expect(nearestTilingInputs(10, 3, 2, 0)).toEqual({ below: 9, above: 11 });
    });
    test('AlexNet conv1 11×11 stride 4 on 224: W − 11 ≡ 0 (mod 4) ⇔ W ≡ 3 (mod 4) → 223 and 227', () => {
        expect(nearestTilingInputs(224, 11, 4, 0)).toEqual({ below: 223, above: 227 });
        expect(out(227, 11, 4, 0)).toBe(55);
    });
    test('ResNet stem 7×7 stride 2 pad 3 on 224: W − 1 even ⇔ W odd → 223 (→ 112) and 225 (→ 113)', () => {
        expect(nearestTilingInputs(224, 7, 2, 3)).toEqual({ below: 223, above: 225 });
        expect(out(223, 7, 2, 3)).toBe(112);
        expect(out(225, 7, 2, 3)).toBe(113);
    });
    test('nothing below when the kernel no longer fits: W=3, F=3, S=2 → below none (2 and 1 are too small), above 5', () => {
        const r = nearestTilingInputs(3, 3, 2, 0);
        expect(r.below).toBeUndefined();
        expect(r.above).toBe(5);
    });
    test('agrees with a brute-force search', () => {
        for (let w = 1; w <= 40; w++)
            for (let fe = 1; fe <= 9; fe++)
                for (let s = 1; s <= 6; s++)
                    for (let p = 0; p <= 3; p++) {
                        let below: number | undefined;
                        for (let x = w - 1; x >= 1; x--)
                            if (tiles(x, fe, s, p)) {
                                below = x;
                                break;
                            }
                        let above = w + 1;
                        while (!tiles(above, fe, s, p)) above++;
                        expect(nearestTilingInputs(w, fe, s, p), `W=${w} Fe=${fe} S=${s} P=${p}`).toEqual({ below, above });
                    }
    });
});

describe('huge strides are solved, not searched (0.1 tried every padding up to the stride and hung at 2^53)', () => {
    test('W=8, Fe=3, S=2^53 − 1: 2P ≡ −5 (mod S) ⇔ P = (S − 5)/2 = 2^52 − 3; the span 8 + 2P − 3 = S', () => {
        const s = 2 ** 53 - 1;
        expect(nearestValidPadding(8, 3, s, 0)).toEqual({ below: undefined, above: 2 ** 52 - 3 });
        expect(tiles(8, 3, s, 2 ** 52 - 3)).toBe(true);
    });

    test('input sizes for S=2^53 − 1, Fe=3, P=0: W ≡ 3 (mod S) → 3 below 8, S + 3 is past 2^53 (none above)', () => {
        expect(nearestTilingInputs(8, 3, 2 ** 53 - 1, 0)).toEqual({ below: 3, above: undefined });
    });
});
