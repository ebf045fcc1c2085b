import { describe, expect, test } from 'vitest';
import { groupDigits } from '../../src/util/group-digits.js';

describe('groupDigits', () => {
    test('agrees with en-US toLocaleString on whole numbers, signs and the ends of the safe range', () => {
        const samples = [0, 7, 999, 1000, 165_984, -1234, -999, 1_000_000, 2 ** 53 - 1, -(2 ** 53 - 1)];
        for (let k = 0; k < 2000; k++) samples.push(Math.floor((Math.random() - 0.5) * 10 ** (k % 16)));
        for (const n of samples) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
    });
    test('falls back to toLocaleString outside whole safe numbers', () => {
        expect(groupDigits(2 ** 60)).toBe((2 ** 60).toLocaleString('en-US'));
        expect(groupDigits(1234.5)).toBe('1,234.5');
    });
});
