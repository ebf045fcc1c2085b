/**
 * Integer arithmetic that refuses to go past 2^53: beyond it a JavaScript
 * number silently stops being exact, and a parameter count that is wrong is
 * worse than one that says `too-large`.
 */
export const MAX_EXACT = 2 ** 53;

export class TooLargeError extends Error {
    constructor(readonly what: string) {
        super(`${what} exceeds 2^53 (${MAX_EXACT.toLocaleString('en-US')}) and cannot be computed exactly`);
    }
}

function check(value: number, what: string): number {
    // A product of two exact integers whose true value is at most 2^53 is exact
    // in IEEE doubles; a larger true value rounds to at least 2^53.
    if (!Number.isFinite(value) || Math.abs(value) > MAX_EXACT) throw new TooLargeError(what);
    return value;
}

export function mul(what: string, ...factors: number[]): number {
    return factors.reduce((acc, f) => check(acc * f, what), 1);
}

export function add(what: string, ...terms: number[]): number {
    return terms.reduce((acc, t) => check(acc + t, what), 0);
}
