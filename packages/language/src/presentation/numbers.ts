/** How counts (parameters, MACs) are written: the `convspec.numberFormat` setting and `--numbers`. */
import { groupDigits } from '../util/group-digits.js';
export type NumberFormat = 'grouped' | 'compact' | 'plain';

export const NUMBER_FORMATS: readonly NumberFormat[] = ['grouped', 'compact', 'plain'];

/** NaN is how the engine marks a count past 2^53. */
const TOO_LARGE = 'too large';

/** en-US thousands separators, as the hints show them: 165,984. */
export function formatCount(n: number): string {
    return Number.isNaN(n) ? TOO_LARGE : groupDigits(n);
}

/** Numbers with more digits than this are shown by their ends and their length. */
export const MAX_SHOWN_DIGITS = 40;

/**
 * A number as the file wrote it, for a message: grouped (`9,007,199,254,740,993`)
 * when it is a whole number, as written otherwise (`0.25`, `1e308`). Past
 * {@link MAX_SHOWN_DIGITS} digits only its ends and its length are shown —
 * `1234567890…(1,000,000 digits)…7890`, under 40 characters however long the
 * literal — so a huge literal cannot make a huge message.
 */
export function writtenNumber(text: string): string {
    const digits = text.replace(/\D/g, '').length;
    if (digits > MAX_SHOWN_DIGITS) return `${text.slice(0, 10)}…(${groupDigits(digits)} digits)…${text.slice(-4)}`;
    const whole = /^(-?)(\d+)$/.exec(text);
    return whole ? `${whole[1]}${whole[2].replace(/\B(?=(\d{3})+$)/g, ',')}` : text;
}

const COMPACT_UNITS = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K']
] as const;

/** 165,984 (grouped), 166K (compact, three significant digits) or 165984 (plain). */
export function formatNumber(n: number, format: NumberFormat = 'grouped'): string {
    if (Number.isNaN(n)) return TOO_LARGE;
    if (format === 'plain') return String(n);
    if (format === 'compact') {
        for (const [scale, unit] of COMPACT_UNITS) {
            if (Math.abs(n) >= scale) return `${Number((n / scale).toPrecision(3))}${unit}`;
        }
        return String(n);
    }
    return formatCount(n);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count in decimal units (1 KB = 1,000 B, as torchinfo's "MB" means 10^6 bytes): 60,008 → 60.01 KB. */
export function formatBytes(bytes: number): string {
    if (Number.isNaN(bytes)) return TOO_LARGE;
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
        value /= 1000;
        unit++;
    }
    return `${unit === 0 ? value : value.toFixed(2)} ${BYTE_UNITS[unit]}`;
}

/** A count that may be unknown (null: past 2^53 or upstream of an error) as the tables print it. */
export const formatCountOrUnknown = (n: number | null): string => (n === null ? TOO_LARGE : formatCount(n));

/** A `[W, H, D]` volume from the JSON-shaped summaries: `28×28×256`; `?` when unknown. */
export const formatVolumeArray = (v: readonly number[] | null): string => (v ? v.join('×') : '?');

/** Decimal megabytes with two decimals, as torchinfo prints its memory lines (1 MB = 10^6 bytes): 397,600 → 0.40. */
export function formatMegabytes(bytes: number | null): string {
    return bytes === null ? 'unknown' : (bytes / 1e6).toFixed(2);
}

/** Bytes of `values` numbers stored as float32. */
export function float32Bytes(values: number): number {
    return values * 4;
}
