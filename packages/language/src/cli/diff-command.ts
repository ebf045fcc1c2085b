import { choice, parseArgs } from './args.js';
import type { CliContext } from './context.js';
import { displayPath, fileDiagnostics, type FileDiagnostic } from './diagnostics.js';
import { formatDiffJson, formatDiffMarkdown, formatDiffTable, type DiffReport } from './formats/diff-formats.js';
import { loadSingleFile } from './single-file.js';
import { terminalSafe } from './terminal-safe.js';
import { UsageError } from './workspace-loader.js';
import { diffNetworks } from '../compare/network-diff.js';
import type { NetworkAnalysis } from '../inference/model.js';

export const DIFF_HELP = `Usage: convspec diff A B [--network NAME] [--format table|json|markdown]

Two networks side by side. A and B are FILE or FILE#Network, and may be the same file
(examples/inception.conv#Naive examples/inception.conv#Reduced); --network NAME names the
network of a side written without #. Rows are aligned by label, then by operation and
position within each structure: + only in B, - only in A, ~ changed. Per row both volumes,
params and MACs and the change; totals with Δ and %. Printed even when a file has errors;
the exit code is 1 then.`;

/** One side of the command line: `FILE` or `FILE#Network`. */
interface Side {
    readonly file: string;
    readonly network?: string;
}

/**
 * `FILE#Network` when what precedes the last `#` is a `.conv` file name, so
 * a file whose own name holds a `#` (`v2#draft.conv`) is still a file.
 */
function parseSide(arg: string, networkOption: string | undefined): Side {
    const hash = arg.lastIndexOf('#');
    if (hash < 0 || !arg.slice(0, hash).endsWith('.conv')) return { file: arg, network: networkOption };
    const network = arg.slice(hash + 1);
    if (network === '') throw new UsageError(`${arg}: name a network after the #`);
    return { file: arg.slice(0, hash), network };
}

interface LoadedSide {
    readonly file: string;
    readonly network: NetworkAnalysis;
    readonly diagnostics: FileDiagnostic[];
}

/** Loads a side's file the way `summary` does (bounded reader, imports inside the root) and picks its network. */
async function loadSide(side: Side, context: CliContext): Promise<LoadedSide> {
    const { document, analysis } = await loadSingleFile('each side of diff', [side.file], context, side.network);
    const networks = analysis.networks;
    const network = side.network === undefined ? networks[0] : networks.find(n => n.name === side.network);
    if (!network) throw new UsageError(`no network in ${side.file}`);
    if (side.network === undefined && networks.length > 1) {
        // A network a syntax error left without a name cannot be asked for.
        const names = networks.map(n => n.name).filter(name => !!name);
        throw new UsageError(
            `${side.file} has ${networks.length} networks (${names.join(', ')}): ` +
                `name one as ${side.file}#${names[0] ?? 'Network'} or with --network`
        );
    }
    return { file: displayPath(document.uri.fsPath, context.cwd), network, diagnostics: fileDiagnostics(document, context.cwd) };
}

export async function diffCommand(argv: string[], context: CliContext): Promise<number> {
    const args = parseArgs(argv, ['format', 'network'], ['help']);
    if (args.options.has('help')) {
        context.stdout(DIFF_HELP + '\n');
        return 0;
    }
    const format = choice(args.options.get('format'), ['table', 'json', 'markdown'] as const, 'format', 'table');
    if (args.positional.length !== 2) throw new UsageError('diff takes two networks: A B (FILE or FILE#Network each)');
    const networkOption = args.options.get('network');
    const network = typeof networkOption === 'string' ? networkOption : undefined;
    const [a, b] = args.positional.map(arg => parseSide(arg, network));
    const sideA = await loadSide(a, context);
    const sideB = await loadSide(b, context);
    const diff = diffNetworks(sideA.network, sideB.network);
    // The same file on both sides: its diagnostics once.
    const diagnostics = sideA.file === sideB.file ? sideA.diagnostics : [...sideA.diagnostics, ...sideB.diagnostics];
    const report: DiffReport = {
        ...diff,
        a: { file: sideA.file, ...diff.a },
        b: { file: sideB.file, ...diff.b },
        diagnostics
    };
    const render = { table: formatDiffTable, json: formatDiffJson, markdown: formatDiffMarkdown }[format];
    context.stdout(render(report));
    const errors = diagnostics.filter(d => d.severity === 'error');
    if (format === 'table') {
        for (const d of errors) context.stderr(terminalSafe(`${d.file}:${d.line}:${d.column}: error ${d.code} ${d.message}`) + '\n');
    }
    return errors.length ? 1 : 0;
}
