import { choice, parseArgs } from './args.js';
import type { CliContext } from './context.js';
import { formatSummaryCsv, formatSummaryJson, formatSummaryMarkdown, formatSummaryTable } from './formats/summary-formats.js';
import { loadSingleFile } from './single-file.js';
import { fileSummary } from '../summary/summary-model.js';
import { displayPath } from './diagnostics.js';

export const SUMMARY_HELP = `Usage: convspec summary FILE [--network NAME] [--format table|json|markdown|csv]

The per-layer table (like torchinfo): layer, output W×H×D, parameters, MACs, receptive field,
with totals and memory. Printed even when the file has errors; the exit code is 1 then.`;

export async function summaryCommand(argv: string[], context: CliContext): Promise<number> {
    const args = parseArgs(argv, ['format', 'network'], ['help']);
    if (args.options.has('help')) {
        context.stdout(SUMMARY_HELP + '\n');
        return 0;
    }
    const format = choice(args.options.get('format'), ['table', 'json', 'markdown', 'csv'] as const, 'format', 'table');
    const networkOpt = args.options.get('network');
    const network = typeof networkOpt === 'string' ? networkOpt : undefined;
    const { document, analysis } = await loadSingleFile('summary', args.positional, context, network);
    const summary = fileSummary(displayPath(document.uri.fsPath, context.cwd), document, analysis, network);
    const render = { table: formatSummaryTable, json: formatSummaryJson, markdown: formatSummaryMarkdown, csv: formatSummaryCsv }[format];
    context.stdout(render(summary));
    if (format === 'table') {
        for (const d of summary.diagnostics.filter(d => d.severity === 'error')) {
            context.stderr(`${summary.file}:${d.line}:${d.column}: error ${d.code} ${d.message}\n`);
        }
    }
    return summary.diagnostics.some(d => d.severity === 'error') ? 1 : 0;
}
