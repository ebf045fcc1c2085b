import { statementHints } from '../presentation/statement-hints.js';
import { annotateSource } from '../presentation/annotate.js';
import { parseArgs } from './args.js';
import type { CliContext } from './context.js';
import { loadSingleFile } from './single-file.js';

export const ANNOTATE_HELP = `Usage: convspec annotate FILE

Prints the source with each statement's output volume and parameters appended
as an aligned \`// → W×H×D · N params\` comment (the editor's inlay hints, as text).`;

export async function annotateCommand(argv: string[], context: CliContext): Promise<number> {
    const args = parseArgs(argv, [], ['help']);
    if (args.options.has('help')) {
        context.stdout(ANNOTATE_HELP + '\n');
        return 0;
    }
    const { document, analysis } = await loadSingleFile('annotate', args.positional, context);
    context.stdout(annotateSource(document.textDocument.getText(), statementHints(document, analysis)));
    return (document.diagnostics ?? []).some(d => d.severity === 1) ? 1 : 0;
}
