/*
 * How a diff's cells read, for every output (the CLI's table and Markdown,
 * the editor's compare view): one value when both sides agree, `a → b` when
 * they differ, and changes with an explicit sign. Text only, no escaping:
 * each output escapes for its own medium.
 */
import { formatCountOrUnknown, formatNumber, type NumberFormat } from '../presentation/numbers.js';
import type { DiffRow, DiffSide, DiffTotal } from './network-diff.js';

/** U+2212, the minus sign: a change reads `−223,744`, not `-223,744`. */
const MINUS = '−';

/**
 * A change with its sign: `+18,432`, `−110,592`, `0`; `?` when unknown, and
 * "too large" past 2^53. The editor's compare view passes the user's number
 * format (`−224K`).
 */
export function formatSignedCount(n: number | null, format: NumberFormat = 'grouped'): string {
    if (n === null) return '?';
    if (Number.isNaN(n) || n === 0) return formatNumber(n, format);
    return `${n < 0 ? MINUS : '+'}${formatNumber(Math.abs(n), format)}`;
}

/** A relative change to one decimal: `−57.8%`; empty when there is none to give (A is 0 or unknown). */
export function formatPercent(p: number | null): string {
    if (p === null) return '';
    const rounded = Math.abs(p).toFixed(1);
    return `${p < 0 && rounded !== '0.0' ? MINUS : p > 0 && rounded !== '0.0' ? '+' : ''}${rounded}%`;
}

/** One side's value, or `a → b` when the sides differ; an added or removed row shows its one side. */
export function pairText(row: Pick<DiffRow, 'a' | 'b'>, cell: (side: DiffSide) => string): string {
    const a = row.a ? cell(row.a) : undefined;
    const b = row.b ? cell(row.b) : undefined;
    if (a === undefined || b === undefined) return a ?? b ?? '';
    return a === b ? a : `${a} → ${b}`;
}

/** What a row shows in its first column: `reduce3x3: conv 96 1x1`, `naive: concat → reduced: concat`. */
export function rowName(row: Pick<DiffRow, 'a' | 'b'>): string {
    return pairText(row, s => (s.label === null ? s.text : `${s.label}: ${s.text}`));
}

/** A total: `387,072 → 163,328 (−223,744, −57.8%)`, or one number when equal. */
export function totalText(t: DiffTotal): string {
    const [a, b] = [formatCountOrUnknown(t.a), formatCountOrUnknown(t.b)];
    if (t.delta === 0) return a;
    const percent = formatPercent(t.percent);
    return `${a} → ${b} (${formatSignedCount(t.delta)}${percent ? `, ${percent}` : ''})`;
}

/** The layer rows (structure and lane rows left out) by kind: `2 same, 2 changed, 3 added, 0 removed`. */
export function layerCounts(rows: readonly DiffRow[]): string {
    const kinds = ['same', 'changed', 'added', 'removed'] as const;
    return kinds.map(k => `${rows.filter(r => !r.structure && r.kind === k).length} ${k}`).join(', ');
}
