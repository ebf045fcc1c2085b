/*
 * `Math.max(...values)` and `array.push(...more)` pass every element as an
 * argument on the stack, and V8 overflows at about 120,000 of them: a file
 * with that many statements, branches or labels would crash the engine or
 * the renderer. These loop instead, for arrays whose size the file decides.
 */

/** The largest value, or `empty` for none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
    let max = empty;
    for (const v of values) if (v > max || Number.isNaN(v)) max = v;
    return max;
}

/** The smallest value, or `empty` for none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
    let min = empty;
    for (const v of values) if (v < min || Number.isNaN(v)) min = v;
    return min;
}

/** Appends every element of `more` to `target`. */
export function pushAll<T>(target: T[], more: Iterable<T>): T[] {
    for (const item of more) target.push(item);
    return target;
}
