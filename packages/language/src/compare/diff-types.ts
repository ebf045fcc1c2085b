// What `convspec diff --format json` and the library's `compare` return. Plain data, no Langium:
// the npm package's declarations include this file.

/** One side of a row: what that network has there. */
export interface DiffSide {
    /** 1-based source line (of the statement; for a lane, of its `branch` or of its structure). */
    readonly line: number;
    /**
     * The canonical operation (`conv`, `dense`…); for structures `concat`, `residual`, `repeat`,
     * `call`, `multiply`, `split`; for lanes the lane's role (`branch`, `body`, `shortcut`, `iteration`).
     */
    readonly op: string;
    readonly label: string | null;
    readonly input: number[] | null;
    readonly output: number[] | null;
    /** This layer's, or the subtotal below a structure or lane; null when unknown or past 2^53. */
    readonly params: number | null;
    readonly macs: number | null;
    /**
     * What the row shows, label left out: the statement as written (`conv 128 3x3 pad 1`),
     * `bottleneck(64, 2)`, `repeat 3`, `branch 2`. Text from the file: escape it for the output.
     */
    readonly text: string;
}

/** What differs between the two sides of a matched row. */
export type DiffAspect = 'op' | 'label' | 'input' | 'output' | 'params' | 'macs' | 'settings' | 'contents';

export interface DiffRow {
    /** `added`: only in B; `removed`: only in A; `changed`: matched, and something differs (see `differences`). */
    readonly kind: 'same' | 'changed' | 'added' | 'removed';
    /** Nesting: 0 for a network's own statements, +1 under a structure, +1 more under a lane row. */
    readonly depth: number;
    /** A structure or lane row (its numbers are subtotals of the rows below it). */
    readonly structure: boolean;
    readonly a: DiffSide | null;
    readonly b: DiffSide | null;
    /** b − a (an added row counts from 0, a removed one to 0); null when either side is unknown. */
    readonly params: number | null;
    readonly macs: number | null;
    /** For `changed`: what differs; `contents` means a row below it differs. Empty otherwise. */
    readonly differences: DiffAspect[];
}

export interface DiffTotal {
    readonly a: number | null;
    readonly b: number | null;
    /** b − a. */
    readonly delta: number | null;
    /** Δ as a percentage of a; null when a is 0 or unknown. */
    readonly percent: number | null;
}

export interface DiffNetworkHeader {
    readonly name: string;
    readonly input: number[] | null;
    readonly output: number[] | null;
}

export interface NetworkDiff {
    readonly a: DiffNetworkHeader;
    readonly b: DiffNetworkHeader;
    /** Reading order: a structure's row, then its lanes' and children's rows. */
    readonly rows: DiffRow[];
    readonly params: DiffTotal;
    readonly macs: DiffTotal;
}
