/** The pattern of a set of sizes: the smallest period over the upper half of the range, from its first member. */
import { expect, test } from 'vitest';
import { findPattern, formatPattern, nearestMembers, runsOf } from '../../src/inference/size-pattern.js';

const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

test('32k + 3 from 67: the AlexNet-2012 sizes', () => {
    const sizes = range(1, 512).filter(s => s % 32 === 3 && s >= 67);
    const p = findPattern(sizes, 1, 512);
    expect(p).toEqual({ period: 32, residues: [3], from: 67 });
    expect(formatPattern(p!)).toBe('32k + 3');
});

test('two residues, a multiple and every size', () => {
    // 8k + 1 and 8k + 5 is 4k + 1: the smallest period wins.
    expect(
        findPattern(
            range(1, 100).filter(s => s % 4 === 1),
            1,
            100
        )
    ).toEqual({ period: 4, residues: [1], from: 1 });
    const twoOfSix = findPattern(
        range(1, 120).filter(s => s % 6 === 1 || s % 6 === 2),
        1,
        120
    )!;
    expect(formatPattern(twoOfSix)).toBe('6k + 1, 6k + 2');
    expect(
        formatPattern(
            findPattern(
                range(1, 99).filter(s => s % 4 === 0),
                1,
                99
            )!
        )
    ).toBe('4k');
    expect(findPattern(range(29, 200), 1, 200)).toEqual({ period: 1, residues: [0], from: 29 });
    expect(formatPattern({ period: 1, residues: [0], from: 29 })).toBe('every size');
});

test('no period describes the upper half: no pattern', () => {
    // Squares thin out: no period up to 100/3 repeats over 50..100.
    expect(findPattern([1, 4, 9, 16, 25, 36, 49, 64, 81, 100], 1, 100)).toBeUndefined();
});

test('nearest members and runs', () => {
    expect(nearestMembers([3, 5, 9, 11], 9)).toEqual({ below: 5, above: 11 });
    expect(nearestMembers([3, 5], 1)).toEqual({ below: undefined, above: 3 });
    expect(runsOf([1, 2, 3, 7, 9, 10])).toEqual([
        [1, 3],
        [7, 7],
        [9, 10]
    ]);
});
