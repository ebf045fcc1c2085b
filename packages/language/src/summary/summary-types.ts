// The summary's data, as `summary --format json` and the library return it.
// Plain data, no Langium: the npm package's declarations include this file.
import type { ConvDiagnostic } from '../diagnostics/conv-diagnostic.js';

/** The element types `--dtype` accepts. */
export type Dtype = 'float32' | 'float16' | 'bfloat16' | 'int8';

/** What the memory lines assume: how many samples go through at once, and how each value is stored. */
export interface MemoryOptions {
    readonly batch: number;
    readonly dtype: Dtype;
}

/**
 * torchinfo's four memory lines, in bytes (null when a size is unknown or past 2^53).
 * The rules are torchinfo's `ModelStatistics` (torchinfo/model_statistics.py):
 * - input: the input tensor, batch included;
 * - forward/backward pass: the output of every leaf layer that has parameters,
 *   counted twice (the activation kept for the backward pass and its gradient);
 *   layers without parameters (activations, pooling, dropout) are not counted;
 * - params: every parameter once;
 * - total: the sum of the three.
 * torchinfo measures the input with `sys.getsizeof` of the tensor's storage,
 * which adds the Python object's own few dozen bytes; this counts the data only.
 */
export interface MemoryFigures {
    readonly batch: number;
    readonly dtype: Dtype;
    readonly bytesPerValue: number;
    readonly inputBytes: number | null;
    readonly forwardBackwardBytes: number | null;
    readonly paramsBytes: number | null;
    readonly totalBytes: number | null;
}

/** One row of `summary --format json`: a layer (a leaf of the tree), in execution order. */
export interface LayerSummary {
    readonly line: number;
    readonly op: string;
    readonly label: string | null;
    readonly input: number[] | null;
    readonly output: number[] | null;
    readonly exact: number[] | null;
    readonly params: number | null;
    readonly macs: number | null;
    /** Receptive field and jump along the width (the hover shows both axes). */
    readonly rf: number | null;
    readonly jump: number | null;
    /** For references (`concat with`, `add`, `multiply L`, `route`): the labels read, in order; null otherwise. */
    readonly sources: string[] | null;
    /** Nesting under block calls, concat branches, residuals and repeats (for indented tables; not in the JSON). */
    readonly depth: number;
    /** The window, `3×3`, for the `kernel` column of the tables (not in the JSON). */
    readonly kernel: string | null;
}

export interface NetworkSummary {
    readonly name: string;
    readonly input: number[] | null;
    readonly output: number[] | null;
    readonly params: number | null;
    readonly macs: number | null;
    /** Σ W·H·D of every layer's output, and the same as float32 bytes. */
    readonly activations: number | null;
    readonly activationBytes: number | null;
    readonly paramBytes: number | null;
    readonly layers: LayerSummary[];
    /** The structure (block calls, repeats, concat, residual, …) with subtotals; leaves point into `layers`. */
    readonly tree: SummaryNode[];
    /** torchinfo's memory lines for the chosen batch and element type. */
    readonly memory: MemoryFigures;
}

export interface FileSummary {
    readonly file: string;
    readonly networks: NetworkSummary[];
    readonly diagnostics: ConvDiagnostic[];
}

/** A leaf of `tree`: the layer is `layers[layer]` of the same network, so its numbers live in one place. */
export interface LayerNode {
    readonly kind: 'layer';
    readonly layer: number;
}

/** Structures as written: a block call, a repeat, a concat, a residual, a gate, a split. */
export type StructureKind = 'call' | 'repeat' | 'concat' | 'residual' | 'multiply' | 'split';
/** The lanes of a structure with more than one: a concat's or split's branches, a residual's body and shortcut, a repeat's iterations. */
export type LaneKind = 'branch' | 'body' | 'shortcut' | 'iteration';

/**
 * A structure or one of its lanes, with the subtotals of everything below it.
 * The optional fields are present only for the kinds they describe, so the
 * JSON carries no nulls for them.
 */
export interface GroupNode {
    readonly kind: StructureKind | LaneKind;
    /** The structure's label (`layer1: stage(64, 3, 1)`); null for lanes and unlabelled structures. */
    readonly label: string | null;
    /** 1-based source line of the structure; null for lanes (a repeat's iterations have no line of their own). */
    readonly line: number | null;
    /** `call`: the block's name and the evaluated arguments, in the block's parameter order. */
    readonly block?: string;
    readonly args?: number[];
    /** `repeat`: the evaluated count. */
    readonly count?: number;
    /** `iteration`, `branch`: 1-based position among its siblings. */
    readonly iteration?: number;
    readonly branch?: number;
    /** `split`: the depth of each part, in branch order. */
    readonly parts?: number[];
    /** An empty lane: the identity (a residual without `shortcut { … }`, an empty concat branch). */
    readonly identity?: boolean;
    readonly input: number[] | null;
    readonly output: number[] | null;
    /** Sums over every layer below; null past 2^53 or when something below has no count. */
    readonly params: number | null;
    readonly macs: number | null;
    /** Receptive field and jump of the output, along the width. */
    readonly rf: number | null;
    readonly jump: number | null;
    readonly children: SummaryNode[];
}

export type SummaryNode = LayerNode | GroupNode;
