import type { CountName } from './issues.js';

/**
 * Integer arithmetic that refuses to go past 2^53: beyond it a JavaScript
 * number silently stops being exact, and a parameter count that is wrong is
 * worse than one that says `too-large`.
 */
export const MAX_EXACT = 2 ** 53;

/** Thrown by `mul` and `add`; the engine turns it into a `too-large` issue naming `count`. */
export class TooLargeError extends Error {
    constructor(readonly count: CountName) {
        super(`${count} exceeds 2^53`);
    }
}

function check(value: number, count: CountName): number {
    // A product of two exact integers whose true value is at most 2^53 is exact
    // in IEEE doubles; a larger true value rounds to at least 2^53.
    if (!Number.isFinite(value) || Math.abs(value) > MAX_EXACT) throw new TooLargeError(count);
    return value;
}

export function mul(count: CountName, ...factors: number[]): number {
    return factors.reduce((acc, f) => check(acc * f, count), 1);
}

export function add(count: CountName, ...terms: number[]): number {
    return addAll(count, terms);
}

/** Σ of any number of terms (a spread of 120,000 would overflow the stack). */
export function addAll(count: CountName, terms: readonly number[]): number {
    let sum = 0;
    for (const t of terms) sum = check(sum + t, count);
    return sum;
}

/** Σ of the terms, or NaN when it passes 2^53 (the caller decides whether to report it). */
export function sumOrNaN(count: CountName, terms: readonly number[]): number {
    try {
        return addAll(count, terms);
    } catch (e) {
        if (e instanceof TooLargeError) return NaN;
        throw e;
    }
}
