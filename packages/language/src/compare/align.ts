/*
 * Aligning two runs of statements (the children of one lane on each side),
 * the way `diff` aligns lines: a label that exists on both sides pins its
 * pair wherever the two statements stand; everything else is aligned by a
 * longest common subsequence on the operation, so an inserted `relu` is one
 * added row, not a cascade of changes below it.
 */

/** What the aligner needs to know about one statement. */
export interface AlignItem {
    /** Only items with the same key can be paired by position (`conv` with `conv`, `concat` with `concat`). */
    readonly key: string;
    readonly label: string | undefined;
    /** A single layer (not a structure). */
    readonly layer: boolean;
    /** A fingerprint of the statement's own numbers: equal fingerprints break ties between equally long alignments. */
    readonly content: string;
}

/** One row of the alignment: indices into the two runs, null on the side the statement is missing from. */
export type AlignedPair = readonly [number | null, number | null];

/** Past this many cells the quadratic table is not built; positions pair by occurrence of their key instead. */
const MAX_LCS_CELLS = 4_000_000;

/**
 * The two runs aligned, in reading order: B's order, with each statement
 * that only A has placed before what B has in the same gap (as `diff`
 * prints deletions before insertions). A labelled statement that moved is
 * shown where B has it.
 */
export function alignRuns(a: readonly AlignItem[], b: readonly AlignItem[]): AlignedPair[] {
    const partnerOfA = new Array<number | null>(a.length).fill(null);
    const partnerOfB = new Array<number | null>(b.length).fill(null);
    pinByLabel(a, b, partnerOfA, partnerOfB);
    const restA = a.flatMap((_, i) => (partnerOfA[i] === null ? [i] : []));
    const restB = b.flatMap((_, j) => (partnerOfB[j] === null ? [j] : []));
    const labelsA = new Set(a.map(x => x.label));
    const labelsB = new Set(b.map(x => x.label));
    for (const [i, j] of alignByOperation(
        restA.map(i => a[i]),
        restB.map(j => b[j]),
        labelsB,
        labelsA
    )) {
        partnerOfA[restA[i]] = restB[j];
        partnerOfB[restB[j]] = restA[i];
    }
    return inReadingOrder(partnerOfA, partnerOfB);
}

/**
 * A label pairs two layers whatever their operations (`pool: maxpool` that
 * became `pool: avgpool` is one changed row), but a structure only with a
 * structure of the same key: a concat that became a residual has nothing
 * row by row to compare, so it is removed and added.
 */
function comparable(x: AlignItem, y: AlignItem): boolean {
    return x.layer && y.layer ? true : x.key === y.key;
}

/** A label present on both sides pairs its two statements, if they are comparable. */
function pinByLabel(a: readonly AlignItem[], b: readonly AlignItem[], partnerOfA: (number | null)[], partnerOfB: (number | null)[]): void {
    const inB = new Map<string, number>();
    b.forEach((item, j) => {
        if (item.label !== undefined) inB.set(item.label, j);
    });
    a.forEach((item, i) => {
        const j = item.label === undefined ? undefined : inB.get(item.label);
        if (j !== undefined && partnerOfB[j] === null && comparable(item, b[j])) {
            partnerOfA[i] = j;
            partnerOfB[j] = i;
        }
    });
}

/**
 * Statements without a pinned partner, aligned by a longest common
 * subsequence on their keys. Among alignments of the same length it prefers
 * the one that pairs like with like: unlabelled with unlabelled, and a label
 * missing from the other side with another such label (a renamed statement),
 * then statements with identical numbers. So in `conv 128 3x3` against
 * `reduce: conv 96 1x1; conv 128 3x3` the 3×3 pairs with the 3×3 and the new
 * labelled 1×1 is the added row.
 */
function alignByOperation(
    a: readonly AlignItem[],
    b: readonly AlignItem[],
    otherLabelsOfA: ReadonlySet<string | undefined>,
    otherLabelsOfB: ReadonlySet<string | undefined>
): [number, number][] {
    const n = a.length;
    const m = b.length;
    if (n === 0 || m === 0) return [];
    const statusA = a.map(x => labelStatus(x, otherLabelsOfA));
    const statusB = b.map(x => labelStatus(x, otherLabelsOfB));
    if ((n + 1) * (m + 1) > MAX_LCS_CELLS) {
        const pairable = (status: string) => status !== 'kept';
        return pairByOccurrence(a, b, statusA.map(pairable), statusB.map(pairable));
    }
    // Score = pairs·k² + like-with-like·k + identical, k = one more than the most pairs possible: lexicographic in one number.
    const k = Math.min(n, m) + 1;
    const pairScore = (i: number, j: number) =>
        a[i].key !== b[j].key || statusA[i] === 'kept' || statusB[j] === 'kept'
            ? -1
            : k * k + (statusA[i] === statusB[j] ? k : 0) + (a[i].content === b[j].content ? 1 : 0);
    const best = new Float64Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => i * (m + 1) + j;
    for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
            const s = pairScore(i, j);
            best[at(i, j)] = Math.max(best[at(i + 1, j)], best[at(i, j + 1)], s < 0 ? -1 : s + best[at(i + 1, j + 1)]);
        }
    }
    const pairs: [number, number][] = [];
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
        const s = pairScore(i, j);
        if (s >= 0 && best[at(i, j)] === s + best[at(i + 1, j + 1)]) {
            pairs.push([i, j]);
            i++;
            j++;
        } else if (best[at(i, j)] === best[at(i + 1, j)]) i++;
        else j++;
    }
    return pairs;
}

/**
 * `renamed`: labelled, and the label is not on the other side. `kept`: the
 * label is on the other side but its statement there is not comparable (a
 * concat that became a residual): it is that statement's removal or
 * addition, never paired with another one by position.
 */
function labelStatus(item: AlignItem, otherLabels: ReadonlySet<string | undefined>): 'none' | 'renamed' | 'kept' {
    if (item.label === undefined) return 'none';
    return otherLabels.has(item.label) ? 'kept' : 'renamed';
}

/** The k-th statement of each key in A with the k-th of that key in B: linear, for runs too long for the table. */
function pairByOccurrence(
    a: readonly AlignItem[],
    b: readonly AlignItem[],
    pairableA: readonly boolean[],
    pairableB: readonly boolean[]
): [number, number][] {
    const waiting = new Map<string, number[]>();
    b.forEach((item, j) => {
        if (!pairableB[j]) return;
        const list = waiting.get(item.key);
        if (list) list.push(j);
        else waiting.set(item.key, [j]);
    });
    const next = new Map<string, number>();
    const pairs: [number, number][] = [];
    a.forEach((item, i) => {
        if (!pairableA[i]) return;
        const list = waiting.get(item.key);
        const used = next.get(item.key) ?? 0;
        if (list && used < list.length) {
            pairs.push([i, list[used]]);
            next.set(item.key, used + 1);
        }
    });
    return pairs;
}

function inReadingOrder(partnerOfA: readonly (number | null)[], partnerOfB: readonly (number | null)[]): AlignedPair[] {
    const rows: AlignedPair[] = [];
    let nextA = 0;
    const flushRemoved = (end: number, stopAtPaired: boolean) => {
        for (; nextA < end; nextA++) {
            if (partnerOfA[nextA] === null) rows.push([nextA, null]);
            else if (stopAtPaired) return;
        }
    };
    partnerOfB.forEach((i, j) => {
        if (i === null) {
            flushRemoved(partnerOfA.length, true); // deletions first in a gap, as diff prints them
        } else if (i >= nextA) {
            flushRemoved(i, false);
            nextA = i + 1;
        }
        rows.push([i, j]);
    });
    flushRemoved(partnerOfA.length, false);
    return rows;
}
