import { readFileSync } from 'node:fs';
import { annotateCommand, ANNOTATE_HELP } from './annotate-command.js';
import { checkCommand, CHECK_HELP } from './check-command.js';
import { summaryCommand, SUMMARY_HELP } from './summary-command.js';
import { UsageError } from './workspace-loader.js';

const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

const HELP = `convspec ${VERSION} — shapes, parameters and stride/padding checks for .conv network specs

Usage: convspec COMMAND [options]

Commands:
  check PATH...     validate files and folders (text, json, sarif or github output)
  summary FILE      per-layer table: output volume, params, MACs, receptive field
  annotate FILE     the source with every line's output volume appended

Options:
  --help, -h        this help; \`convspec COMMAND --help\` for a command's
  --version, -v     print the version

${CHECK_HELP}

${SUMMARY_HELP}

${ANNOTATE_HELP}
`;

export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    try {
        switch (command) {
            case 'check': return await checkCommand(rest, VERSION);
            case 'summary': return await summaryCommand(rest);
            case 'annotate': return await annotateCommand(rest);
            case '--version': case '-v': process.stdout.write(`${VERSION}\n`); return 0;
            case '--help': case '-h': case 'help': process.stdout.write(HELP); return 0;
            case undefined: process.stderr.write(HELP); return 2;
            default: throw new UsageError(`unknown command ${command} (try convspec --help)`);
        }
    } catch (e) {
        if (e instanceof UsageError) {
            process.stderr.write(`convspec: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}
