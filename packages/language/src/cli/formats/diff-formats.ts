import type { DiffNetworkHeader, DiffRow, NetworkDiff } from '../../compare/network-diff.js';
import { formatSignedCount, layerCounts, pairText, rowName, totalText } from '../../compare/diff-text.js';
import { formatCountOrUnknown, formatVolumeArray } from '../../presentation/numbers.js';
import type { FileDiagnostic } from '../diagnostics.js';
import { terminalSafe } from '../terminal-safe.js';
import { markdownText } from './summary-formats.js';
import { maxOf, pushAll } from '../../util/large-arrays.js';

/** What `convspec diff` prints: the comparison, which file each network came from, and both files' diagnostics. */
export interface DiffReport extends Omit<NetworkDiff, 'a' | 'b'> {
    readonly a: DiffNetworkHeader & { readonly file: string };
    readonly b: DiffNetworkHeader & { readonly file: string };
    readonly diagnostics: FileDiagnostic[];
}

/** As `diff -u` marks lines: `+` only in B, `-` only in A; `~` for a matched row that changed. */
const MARKS: Record<DiffRow['kind'], string> = { same: ' ', changed: '~', added: '+', removed: '-' };

const COLUMNS = ['Layer', 'Line', 'Input', 'Output', 'Params', 'Δ Params', 'MACs', 'Δ MACs'] as const;

/** A change column: blank when nothing changed, so the eye finds the rows that did. */
const change = (n: number | null) => (n === 0 ? '' : formatSignedCount(n));

/** The cells of a row after its name, as text (escaping is the format's). */
function cells(row: DiffRow): string[] {
    return [
        pairText(row, s => String(s.line)),
        pairText(row, s => formatVolumeArray(s.input)),
        pairText(row, s => formatVolumeArray(s.output)),
        pairText(row, s => formatCountOrUnknown(s.params)),
        change(row.params),
        pairText(row, s => formatCountOrUnknown(s.macs)),
        change(row.macs)
    ];
}

const side = (h: DiffReport['a']) => `${h.file}#${h.name}`;

function totals(report: DiffReport): [string, string][] {
    const volumes = (pick: (h: DiffNetworkHeader) => number[] | null) => {
        const [a, b] = [formatVolumeArray(pick(report.a)), formatVolumeArray(pick(report.b))];
        return a === b ? a : `${a} → ${b}`;
    };
    return [
        ['Input', volumes(h => h.input)],
        ['Output', volumes(h => h.output)],
        ['Total params', totalText(report.params)],
        ['Total MACs', totalText(report.macs)],
        ['Layers', layerCounts(report.rows)]
    ];
}

/** Names left, numbers right, a diff mark before each row; the network names and totals below. */
export function formatDiffTable(report: DiffReport): string {
    const body = report.rows.map(r => [`${MARKS[r.kind]} ${'  '.repeat(r.depth)}${terminalSafe(rowName(r))}`, ...cells(r)]);
    const widths = COLUMNS.map((c, i) =>
        maxOf(
            body.map(r => r[i].length),
            c.length + (i === 0 ? 2 : 0)
        )
    );
    const line = (row: readonly string[]) =>
        row
            .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
            .join('  ')
            .trimEnd();
    const rule = '─'.repeat(widths.reduce((a, w) => a + w + 2, -2));
    const out = [
        `A: ${terminalSafe(side(report.a))}`,
        `B: ${terminalSafe(side(report.b))}`,
        rule,
        line([`  ${COLUMNS[0]}`, ...COLUMNS.slice(1)]),
        rule
    ];
    pushAll(out, body.map(line));
    out.push(rule);
    for (const [k, v] of totals(report)) out.push(`${k}: ${v}`);
    out.push('(+ only in B, - only in A, ~ changed)', '');
    return out.join('\n');
}

export function formatDiffMarkdown(report: DiffReport): string {
    const esc = markdownText;
    const out = [`## ${esc(report.a.name)} → ${esc(report.b.name)}`, '', `A: ${esc(side(report.a))}  `, `B: ${esc(side(report.b))}`, ''];
    out.push(
        `| Change | ${COLUMNS.join(' | ')} |`,
        `| --- | --- |${COLUMNS.slice(1)
            .map(() => ' ---: ')
            .join('|')}|`
    );
    for (const r of report.rows) {
        // Leading spaces would be trimmed from a cell: the indentation is non-breaking.
        const name = '&nbsp;&nbsp;'.repeat(r.depth) + esc(rowName(r));
        out.push(`| ${r.kind} | ${[name, ...cells(r).map(esc)].join(' | ')} |`);
    }
    out.push('');
    for (const [k, v] of totals(report)) out.push(`- **${k}:** ${esc(v)}`);
    out.push('');
    return out.join('\n');
}

export function formatDiffJson(report: DiffReport): string {
    return JSON.stringify(report, null, 2) + '\n';
}
