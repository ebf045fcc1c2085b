import { availableParallelism } from 'node:os';
import { choice, parseArgs } from './args.js';
import type { CliContext } from './context.js';
import { formatCheckGithub } from './formats/check-github.js';
import { formatCheckJson } from './formats/check-json.js';
import { formatCheckSarif } from './formats/check-sarif.js';
import { formatCheckText } from './formats/check-text.js';
import { checkFiles } from './check-batches.js';
import { expandPaths, workspaceRoot, type FileFailures } from '../node/files.js';
import { terminalSafe } from './terminal-safe.js';
import { UsageError } from './workspace-loader.js';

export const CHECK_HELP = `Usage: convspec check PATH... [--format text|json|sarif|github] [--max-warnings N] [--jobs N]

Validates .conv files (folders are searched for *.conv) as the language server does.
Exit 0 when clean, 1 on errors (or more warnings than --max-warnings), 2 on usage or I/O errors
(a file that cannot be read is named on stderr and the other files are still checked).
--jobs N  threads for checking 200 files or more (default: the CPU count, at most 4; 1: none).`;

export async function checkCommand(argv: string[], context: CliContext, version: string): Promise<number> {
    const args = parseArgs(argv, ['format', 'max-warnings', 'jobs'], ['help']);
    if (args.options.has('help')) {
        context.stdout(CHECK_HELP + '\n');
        return 0;
    }
    if (args.positional.length === 0) throw new UsageError('check needs at least one file or folder');
    const format = choice(args.options.get('format'), ['text', 'json', 'sarif', 'github'] as const, 'format', 'text');
    const maxWarningsOpt = args.options.get('max-warnings');
    const maxWarnings = maxWarningsOpt === undefined ? Infinity : Number(maxWarningsOpt);
    if ((!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) || maxWarnings < 0)
        throw new UsageError('--max-warnings takes a whole number ≥ 0');
    // A file that cannot be read is named on stderr; the others are still checked, and the exit code is 2.
    const jobsOpt = args.options.get('jobs');
    const jobs = jobsOpt === undefined ? Math.min(availableParallelism(), 4) : Number(jobsOpt);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError('--jobs takes a whole number from 1 to 64');
    const failures: FileFailures = [];
    const files = await expandPaths(args.positional, context.cwd, failures);
    if (files.length === 0 && failures.length === 0) throw new UsageError(`no .conv files in ${args.positional.join(', ')}`);
    const { diagnostics, names } = await checkFiles(files, context.cwd, workspaceRoot(files, context.cwd), failures, jobs);
    for (const failure of failures) context.stderr(`convspec: ${terminalSafe(failure.message)}\n`);
    if (names.length === 0 && failures.length > 0) return 2; // nothing was checked: no report
    switch (format) {
        case 'text':
            context.stdout(formatCheckText(diagnostics, names));
            break;
        case 'json':
            context.stdout(formatCheckJson(diagnostics, names));
            break;
        case 'sarif':
            context.stdout(formatCheckSarif(diagnostics, version, context.cwd));
            break;
        case 'github':
            context.stdout(formatCheckGithub(diagnostics));
            break;
    }
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    const warnings = diagnostics.filter(d => d.severity === 'warning').length;
    if (failures.length > 0) return 2;
    return errors > 0 || warnings > maxWarnings ? 1 : 0;
}
