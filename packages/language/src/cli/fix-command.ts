import { applyTextEdits, preferredFixes } from '../fixes/apply-fixes.js';
import { parseArgs } from './args.js';
import type { CliContext } from './context.js';
import { displayPath } from './diagnostics.js';
import { unifiedPatch } from './line-patch.js';
import { createCliServices } from './services.js';
import { expandPaths, FileError, ioReason, workspaceRoot } from '../node/files.js';
import { readFileSnapshot, removeStaleTemps, safeWrite, SafeWriteError, type FileSnapshot } from '../node/safe-write.js';
import { loadWorkspace, UsageError } from './workspace-loader.js';
import { pushAll } from '../util/large-arrays.js';

export const FIX_HELP = `Usage: convspec fix PATH... [--dry-run] [--force]

Applies the preferred quick fix of each error (the nearest valid padding, else
PyTorch's floor; a projection shortcut; the padding that aligns a concat branch)
until none applies. Saves like an editor: only the edited bytes change, the
mode and owner are kept, a symlink's target is fixed (inside the current
folder only); nothing is written if the file changed meanwhile. A file with
nothing to fix is not touched; a read-only file, one with other hard links or
one that is not UTF-8 is refused.
--dry-run prints a unified diff instead of writing.
--force   rewrites read-only files too (they stay read-only).
Exit 0 when no error remains, 1 otherwise, 2 when a file could not be read or written.`;

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
        pushAll(
            titles,
            fixes.map(f => `line ${f.line + 1}: ${f.title}`)
        );
        current = candidate;
        state = next;
    }
    return { text, fixed: current, titles, errorsLeft: state.errors };
}

/** The diff header's name: a relative path as it is, an absolute one without its leading `/` (`a/tmp/x.conv`, as git prints it). */
function patchName(name: string): string {
    return name.replace(/\\/g, '/').replace(/^([A-Za-z]:)?\/+/, '');
}

/** The `.conv` files of each path, in order; a path that cannot be listed is reported and skipped. */
async function expandEach(paths: readonly string[], context: CliContext): Promise<{ files: string[]; failed: boolean }> {
    const files: string[] = [];
    let failed = false;
    for (const p of paths) {
        try {
            pushAll(files, await expandPaths([p], context.cwd));
        } catch (e) {
            failed = true;
            context.stderr(`convspec: ${e instanceof FileError ? e.message : `cannot read ${p}: ${ioReason(e)}`}\n`);
        }
    }
    return { files: [...new Set(files)], failed };
}

export async function fixCommand(argv: string[], context: CliContext): Promise<number> {
    const args = parseArgs(argv, [], ['help', 'dry-run', 'force']);
    if (args.options.has('help')) {
        context.stdout(FIX_HELP + '\n');
        return 0;
    }
    if (args.positional.length === 0) throw new UsageError('fix needs at least one file or folder');
    const dryRun = args.options.has('dry-run');
    const force = args.options.has('force');
    let errorsLeft = 0;
    const expanded = await expandEach(args.positional, context);
    let failed = expanded.failed;
    for (const file of expanded.files) {
        const name = displayPath(file, context.cwd);
        const cannot = (e: unknown) => {
            if (!(e instanceof SafeWriteError)) throw e;
            failed = true;
            context.stderr(`convspec: cannot ${e.verb} ${name}: ${e.message}\n`);
        };
        let snapshot: FileSnapshot;
        try {
            snapshot = await readFileSnapshot(file, workspaceRoot([file], context.cwd));
        } catch (e) {
            cannot(e);
            continue;
        }
        const text = snapshot.text;
        const result = await fixFile(file, text, context.cwd);
        errorsLeft += result.errorsLeft;
        if (result.fixed === text) {
            if (!dryRun) await removeStaleTemps(snapshot.realPath);
            const left = result.errorsLeft;
            const unfixed = left ? ` (${left} error${left > 1 ? 's' : ''} without an automatic fix)` : '';
            context.stderr(`${name}: nothing to fix${unfixed}\n`);
            continue;
        }
        if (dryRun) {
            const label = patchName(name);
            context.stdout(unifiedPatch(`a/${label}`, `b/${label}`, text, result.fixed));
        } else {
            try {
                await safeWrite(snapshot, result.fixed, { force });
            } catch (e) {
                cannot(e);
                continue;
            }
        }
        for (const t of result.titles) context.stderr(`${name}: ${dryRun ? 'would fix' : 'fixed'} ${t}\n`);
    }
    return failed ? 2 : errorsLeft > 0 ? 1 : 0;
}
