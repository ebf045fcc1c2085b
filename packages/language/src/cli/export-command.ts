import { promises as fs } from 'node:fs';
import { exportPyTorch } from '../export/pytorch-export.js';
import { choice, parseArgs } from './args.js';
import { displayPath, fileDiagnostics } from './diagnostics.js';
import { loadSingleFile } from './single-file.js';
import { UsageError } from './workspace-loader.js';

export const EXPORT_HELP = `Usage: convspec export FILE --to pytorch [--network NAME] [-o out.py]

Writes a runnable Python module with one torch.nn.Module per network (blocks as
named submodules, concat as torch.cat, residual as addition, ceil mode, asymmetric
\`pad same\` as nn.ZeroPad2d); \`python3 out.py\` prints every layer's output shape.
A file with errors is refused with its diagnostics (exit 1).`;

export async function exportCommand(argv: string[], version: string): Promise<number> {
    const args = parseArgs(argv, ['to', 'network', 'output'], ['help']);
    if (args.options.has('help')) {
        process.stdout.write(EXPORT_HELP + '\n');
        return 0;
    }
    choice(args.options.get('to'), ['pytorch'] as const, 'to', 'pytorch');
    if (!args.options.has('to')) throw new UsageError('export needs --to pytorch');
    const network = args.options.get('network');
    const { document, analysis } = await loadSingleFile('export', args.positional, typeof network === 'string' ? network : undefined);
    const errors = fileDiagnostics(document).filter(d => d.severity === 'error');
    if (errors.length > 0) {
        for (const d of errors) process.stderr.write(`${d.file}:${d.line}:${d.column}: error ${d.code} ${d.message}\n`);
        process.stderr.write(
            `convspec: not exported: ${errors.length} error${errors.length > 1 ? 's' : ''} in ${displayPath(document.uri.fsPath)}\n`
        );
        return 1;
    }
    const code = exportPyTorch(analysis, {
        source: displayPath(document.uri.fsPath),
        version,
        networks: typeof network === 'string' ? [network] : undefined
    });
    const output = args.options.get('output');
    if (typeof output === 'string') await fs.writeFile(output, code, 'utf8');
    else process.stdout.write(code);
    return 0;
}
