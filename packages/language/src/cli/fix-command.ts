import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applyTextEdits, preferredFixes } from '../fixes/apply-fixes.js';
import { parseArgs } from './args.js';
import type { CliContext } from './context.js';
import { displayPath } from './diagnostics.js';
import { createCliServices } from './services.js';
import { expandPaths } from '../node/files.js';
import { loadWorkspace, UsageError } from './workspace-loader.js';

export const FIX_HELP = `Usage: convspec fix PATH... [--dry-run]

Applies the preferred quick fix of each error (the nearest valid padding, else
PyTorch's floor; a projection shortcut; the padding that aligns a concat branch)
until none applies. Writes atomically; a file with nothing to fix is not touched.
--dry-run prints a unified diff instead of writing. Exit 0 when no error remains, 1 otherwise.`;

/** Enough for chains where one fix exposes the next. */
const MAX_ROUNDS = 20;

interface FileResult {
    readonly text: string;
    readonly fixed: string;
    readonly titles: string[];
    readonly errorsLeft: number;
}

async function analyzeText(file: string, text: string, cwd: string) {
    const services = createCliServices();
    const {
        documents: [document]
    } = await loadWorkspace(services, [file], cwd, new Map([[file, text]]));
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).length;
    return { document, analysis: services.inference.Analyzer.analyze(document), errors, shared: services.shared };
}

/**
 * Rounds of preferred fixes. A round is kept when it leaves no more errors than
 * before: fixing a layer can expose the next one downstream (a shape that was
 * unknown becomes known), which is progress at an equal count. A text seen
 * before ends the rounds, so they cannot cycle.
 */
export async function fixFile(file: string, text: string, cwd: string): Promise<FileResult> {
    let current = text;
    let state = await analyzeText(file, current, cwd);
    const titles: string[] = [];
    const seen = new Set([text]);
    for (let round = 0; round < MAX_ROUNDS && state.errors > 0; round++) {
        const fixes = preferredFixes(state.document, state.analysis, state.shared);
        if (fixes.length === 0) break;
        const candidate = applyTextEdits(
            state.document,
            fixes.flatMap(f => f.edits)
        );
        if (seen.has(candidate)) break;
        seen.add(candidate);
        const next = await analyzeText(file, candidate, cwd);
        if (next.errors > state.errors) break;
        titles.push(...fixes.map(f => `line ${f.line + 1}: ${f.title}`));
        current = candidate;
        state = next;
    }
    return { text, fixed: current, titles, errorsLeft: state.errors };
}

/** Temporary file beside the target, then rename: a crash leaves the old file or the new one, never half of each. */
async function writeAtomically(file: string, text: string): Promise<void> {
    const stat = await fs.stat(file);
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.convspec-${process.pid}.tmp`);
    const handle = await fs.open(temp, 'w', stat.mode);
    try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
    } finally {
        await handle.close();
    }
    try {
        await fs.rename(temp, file);
    } catch (e) {
        await fs.rm(temp, { force: true });
        throw e;
    }
}

export async function fixCommand(argv: string[], context: CliContext): Promise<number> {
    const args = parseArgs(argv, [], ['help', 'dry-run']);
    if (args.options.has('help')) {
        context.stdout(FIX_HELP + '\n');
        return 0;
    }
    if (args.positional.length === 0) throw new UsageError('fix needs at least one file or folder');
    const dryRun = args.options.has('dry-run');
    let errorsLeft = 0;
    for (const file of await expandPaths(args.positional, context.cwd)) {
        let text: string;
        try {
            text = await fs.readFile(file, 'utf8');
        } catch (e) {
            throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
        }
        const result = await fixFile(file, text, context.cwd);
        errorsLeft += result.errorsLeft;
        const name = displayPath(file, context.cwd);
        if (result.fixed === text) {
            const left = result.errorsLeft;
            const unfixed = left ? ` (${left} error${left > 1 ? 's' : ''} without an automatic fix)` : '';
            context.stderr(`${name}: nothing to fix${unfixed}\n`);
            continue;
        }
        if (dryRun) {
            context.stdout(createTwoFilesPatch(`a/${name}`, `b/${name}`, text, result.fixed, '', '', { context: 3 }));
        } else {
            await writeAtomically(file, result.fixed);
        }
        for (const t of result.titles) context.stderr(`${name}: ${dryRun ? 'would fix' : 'fixed'} ${t}\n`);
    }
    return errorsLeft > 0 ? 1 : 0;
}
