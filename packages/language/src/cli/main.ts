import { FileError } from '../node/files.js';
import { processContext, type CliContext } from './context.js';
import { terminalSafe } from './terminal-safe.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

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

/** A command and its usage text, from its own module. */
interface CommandModule {
    readonly run: Command;
    readonly help: string;
}

/**
 * Each command is imported when it runs, so that `--version` loads no
 * Langium, and a command loads only what it uses. In the order `--help` lists them.
 */
const COMMANDS = {
    check: async (): Promise<CommandModule> => {
        const m = await import('./check-command.js');
        return { run: m.checkCommand, help: m.CHECK_HELP };
    },
    summary: async (): Promise<CommandModule> => {
        const m = await import('./summary-command.js');
        return { run: m.summaryCommand, help: m.SUMMARY_HELP };
    },
    diff: async (): Promise<CommandModule> => {
        const m = await import('./diff-command.js');
        return { run: m.diffCommand, help: m.DIFF_HELP };
    },
    inputs: async (): Promise<CommandModule> => {
        const m = await import('./inputs-command.js');
        return { run: m.inputsCommand, help: m.INPUTS_HELP };
    },
    annotate: async (): Promise<CommandModule> => {
        const m = await import('./annotate-command.js');
        return { run: m.annotateCommand, help: m.ANNOTATE_HELP };
    },
    draw: async (): Promise<CommandModule> => {
        const m = await import('./draw-command.js');
        return { run: m.drawCommand, help: m.DRAW_HELP };
    },
    fix: async (): Promise<CommandModule> => {
        const m = await import('./fix-command.js');
        return { run: m.fixCommand, help: m.FIX_HELP };
    },
    export: async (): Promise<CommandModule> => {
        const m = await import('./export-command.js');
        return { run: m.exportCommand, help: m.EXPORT_HELP };
    }
};
type CommandName = keyof typeof COMMANDS;

/** Every command's usage text, by name: for `--help` only, which loads them all. */
async function helpTexts(): Promise<Record<CommandName, string>> {
    const names = Object.keys(COMMANDS) as CommandName[];
    const modules = await Promise.all(names.map(name => COMMANDS[name]()));
    return Object.fromEntries(names.map((name, i) => [name, modules[i].help])) as Record<CommandName, string>;
}

/**
 * Runs one command line. `context` is where it reads and writes: the
 * process's by default, a test's in process. Usage and file errors are
 * reported here (exit 2); anything else is a bug and is thrown.
 */
export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
    const [command, ...rest] = argv;
    try {
        if (command !== undefined && Object.hasOwn(COMMANDS, command)) {
            const [{ run }, { withReusedServices }] = await Promise.all([COMMANDS[command as CommandName](), import('./services.js')]);
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
