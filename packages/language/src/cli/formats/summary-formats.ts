import { float32Bytes, formatBytes, formatCount } from '../../presentation/numbers.js';
import type { FileSummary, LayerSummary, NetworkSummary } from '../../summary/summary-model.js';
import { terminalSafe } from '../terminal-safe.js';
import { maxOf, pushAll } from '../../util/large-arrays.js';

const volume = (v: number[] | null) => (v ? v.join('×') : '?');
const count = (n: number | null) => (n === null ? 'too large' : formatCount(n));
const layerName = (l: LayerSummary) => `${'  '.repeat(l.depth)}${l.label ? `${l.label}: ` : ''}${l.op}`;

const COLUMNS = ['Layer', 'Line', 'Output', 'Params', 'MACs', 'RF'] as const;

function rows(network: NetworkSummary): string[][] {
    return network.layers.map(l => [
        layerName(l),
        String(l.line),
        volume(l.output),
        count(l.params),
        count(l.macs),
        l.rf === null ? '?' : String(l.rf)
    ]);
}

function totals(network: NetworkSummary): [string, string][] {
    return [
        ['Input', volume(network.input)],
        ['Output', volume(network.output)],
        ['Total params', count(network.params)],
        ['Total MACs', count(network.macs)],
        [
            'Activations',
            network.activations === null
                ? 'too large'
                : `${formatCount(network.activations)} values (${formatBytes(float32Bytes(network.activations))} as float32)`
        ],
        ['Parameter memory', network.params === null ? 'too large' : formatBytes(float32Bytes(network.params))]
    ];
}

/** A torchinfo-like table: names left, numbers right. */
export function formatSummaryTable(summary: FileSummary): string {
    const out: string[] = [];
    for (const network of summary.networks) {
        const body = rows(network);
        const widths = COLUMNS.map((c, i) =>
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
        pushAll(out, [terminalSafe(`${summary.file} · network ${network.name}`), rule, line(COLUMNS), rule, ...body.map(line), rule]);
        for (const [k, v] of totals(network)) out.push(`${k}: ${v}`);
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

export function formatSummaryMarkdown(summary: FileSummary): string {
    const esc = markdownText;
    const out: string[] = [];
    for (const network of summary.networks) {
        out.push(`## ${esc(network.name)} (${esc(summary.file)})`, '');
        out.push(`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
        for (const r of rows(network))
            out.push(`| ${r.map((c, i) => (i === 0 ? esc(c).replace(/^ +/, m => '&nbsp;'.repeat(m.length)) : esc(c))).join(' | ')} |`);
        out.push('');
        for (const [k, v] of totals(network)) out.push(`- **${k}:** ${esc(v)}`);
        out.push('');
    }
    return out.join('\n');
}

/** RFC 4180 CSV, one row per layer, raw numbers (no separators) for spreadsheets. */
export function formatSummaryCsv(summary: FileSummary): string {
    const cell = (v: string | number | null) => {
        const s = v === null ? '' : String(v);
        return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = ['network,line,op,label,output_w,output_h,output_d,params,macs,rf,jump'];
    for (const n of summary.networks) {
        for (const l of n.layers) {
            lines.push(
                [n.name, l.line, l.op, l.label, ...(l.output ?? [null, null, null]), l.params, l.macs, l.rf, l.jump].map(cell).join(',')
            );
        }
    }
    return lines.join('\r\n') + '\r\n';
}

export function formatSummaryJson(summary: FileSummary): string {
    return JSON.stringify(summary, (key, value) => (key === 'depth' ? undefined : value), 2) + '\n';
}
