import { choice, parseArgs } from './args.js';
import type { CliContext } from './context.js';
import { displayPath } from './diagnostics.js';
import { formatInputsText, inputsJson, type NetworkInputs } from './formats/inputs-formats.js';
import { loadSingleFile } from './single-file.js';
import { terminalSafe } from './terminal-safe.js';
import { UsageError } from './workspace-loader.js';
import { DEFAULT_RANGE, MAX_PAIR_SIDE, MAX_SIZE, solveValidInputs, type SizeRange } from '../inference/valid-inputs.js';

export const INPUTS_HELP = `Usage: convspec inputs FILE [--network NAME] [--range A..B] [--format text|json]

Which input widths and heights make the whole network valid (every layer, every branch,
every merge and reference) under the file's own rounding, and which tile exactly (no layer
rounds, what \`rounding strict\` accepts); the pattern of each list (e.g. 32k + 3), the
smallest valid size and the nearest valid sizes to the declared one. The depth stays as
declared. When width and height interact (\`in.w\` in a height, a merge or gate that
depends on both), valid (W, H) pairs are listed instead, over at most ${MAX_PAIR_SIDE} sizes per axis.
Exit 0 when every network has a valid size in the range, 1 otherwise.

  --range A..B     the sizes to try (default ${DEFAULT_RANGE.lo}..${DEFAULT_RANGE.hi}, at most ${MAX_SIZE})
  --network NAME   only this network of the file
  --format json    every size, the patterns and the nearest sizes as data`;

const FORMATS = ['text', 'json'] as const;

function parseRange(value: string | true | undefined): SizeRange {
    if (value === undefined) return DEFAULT_RANGE;
    const match = typeof value === 'string' ? /^(\d{1,6})\.\.(\d{1,6})$/.exec(value) : null;
    const lo = match ? Number(match[1]) : NaN;
    const hi = match ? Number(match[2]) : NaN;
    if (!(lo >= 1 && lo <= hi && hi <= MAX_SIZE)) throw new UsageError(`--range takes A..B with 1 ≤ A ≤ B ≤ ${MAX_SIZE} (e.g. 1..512)`);
    return { lo, hi };
}

export async function inputsCommand(argv: string[], context: CliContext): Promise<number> {
    const args = parseArgs(argv, ['network', 'range', 'format'], ['help']);
    if (args.options.has('help')) {
        context.stdout(INPUTS_HELP + '\n');
        return 0;
    }
    const format = choice(args.options.get('format'), FORMATS, 'format', 'text');
    const range = parseRange(args.options.get('range'));
    const networkOpt = args.options.get('network');
    if (networkOpt === true) throw new UsageError('--network needs a name');
    const { document, analysis } = await loadSingleFile('inputs', args.positional, context, networkOpt);
    const file = displayPath(document.uri.fsPath, context.cwd);
    const answers: NetworkInputs[] = [];
    const missing: string[] = [];
    for (const network of analysis.networks) {
        if (networkOpt !== undefined && network.name !== networkOpt) continue;
        if (!network.input) {
            missing.push(network.name);
            continue;
        }
        const result = solveValidInputs(network.network, network.input.d, range);
        const unsolvableLine = result.kind === 'unsolvable' ? (result.node.$cstNode?.range.start.line ?? -1) + 1 : undefined;
        answers.push({ name: network.name, input: network.input, rounding: network.rounding, result, unsolvableLine });
    }
    if (answers.length === 0 && missing.length === 0) throw new UsageError(`no network in ${args.positional[0]}`);
    if (format === 'json') {
        const json = JSON.stringify({ file, networks: answers.map(inputsJson), withoutInput: missing }, null, 2);
        // A list of 4,096 sizes one per line is unreadable: arrays of plain numbers stay on one line.
        context.stdout(
            json.replace(/\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]/g, (_, items: string) => `[${items.split(/,\s*/).join(', ')}]`) + '\n'
        );
    } else {
        context.stdout(`${terminalSafe(file)}\n${answers.map(formatInputsText).join('\n')}`);
        for (const name of missing) context.stdout(`${name}: no \`input\` line, so no size to vary\n`);
    }
    return answers.every(anyValid) && missing.length === 0 ? 0 : 1;
}

function anyValid(a: NetworkInputs): boolean {
    const r = a.result;
    if (r.kind === 'unsolvable') return false;
    return r.kind === 'pairs' ? r.valid.length > 0 : r.width.valid.length > 0;
}
