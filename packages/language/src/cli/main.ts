import { readFileSync } from 'node:fs';
import { annotateCommand, ANNOTATE_HELP } from './annotate-command.js';
import { checkCommand, CHECK_HELP } from './check-command.js';
import { diffCommand, DIFF_HELP } from './diff-command.js';
import { drawCommand, DRAW_HELP } from './draw-command.js';
import { exportCommand, EXPORT_HELP } from './export-command.js';
import { fixCommand, FIX_HELP } from './fix-command.js';
import { inputsCommand, INPUTS_HELP } from './inputs-command.js';
import { summaryCommand, SUMMARY_HELP } from './summary-command.js';
import { FileError } from '../node/files.js';
import { processContext, type CliContext } from './context.js';
import { withReusedServices } from './services.js';
import { terminalSafe } from './terminal-safe.js';
import { UsageError } from './workspace-loader.js';

const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

const HELP = `convspec ${VERSION} — shapes, parameters and stride/padding checks for .conv network specs

Usage: convspec COMMAND [options]

Commands:
  check PATH...     validate files and folders (text, json, sarif or github output)
  summary FILE      torchinfo-like table: layers and structures with subtotals, memory (MB); json, csv, markdown, latex
  diff A B          two networks side by side (FILE or FILE#Network): rows aligned, totals with Δ and %
  inputs FILE       the input widths and heights that make the whole network valid
  annotate FILE     the source with every line's output volume appended
  draw FILE         the network diagram as SVG, or HTML with the summary table (-o out.svg|out.html)
  fix PATH...       apply the preferred quick fix of each error (--dry-run: print a diff)
  export FILE       write a PyTorch module (--to pytorch [--network NAME] [-o out.py])

Options:
  --help, -h        this help; \`convspec COMMAND --help\` for a command's
  --version, -v     print the version

${CHECK_HELP}

${SUMMARY_HELP}

${DIFF_HELP}

${INPUTS_HELP}

${ANNOTATE_HELP}

${DRAW_HELP}

${FIX_HELP}

${EXPORT_HELP}
`;

/**
 * Runs one command line. `context` is where it reads and writes: the
 * process's by default, a test's in process. Usage and file errors are
 * reported here (exit 2); anything else is a bug and is thrown.
 */
export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
    return withReusedServices(() => run(argv, context));
}

async function run(argv: string[], context: CliContext): Promise<number> {
    const [command, ...rest] = argv;
    try {
        switch (command) {
            case 'check':
                return await checkCommand(rest, context, VERSION);
            case 'summary':
                return await summaryCommand(rest, context);
            case 'diff':
                return await diffCommand(rest, context);
            case 'inputs':
                return await inputsCommand(rest, context);
            case 'annotate':
                return await annotateCommand(rest, context);
            case 'draw':
                return await drawCommand(rest, context);
            case 'fix':
                return await fixCommand(rest, context);
            case 'export':
                return await exportCommand(rest, context, VERSION);
            case '--version':
            case '-v':
                context.stdout(`${VERSION}\n`);
                return 0;
            case '--help':
            case '-h':
            case 'help':
                context.stdout(HELP);
                return 0;
            case undefined:
                context.stderr(HELP);
                return 2;
            default:
                throw new UsageError(`unknown command ${command} (try convspec --help)`);
        }
    } catch (e) {
        if (e instanceof UsageError || e instanceof FileError) {
            context.stderr(`convspec: ${terminalSafe(e.message)}\n`);
            return 2;
        }
        throw e;
    }
}
