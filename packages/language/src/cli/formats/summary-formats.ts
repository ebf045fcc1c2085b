import { COLUMNS, DEFAULT_COLUMNS, type ColumnName } from '../../summary/columns.js';
import type { FileSummary, NetworkSummary } from '../../summary/summary-model.js';
import { summaryRows, type SummaryRow } from '../../summary/summary-rows.js';
import { summaryTotals } from '../../summary/summary-totals.js';
import { terminalSafe } from '../terminal-safe.js';
import { maxOf, pushAll } from '../../util/large-arrays.js';

/** What the human formats (table, markdown, latex) show: which columns, and how deep before folding. */
export interface SummaryView {
    readonly columns: readonly ColumnName[];
    readonly depth: number;
}

export const DEFAULT_VIEW: SummaryView = { columns: DEFAULT_COLUMNS, depth: Infinity };

/** The headings and the cells after the name, one array per row. */
export function tableCells(network: NetworkSummary, view: SummaryView): { titles: string[]; rows: SummaryRow[]; cells: string[][] } {
    const columns = view.columns.map(c => COLUMNS[c]);
    const rows = summaryRows(network, view.depth);
    return { titles: columns.map(c => c.title), rows, cells: rows.map(row => columns.map(c => c.cell(row, network))) };
}

/** torchinfo's tree: `├─` at the network's level, `│    └─` one level in, and so on. */
const treePrefix = (depth: number) => `${'│    '.repeat(depth - 1)}${depth === 1 ? '├─' : '└─'}`;

/** A torchinfo-like table: names left in a tree, numbers right, then the totals and memory lines. */
export function formatSummaryTable(summary: FileSummary, view: SummaryView = DEFAULT_VIEW): string {
    const out: string[] = [];
    for (const network of summary.networks) {
        const { titles, rows, cells } = tableCells(network, view);
        const header = ['Layer', ...titles];
        const body = rows.map((row, i) => [terminalSafe(treePrefix(row.depth) + row.name), ...cells[i]]);
        const widths = header.map((c, i) =>
            maxOf(
                body.map(r => r[i].length),
                c.length
            )
        );
        const line = (cells: readonly string[]) =>
            cells
                .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
                .join('  ')
                .trimEnd();
        const rule = '─'.repeat(widths.reduce((a, w) => a + w + 2, -2));
        pushAll(out, [terminalSafe(`${summary.file} · network ${network.name}`), rule, line(header), rule, ...body.map(line), rule]);
        for (const [k, v] of summaryTotals(network, view.columns)) out.push(`${k}: ${v}`);
        out.push('');
    }
    return out.join('\n');
}

/**
 * Text that Markdown shows as written: every punctuation mark that could
 * start markup, HTML or an entity is backslash-escaped (CommonMark allows it
 * before any ASCII punctuation), and control characters, newlines included,
 * become escapes, so a file name cannot start a new line or an `<img>`.
 */
export function markdownText(text: string): string {
    return terminalSafe(text).replace(/[\\`*_[\]<>#|~&]/g, c => `\\${c}`);
}

/**
 * A GitHub-flavoured table per network. Structure rows are bold and lanes
 * italic, so a reader sees which rows are subtotals; nesting is indentation.
 */
export function formatSummaryMarkdown(summary: FileSummary, view: SummaryView = DEFAULT_VIEW): string {
    const esc = markdownText;
    const out: string[] = [];
    for (const network of summary.networks) {
        const { titles, rows, cells } = tableCells(network, view);
        out.push(`## ${esc(network.name)} (${esc(summary.file)})`, '');
        out.push(`| Layer | ${titles.join(' | ')} |`, `| --- |${titles.map(() => ' ---: ').join('|')}|`);
        rows.forEach((row, i) => {
            const name = row.kind === 'structure' ? `**${esc(row.name)}**` : row.kind === 'lane' ? `*${esc(row.name)}*` : esc(row.name);
            out.push(`| ${'&nbsp;'.repeat(2 * (row.depth - 1))}${name} | ${cells[i].map(esc).join(' | ')} |`);
        });
        out.push('');
        for (const [k, v] of summaryTotals(network, view.columns)) out.push(`- **${esc(k)}:** ${esc(v)}`);
        out.push('');
    }
    return out.join('\n');
}

/**
 * RFC 4180 CSV, raw numbers (no separators) for spreadsheets: every row of the
 * tree, whatever `--depth`. `kind` says what a row is: only `layer` rows add
 * up to the totals (`structure` and `lane` rows are their subtotals), so sum
 * params over `kind == layer`.
 */
export function formatSummaryCsv(summary: FileSummary): string {
    const cell = (v: string | number | null) => {
        const s = v === null ? '' : String(v);
        return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = ['network,line,op,label,output_w,output_h,output_d,params,macs,rf,jump,kind,depth,name'];
    for (const n of summary.networks) {
        for (const r of summaryRows(n)) {
            lines.push(
                [
                    n.name,
                    r.line,
                    r.op,
                    r.label,
                    ...(r.output ?? [null, null, null]),
                    r.params,
                    r.macs,
                    r.rf,
                    r.jump,
                    r.kind,
                    r.depth,
                    r.name
                ]
                    .map(cell)
                    .join(',')
            );
        }
    }
    return lines.join('\r\n') + '\r\n';
}

/** §8's JSON: `layers[]` with exactly its fields (leaves only), plus `tree` and `memory`. */
export function formatSummaryJson(summary: FileSummary): string {
    const networks = summary.networks.map(n => ({
        ...n,
        layers: n.layers.map(({ depth: _depth, kernel: _kernel, ...layer }) => layer)
    }));
    return JSON.stringify({ ...summary, networks }, null, 2) + '\n';
}
