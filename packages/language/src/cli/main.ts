import { readFileSync } from 'node:fs';
import { FileError } from '../node/files.js';
import { processContext, type CliContext } from './context.js';
import { terminalSafe } from './terminal-safe.js';
import { UsageError } from './usage-error.js';

const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/** The whole help: every command's own, loaded only when asked for. */
async function help(): Promise<string> {
    const h = await helpTexts();
    return `convspec ${VERSION} — shapes, parameters and stride/padding checks for .conv network specs

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

${h.check}

${h.summary}

${h.diff}

${h.inputs}

${h.annotate}

${h.draw}

${h.fix}

${h.export}
`;
}

type Command = (argv: string[], context: CliContext, version: string) => Promise<number>;

/**
 * Each command is imported when it runs, so that `--version` and `--help`
 * load no Langium, and a command loads only what it uses.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
    check: async () => (await import('./check-command.js')).checkCommand,
    summary: async () => (await import('./summary-command.js')).summaryCommand,
    diff: async () => (await import('./diff-command.js')).diffCommand,
    inputs: async () => (await import('./inputs-command.js')).inputsCommand,
    annotate: async () => (await import('./annotate-command.js')).annotateCommand,
    draw: async () => (await import('./draw-command.js')).drawCommand,
    fix: async () => (await import('./fix-command.js')).fixCommand,
    export: async () => (await import('./export-command.js')).exportCommand
};

async function helpTexts() {
    const [check, summary, diff, inputs, annotate, draw, fix, exp] = await Promise.all([
        import('./check-command.js'),
        import('./summary-command.js'),
        import('./diff-command.js'),
        import('./inputs-command.js'),
        import('./annotate-command.js'),
        import('./draw-command.js'),
        import('./fix-command.js'),
        import('./export-command.js')
    ]);
    return {
        check: check.CHECK_HELP,
        summary: summary.SUMMARY_HELP,
        diff: diff.DIFF_HELP,
        inputs: inputs.INPUTS_HELP,
        annotate: annotate.ANNOTATE_HELP,
        draw: draw.DRAW_HELP,
        fix: fix.FIX_HELP,
        export: exp.EXPORT_HELP
    };
}

/**
 * Runs one command line. `context` is where it reads and writes: the
 * process's by default, a test's in process. Usage and file errors are
 * reported here (exit 2); anything else is a bug and is thrown.
 */
export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
    const [command, ...rest] = argv;
    try {
        const load = Object.hasOwn(COMMANDS, command ?? '') ? COMMANDS[command] : undefined;
        if (load) {
            const [run, { withReusedServices }] = await Promise.all([load(), import('./services.js')]);
            return await withReusedServices(() => run(rest, context, VERSION));
        }
        switch (command) {
            case '--version':
            case '-v':
                context.stdout(`${VERSION}\n`);
                return 0;
            case '--help':
            case '-h':
            case 'help':
                context.stdout(await help());
                return 0;
            case undefined:
                context.stderr(await help());
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
