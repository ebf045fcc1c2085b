import { readFileSync } from 'node:fs';
import { annotateCommand, ANNOTATE_HELP } from './annotate-command.js';
import { checkCommand, CHECK_HELP } from './check-command.js';
import { drawCommand, DRAW_HELP } from './draw-command.js';
import { exportCommand, EXPORT_HELP } from './export-command.js';
import { fixCommand, FIX_HELP } from './fix-command.js';
import { summaryCommand, SUMMARY_HELP } from './summary-command.js';
import { FileError } from '../node/files.js';
import { UsageError } from './workspace-loader.js';

const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

const HELP = `convspec ${VERSION} — shapes, parameters and stride/padding checks for .conv network specs

Usage: convspec COMMAND [options]

Commands:
  check PATH...     validate files and folders (text, json, sarif or github output)
  summary FILE      per-layer table: output volume, params, MACs, receptive field
  annotate FILE     the source with every line's output volume appended
  draw FILE         the network diagram as SVG, or HTML with the summary table (-o out.svg|out.html)
  fix PATH...       apply the preferred quick fix of each error (--dry-run: print a diff)
  export FILE       write a PyTorch module (--to pytorch [--network NAME] [-o out.py])

Options:
  --help, -h        this help; \`convspec COMMAND --help\` for a command's
  --version, -v     print the version

${CHECK_HELP}

${SUMMARY_HELP}

${ANNOTATE_HELP}

${DRAW_HELP}

${FIX_HELP}

${EXPORT_HELP}
`;

export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    try {
        switch (command) {
            case 'check':
                return await checkCommand(rest, VERSION);
            case 'summary':
                return await summaryCommand(rest);
            case 'annotate':
                return await annotateCommand(rest);
            case 'draw':
                return await drawCommand(rest);
            case 'fix':
                return await fixCommand(rest);
            case 'export':
                return await exportCommand(rest, VERSION);
            case '--version':
            case '-v':
                process.stdout.write(`${VERSION}\n`);
                return 0;
            case '--help':
            case '-h':
            case 'help':
                process.stdout.write(HELP);
                return 0;
            case undefined:
                process.stderr.write(HELP);
                return 2;
            default:
                throw new UsageError(`unknown command ${command} (try convspec --help)`);
        }
    } catch (e) {
        if (e instanceof UsageError || e instanceof FileError) {
            process.stderr.write(`convspec: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}
