import { diffArrays, formatPatch, type StructuredPatchHunk } from 'diff';

/**
 * A unified diff of two texts in jsdiff's format (what `fix --dry-run`
 * prints), computed in about linear time for the texts `fix` produces.
 *
 * jsdiff's own `createTwoFilesPatch` runs Myers' O(N·D) diff over every line,
 * so a file with 3,000 fixed lines took 11 s there. Here lines that occur
 * exactly once in each text anchor the alignment (patience diff), and Myers
 * only runs on the short stretches between anchors.
 */
export function unifiedPatch(oldName: string, newName: string, oldText: string, newText: string, context = 3): string {
    const ops = lineOps(splitLines(oldText), splitLines(newText));
    return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: '', newHeader: '', hunks: hunksOf(ops, context) });
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** Lines with their `\n` (a last line without one stays without), as jsdiff splits them. */
function splitLines(text: string): string[] {
    return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The edit script from `a` to `b`: unique common lines in order are kept, the gaps between them diffed. */
function lineOps(a: readonly string[], b: readonly string[]): Op[] {
    const ops: Op[] = [];
    let ai = 0;
    let bi = 0;
    for (const [anchorA, anchorB] of [...uniqueAnchors(a, b), [a.length, b.length] as const]) {
        gapOps(a.slice(ai, anchorA), b.slice(bi, anchorB), ops);
        if (anchorA < a.length) ops.push({ kind: ' ', line: a[anchorA] });
        ai = anchorA + 1;
        bi = anchorB + 1;
    }
    return ops;
}

/**
 * Pairs (i, j) with a[i] === b[j] where that line occurs once in each text,
 * the longest run increasing in both (patience sorting, O(n log n)).
 */
function uniqueAnchors(a: readonly string[], b: readonly string[]): (readonly [number, number])[] {
    const count = (lines: readonly string[]) => {
        const seen = new Map<string, number>();
        lines.forEach((line, i) => seen.set(line, seen.has(line) ? -1 : i));
        return seen;
    };
    const inA = count(a);
    const inB = count(b);
    const pairs: (readonly [number, number])[] = [];
    for (const [line, i] of inA) {
        const j = inB.get(line);
        if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
    }
    pairs.sort((p, q) => p[0] - q[0]);
    // Longest increasing subsequence on j: tails[k] is the pair ending the best run of length k + 1.
    const tails: number[] = [];
    const previous: number[] = [];
    pairs.forEach(([, j], index) => {
        let lo = 0;
        let hi = tails.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (pairs[tails[mid]][1] < j) lo = mid + 1;
            else hi = mid;
        }
        previous[index] = lo > 0 ? tails[lo - 1] : -1;
        tails[lo] = index;
    });
    const anchors: (readonly [number, number])[] = [];
    for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = previous[k]) anchors.push(pairs[k]);
    return anchors.reverse();
}

/** Myers on a stretch between anchors, after its common ends are taken off. */
function gapOps(a: readonly string[], b: readonly string[], ops: Op[]): void {
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let end = 0;
    while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
    for (let i = 0; i < start; i++) ops.push({ kind: ' ', line: a[i] });
    const midA = a.slice(start, a.length - end);
    const midB = b.slice(start, b.length - end);
    if (midA.length === 0 || midB.length === 0) {
        for (const line of midA) ops.push({ kind: '-', line });
        for (const line of midB) ops.push({ kind: '+', line });
    } else {
        for (const change of diffArrays(midA, midB)) {
            const kind = change.added ? '+' : change.removed ? '-' : ' ';
            for (const line of change.value) ops.push({ kind, line });
        }
    }
    for (let i = a.length - end; i < a.length; i++) ops.push({ kind: ' ', line: a[i] });
}

/** An op as patch lines: without its `\n`, or followed by the marker when it has none. */
function patchLines(op: Op): string[] {
    return op.line.endsWith('\n') ? [op.kind + op.line.slice(0, -1)] : [op.kind + op.line, '\\ No newline at end of file'];
}

/**
 * Hunks as jsdiff builds them: each change with `context` lines around it,
 * changes closer than 2·context merged into one hunk; a last line without
 * `\n` is followed by "\ No newline at end of file".
 */
function hunksOf(ops: readonly Op[], context: number): StructuredPatchHunk[] {
    const hunks: StructuredPatchHunk[] = [];
    // Old and new line number (1-based) before each op.
    const oldAt: number[] = [];
    const newAt: number[] = [];
    let oldLine = 1;
    let newLine = 1;
    for (const op of ops) {
        oldAt.push(oldLine);
        newAt.push(newLine);
        if (op.kind !== '+') oldLine++;
        if (op.kind !== '-') newLine++;
    }
    let i = 0;
    while (i < ops.length) {
        if (ops[i].kind === ' ') {
            i++;
            continue;
        }
        const first = Math.max(0, i - context);
        let last = i;
        // Extend while the next change is within 2·context unchanged lines.
        for (let j = i; j < ops.length; j++) {
            if (ops[j].kind !== ' ') last = j;
            else if (j - last > 2 * context) break;
        }
        const end = Math.min(ops.length, last + 1 + context);
        const slice = ops.slice(first, end);
        hunks.push({
            oldStart: oldAt[first],
            oldLines: slice.filter(op => op.kind !== '+').length,
            newStart: newAt[first],
            newLines: slice.filter(op => op.kind !== '-').length,
            lines: slice.flatMap(patchLines)
        });
        i = end;
    }
    return hunks;
}
