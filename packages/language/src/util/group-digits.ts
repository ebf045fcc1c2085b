/**
 * 165984 → "165,984", the en-US grouping the hints and messages use.
 *
 * Written out rather than `toLocaleString('en-US')`: the first call of that
 * loads ICU's locale data, about 20 ms, more than a whole `convspec summary`
 * spends on its own work. Whole numbers up to 2^53 only (counts, sizes,
 * lengths); anything else falls back to `toLocaleString`.
 */
export function groupDigits(n: number): string {
    if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
    return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
