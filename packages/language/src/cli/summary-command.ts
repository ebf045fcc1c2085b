import { choice, parseArgs } from './args.js';
import { formatSummaryCsv, formatSummaryJson, formatSummaryMarkdown, formatSummaryTable } from './formats/summary-formats.js';
import { createCliServices } from './services.js';
import { fileSummary } from './summary-model.js';
import { expandPaths, loadWorkspace, UsageError } from './workspace-loader.js';

export const SUMMARY_HELP = `Usage: convspec summary FILE [--network NAME] [--format table|json|markdown|csv]

The per-layer table (like torchinfo): layer, output W×H×D, parameters, MACs, receptive field,
with totals and memory. Printed even when the file has errors; the exit code is 1 then.`;

export async function summaryCommand(argv: string[]): Promise<number> {
    const args = parseArgs(argv, ['format', 'network'], ['help']);
    if (args.options.has('help')) { process.stdout.write(SUMMARY_HELP + '\n'); return 0; }
    if (args.positional.length !== 1) throw new UsageError('summary takes exactly one file');
    const format = choice(args.options.get('format'), ['table', 'json', 'markdown', 'csv'] as const, 'format', 'table');
    const networkOpt = args.options.get('network');
    const network = typeof networkOpt === 'string' ? networkOpt : undefined;
    const files = await expandPaths(args.positional);
    if (files.length !== 1) throw new UsageError('summary takes exactly one .conv file, not a folder');
    const services = createCliServices();
    const { documents: [document] } = await loadWorkspace(services, files);
    const analysis = services.inference.Analyzer.analyze(document);
    if (network !== undefined && !analysis.networks.some(n => n.name === network)) {
        const names = analysis.networks.map(n => n.name);
        throw new UsageError(`no network ${network} in ${args.positional[0]}${names.length ? ` (networks: ${names.join(', ')})` : ''}`);
    }
    const summary = fileSummary(document, analysis, network);
    const render = { table: formatSummaryTable, json: formatSummaryJson, markdown: formatSummaryMarkdown, csv: formatSummaryCsv }[format];
    process.stdout.write(render(summary));
    if (format === 'table') {
        for (const d of summary.diagnostics.filter(d => d.severity === 'error')) {
            process.stderr.write(`${summary.file}:${d.line}:${d.column}: error ${d.code} ${d.message}\n`);
        }
    }
    return summary.diagnostics.some(d => d.severity === 'error') ? 1 : 0;
}
