import { describe, expect, test } from 'vitest';
import { boxSize, DEPTH_SCALE, entryDepth, isDrawable, logScale, SPATIAL_SCALE, type LogScale } from '../../src/render/box-scale.js';

const SCALES: [string, LogScale][] = [
    ['spatial', SPATIAL_SCALE],
    ['depth', DEPTH_SCALE]
];

describe('box scale', () => {
    test.each(SCALES)('%s: the ends map to min and max; a size between them by the fraction of its log', (_, s) => {
        expect(logScale(s.lo, s)).toBe(s.min);
        expect(logScale(s.hi, s)).toBeCloseTo(s.max, 9);
        // The geometric mean of the range is half way on the page.
        const mid = Math.sqrt(s.lo * s.hi);
        expect(logScale(mid, s)).toBeCloseTo((s.min + s.max) / 2, 9);
        // A quarter of the octaves, a quarter of the length.
        expect(logScale(s.lo * (s.hi / s.lo) ** 0.25, s)).toBeCloseTo(s.min + 0.25 * (s.max - s.min), 9);
    });

    test.each(SCALES)('%s: every doubling inside the range adds the same length (logarithmic)', (_, s) => {
        const step = (s.max - s.min) / Math.log2(s.hi / s.lo);
        for (let n = s.lo; n * 2 <= s.hi; n *= 2) expect(logScale(n * 2, s) - logScale(n, s)).toBeCloseTo(step, 9);
        // Not linear: 7 → 14 adds as much as 112 → 224.
        expect(logScale(14, s) - logScale(7, s)).toBeCloseTo(logScale(224, s) - logScale(112, s), 9);
    });

    test.each(SCALES)('%s: monotone over 0 … 2^24, strictly inside the range', (_, s) => {
        let previous = -Infinity;
        for (let n = 0; n <= 2 ** 24; n = Math.max(1, Math.ceil(n * 1.1))) {
            const v = logScale(n, s);
            expect(v).toBeGreaterThanOrEqual(previous);
            if (n > s.lo && n <= s.hi) expect(v).toBeGreaterThan(previous);
            previous = v;
        }
    });

    test.each(SCALES)('%s: bounded — tiny, huge and damaged sizes stay within [min, max], never NaN', (_, s) => {
        for (const n of [0, -5, 0.5, Number.NaN, -Infinity]) expect(logScale(n, s)).toBe(s.min);
        for (const n of [s.hi * 2, 1e9, Number.MAX_VALUE, Infinity]) expect(logScale(n, s)).toBe(s.max);
    });

    test('a 1×1×4096 dense layer and a 224×224×3 input are both readable boxes', () => {
        const dense = boxSize({ w: 1, h: 1, d: 4096 });
        const input = boxSize({ w: 224, h: 224, d: 3 });
        // The dense layer: the smallest face, the longest depth edge (0.72 and 0.45 of it across and up).
        expect(dense.fw).toBe(SPATIAL_SCALE.min);
        expect(dense.dx).toBeCloseTo(0.72 * DEPTH_SCALE.max, 9);
        expect(dense.dy).toBeCloseTo(0.45 * DEPTH_SCALE.max, 9);
        // The input: 224 is log2(224) ≈ 7.807 of log2(1024) = 10 octaves up the spatial range.
        const expected = SPATIAL_SCALE.min + ((SPATIAL_SCALE.max - SPATIAL_SCALE.min) * Math.log2(224)) / 10;
        expect(input.fw).toBeCloseTo(expected, 9);
        expect(input.fh).toBeCloseTo(expected, 9);
        // Neither is larger than the largest face allowed, nor is its face a speck.
        for (const b of [dense, input]) {
            expect(Math.max(b.fw, b.fh, b.dx)).toBeLessThanOrEqual(SPATIAL_SCALE.max);
            expect(b.fw).toBeGreaterThanOrEqual(8);
        }
    });

    test('an incoming arrow meets the top face: 0 below the top when the face is wide, down the slant when it is narrow', () => {
        // Wide face, short slant: the top face's back edge is above the middle of the front face.
        expect(entryDepth({ fw: 80, fh: 80, dx: 10, dy: 6 })).toBe(0);
        // Narrow face (8), long slant (dx 40, dy 25): the middle (4 across) meets the left edge 4/40 of the way up.
        expect(entryDepth({ fw: 8, fh: 8, dx: 40, dy: 25 })).toBeCloseTo(25 * (1 - 4 / 40), 9);
    });

    test('only three finite sizes ≥ 1 are drawn as a box', () => {
        expect(isDrawable({ w: 7, h: 7, d: 512 })).toBe(true);
        expect(isDrawable(undefined)).toBe(false);
        expect(isDrawable({ w: 0, h: 7, d: 512 })).toBe(false);
        expect(isDrawable({ w: 7, h: Number.NaN, d: 512 })).toBe(false);
        expect(isDrawable({ w: 7, h: 7, d: Infinity })).toBe(false);
    });
});
