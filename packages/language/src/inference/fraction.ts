/**
 * Exact rationals for output sizes: `(W + 2P − Fe)/S + 1` must be known to be
 * non-integer (112.5) rather than rounded by floating point.
 */
export interface Fraction {
    readonly num: number;
    readonly den: number;
}

function gcd(a: number, b: number): number {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b) [a, b] = [b, a % b];
    return a || 1;
}

export function fraction(num: number, den = 1): Fraction {
    if (den < 0) [num, den] = [-num, -den];
    const g = gcd(num, den);
    return { num: num / g, den: den / g };
}

export function isInteger(f: Fraction): boolean {
    return f.den === 1;
}

export function floorOf(f: Fraction): number {
    return Math.floor(f.num / f.den);
}

export function ceilOf(f: Fraction): number {
    return Math.ceil(f.num / f.den);
}

export function toNumber(f: Fraction): number {
    return f.num / f.den;
}

/** `112.5`, `4.5`, `3.333…` — as people write them, never `3.3333333333333335`. */
export function formatFraction(f: Fraction): string {
    if (f.den === 1) return String(f.num);
    const value = f.num / f.den;
    const rounded = Math.round(value * 1000) / 1000;
    return Math.abs(rounded - value) < 1e-12 ? String(rounded) : `${rounded}…`;
}
