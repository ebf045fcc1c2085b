import { formatCountOrUnknown, formatVolumeArray } from '../presentation/numbers.js';
import type { NetworkSummary } from './summary-model.js';
import type { SummaryRow } from './summary-rows.js';

/** The columns `--columns` can pick, in the order the help lists them; the layer's name always comes first. */
export const COLUMN_NAMES = ['line', 'input', 'output', 'kernel', 'params', 'percent', 'macs', 'flops', 'rf', 'jump'] as const;
export type ColumnName = (typeof COLUMN_NAMES)[number];

/** The 0.1 table's columns: what `summary` shows without `--columns`. */
export const DEFAULT_COLUMNS: readonly ColumnName[] = ['line', 'output', 'params', 'macs', 'rf'];

export interface Column {
    readonly name: ColumnName;
    /** The heading, as torchinfo words it where it has the column. */
    readonly title: string;
    /** The cell as shown: counts grouped (`165,984`), volumes `W×H×D`, blank where the row has no such value. */
    readonly cell: (row: SummaryRow, network: NetworkSummary) => string;
}

const optional = (n: number | null) => (n === null ? '?' : String(n));

/** torchinfo's "Param %": the row's share of the network's parameters, two decimals. */
function percent(row: SummaryRow, network: NetworkSummary): string {
    if (row.params === null || network.params === null) return '?';
    return `${network.params === 0 ? '0.00' : ((100 * row.params) / network.params).toFixed(2)}%`;
}

export const COLUMNS: Readonly<Record<ColumnName, Column>> = {
    line: { name: 'line', title: 'Line', cell: row => (row.line === null ? '' : String(row.line)) },
    input: { name: 'input', title: 'Input', cell: row => formatVolumeArray(row.input) },
    output: { name: 'output', title: 'Output', cell: row => formatVolumeArray(row.output) },
    kernel: { name: 'kernel', title: 'Kernel', cell: row => row.kernel ?? '' },
    params: { name: 'params', title: 'Params', cell: row => formatCountOrUnknown(row.params) },
    percent: { name: 'percent', title: 'Params %', cell: percent },
    macs: { name: 'macs', title: 'MACs', cell: row => formatCountOrUnknown(row.macs) },
    // One multiply-accumulate is two floating-point operations (fvcore and ptflops count MACs, papers often FLOPs).
    flops: { name: 'flops', title: 'FLOPs', cell: row => formatCountOrUnknown(row.macs === null ? null : 2 * row.macs) },
    rf: { name: 'rf', title: 'RF', cell: row => optional(row.rf) },
    jump: { name: 'jump', title: 'Jump', cell: row => optional(row.jump) }
};
