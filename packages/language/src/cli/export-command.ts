import { writeOutputFile } from '../node/files.js';
import { exportPyTorch } from '../export/pytorch-export.js';
import { choice, parseArgs } from './args.js';
import { resolvePath, type CliContext } from './context.js';
import { displayPath, fileDiagnostics } from './diagnostics.js';
import { loadSingleFile } from './single-file.js';
import { terminalSafe } from './terminal-safe.js';
import { UsageError } from './workspace-loader.js';

export const EXPORT_HELP = `Usage: convspec export FILE --to pytorch [--network NAME] [-o out.py]

Writes a runnable Python module with one torch.nn.Module per network (blocks as
named submodules, concat as torch.cat, residual as addition, ceil mode, asymmetric
\`pad same\` as nn.ZeroPad2d); \`python3 out.py\` prints every layer's output shape.
A file with errors is refused with its diagnostics (exit 1).`;

export async function exportCommand(argv: string[], context: CliContext, version: string): Promise<number> {
    const args = parseArgs(argv, ['to', 'network', 'output'], ['help']);
    if (args.options.has('help')) {
        context.stdout(EXPORT_HELP + '\n');
        return 0;
    }
    choice(args.options.get('to'), ['pytorch'] as const, 'to', 'pytorch');
    if (!args.options.has('to')) throw new UsageError('export needs --to pytorch');
    const networkOpt = args.options.get('network');
    const network = typeof networkOpt === 'string' ? networkOpt : undefined;
    const { document, analysis } = await loadSingleFile('export', args.positional, context, network);
    const file = displayPath(document.uri.fsPath, context.cwd);
    const errors = fileDiagnostics(document, context.cwd).filter(d => d.severity === 'error');
    if (errors.length > 0) {
        for (const d of errors) context.stderr(terminalSafe(`${d.file}:${d.line}:${d.column}: error ${d.code} ${d.message}`) + '\n');
        context.stderr(`convspec: not exported: ${errors.length} error${errors.length > 1 ? 's' : ''} in ${file}\n`);
        return 1;
    }
    const code = exportPyTorch(analysis, {
        source: file,
        version,
        networks: network === undefined ? undefined : [network]
    });
    const output = args.options.get('output');
    if (typeof output === 'string') await writeOutputFile(resolvePath(context, output), code, output);
    else context.stdout(code);
    return 0;
}
