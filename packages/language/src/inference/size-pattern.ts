/*
 * Describing a set of valid sizes: the period that repeats it (`32k + 3`),
 * the nearest members to a size, runs for compact printing.
 */

/** From `from` to the end of the range, a size is in the set exactly when size mod `period` is one of `residues`. */
export interface SizePattern {
    readonly period: number;
    /** Sorted, each in [0, period); empty when no size from `from` on is in the set. */
    readonly residues: readonly number[];
    readonly from: number;
}

/**
 * The smallest period that describes the set over at least the upper half of
 * the range (and at least three whole periods), starting as early as it
 * holds; undefined when none does. A finite range cannot prove a pattern
 * continues past its end, so callers say "in the range".
 */
export function findPattern(members: readonly number[], lo: number, hi: number): SizePattern | undefined {
    const n = hi - lo + 1;
    if (n < 3) return undefined;
    const inSet = new Uint8Array(n);
    for (const m of members) if (m >= lo && m <= hi) inSet[m - lo] = 1;
    const needed = Math.ceil(n / 2);
    for (let period = 1; 3 * period <= n; period++) {
        // The last x with inSet[x] ≠ inSet[x + period]: the pattern holds from the one after it.
        let start = 0;
        for (let x = n - 1 - period; x >= 0; x--) {
            if (inSet[x] !== inSet[x + period]) {
                start = x + 1;
                break;
            }
        }
        if (n - start < Math.max(needed, 3 * period)) continue;
        // Said from its first member on (before it the pattern only says "none"), when it has one.
        let from = lo + start;
        const first = members.find(m => m >= from && m <= hi);
        if (first !== undefined) from = first;
        const residues: number[] = [];
        for (let x = from; x < from + period; x++) if (inSet[x - lo]) residues.push(x % period);
        return { period, residues: residues.sort((a, b) => a - b), from };
    }
    return undefined;
}

/** `32k + 3`, `8k + 1, 8k + 5`, `every size`, `none`. */
export function formatPattern(pattern: SizePattern): string {
    if (pattern.residues.length === 0) return 'none';
    if (pattern.residues.length === pattern.period) return 'every size';
    return pattern.residues.map(r => (r === 0 ? `${pattern.period}k` : `${pattern.period}k + ${r}`)).join(', ');
}

export interface Nearest {
    readonly below?: number;
    readonly above?: number;
}

/** The largest member below `size` and the smallest above it (`members` sorted ascending). */
export function nearestMembers(members: readonly number[], size: number): Nearest {
    let below: number | undefined;
    let above: number | undefined;
    for (const m of members) {
        if (m < size) below = m;
        else if (m > size) {
            above = m;
            break;
        }
    }
    return { below, above };
}

/** Consecutive members as [first, last] runs: 1..4096 is one run, not 4,096 numbers. */
export function runsOf(members: readonly number[]): [number, number][] {
    const runs: [number, number][] = [];
    for (const m of members) {
        const last = runs[runs.length - 1];
        if (last && last[1] === m - 1) last[1] = m;
        else runs.push([m, m]);
    }
    return runs;
}
