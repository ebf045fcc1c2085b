import { formatCount } from '../presentation/numbers.js';

/** How counts (parameters, MACs) are written: the `convspec.numberFormat` setting. */
export type NumberFormat = 'grouped' | 'compact' | 'plain';

export const NUMBER_FORMATS: readonly NumberFormat[] = ['grouped', 'compact', 'plain'];

const COMPACT_UNITS = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'K']] as const;

/** 165,984 (grouped), 166K (compact, three significant digits) or 165984 (plain). */
export function formatNumber(n: number, format: NumberFormat = 'grouped'): string {
    if (Number.isNaN(n)) return 'too large';
    if (format === 'plain') return String(n);
    if (format === 'compact') {
        for (const [scale, unit] of COMPACT_UNITS) {
            if (Math.abs(n) >= scale) return `${Number((n / scale).toPrecision(3))}${unit}`;
        }
        return String(n);
    }
    return formatCount(n);
}

/** Float32 bytes of `values` numbers, in the unit one reads at a glance. */
export function formatMegabytes(values: number): string {
    if (Number.isNaN(values)) return 'too large';
    return `${(values * 4 / (1024 * 1024)).toFixed(2)} MB`;
}
