import { describe, expect, test } from 'vitest';
import { expectNoLeak, leakedValues } from './message-check.js';

describe('the leaked-value check every harness applies', () => {
    test.each(['dropout rate undefined is outside [0, 1)', 'NaN params', 'in block [object Object]'])('catches %s', text => {
        expect(leakedValues(text)).toBeDefined();
        expect(() => expectNoLeak(text, 'a message')).toThrow(/JavaScript/);
    });

    test.each(['(10 − 3 + 2·0)/2 + 1 = 4.5 is not an integer', 'an undefinedness', 'NaNo 3 params'])('lets %s pass', text => {
        expect(leakedValues(text)).toBeUndefined();
    });
});
