import { statementHints } from '../presentation/statement-hints.js';
import { annotateSource } from './annotate.js';
import { parseArgs } from './args.js';
import { createCliServices } from './services.js';
import { expandPaths, loadWorkspace, UsageError } from './workspace-loader.js';

export const ANNOTATE_HELP = `Usage: convspec annotate FILE

Prints the source with each statement's output volume and parameters appended
as an aligned \`// → W×H×D · N params\` comment (the editor's inlay hints, as text).`;

export async function annotateCommand(argv: string[]): Promise<number> {
    const args = parseArgs(argv, [], ['help']);
    if (args.options.has('help')) { process.stdout.write(ANNOTATE_HELP + '\n'); return 0; }
    if (args.positional.length !== 1) throw new UsageError('annotate takes exactly one file');
    const files = await expandPaths(args.positional);
    if (files.length !== 1) throw new UsageError('annotate takes exactly one .conv file, not a folder');
    const services = createCliServices();
    const { documents: [document] } = await loadWorkspace(services, files);
    const analysis = services.inference.Analyzer.analyze(document);
    process.stdout.write(annotateSource(document.textDocument.getText(), statementHints(document, analysis)));
    return (document.diagnostics ?? []).some(d => d.severity === 1) ? 1 : 0;
}
