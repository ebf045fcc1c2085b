import { choice, parseArgs } from './args.js';
import type { CliContext } from './context.js';
import {
    DEFAULT_VIEW,
    formatSummaryCsv,
    formatSummaryJson,
    formatSummaryMarkdown,
    formatSummaryTable,
    type SummaryView
} from './formats/summary-formats.js';
import { formatSummaryLatex } from './formats/summary-latex.js';
import { loadSingleFile } from './single-file.js';
import { UsageError } from './workspace-loader.js';
import { COLUMN_NAMES, DEFAULT_COLUMNS, type ColumnName } from '../summary/columns.js';
import { DEFAULT_MEMORY, DTYPES, type MemoryOptions } from '../summary/memory.js';
import { fileSummary } from '../summary/summary-model.js';
import { displayPath } from './diagnostics.js';

export const SUMMARY_HELP = `Usage: convspec summary FILE [--network NAME] [--format table|json|markdown|csv|latex]
                        [--depth N] [--columns LIST] [--batch N] [--dtype float32|float16|bfloat16|int8]

The per-layer table (like torchinfo): every layer, and a row with subtotals for each block
call, repeat (and iteration), concat/split branch, residual body/shortcut and gate, indented
as a tree. Then the totals and torchinfo's memory lines in decimal MB (1 MB = 10^6 bytes).
Printed even when the file has errors; the exit code is 1 then.

  --depth N        fold everything nested deeper than N into its structure's row (1 = the
                   network's own statements); table, markdown and latex
  --columns LIST   comma-separated, from: ${COLUMN_NAMES.join(', ')}
                   (default ${DEFAULT_COLUMNS.join(',')}; percent = share of the params,
                   flops = 2·MACs); table, markdown and latex
  --batch N        samples per pass for the memory lines (default 1); MACs stay per sample
  --dtype T        bytes per value: float32 4, float16 2, bfloat16 2, int8 1 (default float32)
  --format         csv lists every row with a kind column (sum params over kind = layer);
                   json adds a tree of the structures and the memory figures in bytes`;

const FORMATS = ['table', 'json', 'markdown', 'csv', 'latex'] as const;
type SummaryFormat = (typeof FORMATS)[number];

/** A whole number ≥ `min`, or a one-line usage error naming the option. */
function wholeNumber(value: string | true | undefined, name: string, min: number, fallback: number): number {
    if (value === undefined) return fallback;
    if (value === true || !/^\d{1,9}$/.test(value) || Number(value) < min) throw new UsageError(`--${name} takes a whole number ≥ ${min}`);
    return Number(value);
}

function parseColumns(value: string | true | undefined): readonly ColumnName[] {
    if (value === undefined) return DEFAULT_COLUMNS;
    const names = value === true ? [] : value.split(',').map(s => s.trim());
    const unknown = names.find(n => !(COLUMN_NAMES as readonly string[]).includes(n));
    if (names.length === 0 || unknown !== undefined) {
        throw new UsageError(
            `--columns takes a comma-separated list of ${COLUMN_NAMES.join(', ')}${unknown ? ` (not ${JSON.stringify(unknown)})` : ''}`
        );
    }
    return [...new Set(names as ColumnName[])];
}

/** Options that shape a table are refused, not ignored, where there is no table to shape. */
function refuseTableOptions(format: SummaryFormat, options: ReadonlyMap<string, string | true>): void {
    if (format !== 'json' && format !== 'csv') return;
    const given = ['depth', 'columns'].find(o => options.has(o));
    if (given) throw new UsageError(`--${given} shapes the table, markdown and latex formats; ${format} always has every row and field`);
    const memory = ['batch', 'dtype'].find(o => options.has(o));
    if (format === 'csv' && memory)
        throw new UsageError(`--${memory} changes the memory lines, which csv does not have (json and the tables do)`);
}

export async function summaryCommand(argv: string[], context: CliContext): Promise<number> {
    const args = parseArgs(argv, ['format', 'network', 'depth', 'columns', 'batch', 'dtype'], ['help']);
    if (args.options.has('help')) {
        context.stdout(SUMMARY_HELP + '\n');
        return 0;
    }
    const format = choice(args.options.get('format'), FORMATS, 'format', 'table');
    refuseTableOptions(format, args.options);
    const view: SummaryView = {
        columns: parseColumns(args.options.get('columns')),
        depth: wholeNumber(args.options.get('depth'), 'depth', 1, DEFAULT_VIEW.depth)
    };
    const memory: MemoryOptions = {
        batch: wholeNumber(args.options.get('batch'), 'batch', 1, DEFAULT_MEMORY.batch),
        dtype: choice(args.options.get('dtype'), DTYPES, 'dtype', DEFAULT_MEMORY.dtype)
    };
    const networkOpt = args.options.get('network');
    const network = typeof networkOpt === 'string' ? networkOpt : undefined;
    const { document, analysis } = await loadSingleFile('summary', args.positional, context, network);
    const summary = fileSummary(displayPath(document.uri.fsPath, context.cwd), document, analysis, network, memory);
    const render = {
        table: () => formatSummaryTable(summary, view),
        json: () => formatSummaryJson(summary),
        markdown: () => formatSummaryMarkdown(summary, view),
        csv: () => formatSummaryCsv(summary),
        latex: () => formatSummaryLatex(summary, view)
    }[format];
    context.stdout(render());
    if (format === 'table') {
        for (const d of summary.diagnostics.filter(d => d.severity === 'error')) {
            context.stderr(`${summary.file}:${d.line}:${d.column}: error ${d.code} ${d.message}\n`);
        }
    }
    return summary.diagnostics.some(d => d.severity === 'error') ? 1 : 0;
}
