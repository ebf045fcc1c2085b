import type { Block, BlockCall, Concat, Multiply, Network, Repeat, Residual, Split, Statement } from '../generated/ast.js';
import type { Fraction } from './fraction.js';
import type { InferenceIssue } from './issues.js';
import type { ParameterTerms } from './parameters.js';
import type { Rounding, WindowAxisResult } from './spatial.js';

/** W×H×D, width first as in the source. */
export interface Volume {
    readonly w: number;
    readonly h: number;
    readonly d: number;
}

export type AxisPair<T> = readonly [T, T];

/** What flows from one layer to the next. */
export interface Flow {
    readonly volume: Volume;
    /** Receptive field in input pixels, per axis. */
    readonly rf: AxisPair<number>;
    /** Distance in input pixels between adjacent outputs, per axis. */
    readonly jump: AxisPair<number>;
}

/** The evaluated window of a sliding-window layer (block arguments applied), width first. */
export interface WindowHyper {
    readonly kernel: AxisPair<number>;
    readonly stride: AxisPair<number>;
    readonly dilation: AxisPair<number>;
    readonly padLow: AxisPair<number>;
    readonly padHigh: AxisPair<number>;
    readonly rounding: Rounding;
}

/** Activations without a parameter of their own (`swish` is `silu`). */
export type ActivationOp =
    | 'relu'
    | 'relu6'
    | 'prelu'
    | 'sigmoid'
    | 'tanh'
    | 'gelu'
    | 'silu'
    | 'hardswish'
    | 'hardsigmoid'
    | 'selu'
    | 'mish'
    | 'softplus'
    | 'softmax'
    | 'logsoftmax'
    | 'lrn'
    | 'identity';

/**
 * The concrete hyper-parameters a layer was evaluated with, one shape per
 * operation: whoever switches on `op` gets exactly the fields that layer has.
 */
export type LayerHyper =
    | (WindowHyper & { readonly op: 'conv' | 'dwconv'; readonly groups: number; readonly bias: boolean })
    | (WindowHyper & { readonly op: 'maxpool' | 'avgpool' })
    | {
          readonly op: 'deconv';
          readonly kernel: AxisPair<number>;
          readonly stride: AxisPair<number>;
          readonly dilation: AxisPair<number>;
          readonly pad: AxisPair<number>;
          readonly outpad: AxisPair<number>;
          readonly groups: number;
          readonly bias: boolean;
      }
    | { readonly op: 'globalavgpool' | 'globalmaxpool' | 'flatten' | 'batchnorm' }
    | { readonly op: 'adaptiveavgpool' | 'adaptivemaxpool'; readonly size: AxisPair<number> }
    | { readonly op: 'upsample'; readonly factor: AxisPair<number> }
    | { readonly op: 'zeropad'; readonly pad: AxisPair<number> }
    | { readonly op: 'dense'; readonly units: number; readonly inputs: number; readonly bias: boolean }
    | { readonly op: 'dropout'; readonly rate: number }
    | { readonly op: 'leakyrelu'; readonly slope: number }
    | { readonly op: 'elu'; readonly alpha: number }
    | { readonly op: ActivationOp }
    | { readonly op: 'shuffle'; readonly groups: number }
    /** A centre crop: `offset` is the left and top margin removed (an odd surplus leaves the extra pixel on the right/bottom). */
    | { readonly op: 'crop'; readonly size: AxisPair<number>; readonly offset: AxisPair<number> }
    /** References to earlier outputs (`concat with`, `add`, `multiply L`, `route`): the sources are on the instance. */
    | { readonly op: 'concat' | 'add' | 'multiply' | 'route'; readonly crop: boolean };

/** Canonical operation names: `fc` is `dense`, `bn` is `batchnorm`, `swish` is `silu`; `unknown` is a word that is no statement. */
export type LayerOp = LayerHyper['op'] | 'unknown';

/** What every node of the analysis tree carries. */
interface InstanceBase {
    /** Undefined when no shape reaches the statement (an error upstream). */
    readonly input?: Flow;
    /** Undefined when the shape cannot be known (an error upstream or here). */
    readonly output?: Flow;
    /** Parameters and multiply-accumulates, this layer's or the sum below a structure; NaN past 2^53. */
    readonly params: number;
    readonly macs: number;
    /** The network's (or the layer's own) rounding in force here. */
    readonly rounding: Rounding;
    /** Block calls that led here, outermost first (empty at network level). */
    readonly callPath: readonly BlockCall[];
    /** The statement, or something below it, is invalid (the diagnostics say why). */
    readonly invalid: boolean;
    readonly label?: string;
}

/** The statements that are single layers (references and unknown words included), not structure. */
export type LayerStatement = Exclude<Statement, Concat | Residual | Repeat | BlockCall | Multiply | Split>;

/** An earlier output a reference reads: the edge from a statement to the instance it names. */
export interface Source {
    /** The label as written, unique in its network or block. */
    readonly label: string;
    readonly instance: Instance;
    /** Left and top margin removed by `crop` (a centre crop to the current W×H), when the statement crops. */
    readonly offset?: AxisPair<number>;
}

/** One evaluation of one layer statement: a leaf of the tree. */
export interface LayerInstance extends InstanceBase {
    readonly kind: 'layer';
    readonly node: LayerStatement;
    readonly op: LayerOp;
    /** Position among the network's layers in execution order: the row of the summary table. */
    readonly index: number;
    /** Undefined when the layer could not be evaluated. */
    readonly hyper?: LayerHyper;
    /** Per-axis exact sizes for layers with a window formula. */
    readonly exact?: AxisPair<Fraction>;
    /** The worked window arithmetic, for messages, hovers and fixes. */
    readonly axes?: AxisPair<WindowAxisResult>;
    /** Filter shape Fw×Fh×depth for conv-like layers (depth = D1/G). */
    readonly filter?: readonly [number, number, number];
    /** The factors and biases `params` is made of, for the worked arithmetic. */
    readonly paramTerms?: ParameterTerms;
    /** For references (`concat with`, `add`, `multiply L`, `route`): the earlier outputs read, in the order written. */
    readonly sources?: readonly Source[];
    /**
     * The statement names something that does not exist (an unknown word, block, label or
     * parameter): it is skipped and the volume flows on unchanged, so a typo does not erase
     * every hint below it. Its own output is unknown.
     */
    readonly skipped: boolean;
}

/**
 * A run of statements inside a structure: a concat branch, a residual body
 * or shortcut, one iteration of a repeat, a block's body at a call. An empty
 * lane is the identity.
 */
export interface Lane {
    readonly role: 'branch' | 'body' | 'shortcut' | 'iteration' | 'gate';
    readonly children: readonly Instance[];
    readonly input?: Flow;
    readonly output?: Flow;
    readonly params: number;
    readonly macs: number;
}

interface StructureBase extends InstanceBase {
    readonly kind: 'structure';
    readonly lanes: readonly Lane[];
}

/** Branches side by side, concatenated on depth. */
export interface ConcatInstance extends StructureBase {
    readonly op: 'concat';
    readonly node: Concat;
}

/** `lanes[0]` is the body, `lanes[1]` the shortcut (empty when it is the identity). */
export interface ResidualInstance extends StructureBase {
    readonly op: 'residual';
    readonly node: Residual;
    /** No `shortcut { … }` was written. */
    readonly identityShortcut: boolean;
}

/** One lane per iteration that ran. */
export interface RepeatInstance extends StructureBase {
    readonly op: 'repeat';
    readonly node: Repeat;
    /** The evaluated count, undefined when it could not be evaluated. */
    readonly count?: number;
}

/** One lane: the block's body on this call's arguments. */
export interface CallInstance extends StructureBase {
    readonly op: 'call';
    readonly node: BlockCall;
    readonly block?: Block;
    /** The evaluated arguments, in the block's parameter order. */
    readonly args?: readonly number[];
}

/** `x ⊙ gate(x)`: one lane, the gate; the output is x's volume. */
export interface MultiplyInstance extends StructureBase {
    readonly op: 'multiply';
    readonly node: Multiply;
}

/** The input's depth cut into parts, one lane per branch, the outputs concatenated. */
export interface SplitInstance extends StructureBase {
    readonly op: 'split';
    readonly node: Split;
    /** The depth of each part, in branch order; undefined when the split does not divide the input. */
    readonly parts?: readonly number[];
}

export type StructureInstance = ConcatInstance | ResidualInstance | RepeatInstance | CallInstance | MultiplyInstance | SplitInstance;

/** A node of the analysis tree. */
export type Instance = LayerInstance | StructureInstance;

export interface NetworkAnalysis {
    readonly network: Network;
    readonly name: string;
    readonly input?: Volume;
    readonly output?: Volume;
    readonly params: number;
    readonly macs: number;
    /** Σ W·H·D over every layer's output: activations kept for one sample. */
    readonly activations: number;
    readonly rounding: Rounding;
    readonly bias: boolean;
    /** The tree: the network's statements in order, structures holding their lanes. */
    readonly body: readonly Instance[];
    /** The tree's leaves in execution order (`layers[i].index === i`). */
    readonly layers: readonly LayerInstance[];
}

export interface DocumentAnalysis {
    readonly networks: readonly NetworkAnalysis[];
    readonly issues: readonly InferenceIssue[];
    /** Instances per statement, in execution order (the first is the first call's). */
    readonly instancesByNode: ReadonlyMap<Statement, readonly Instance[]>;
}

export function formatVolume(v: Volume): string {
    return `${v.w}×${v.h}×${v.d}`;
}

/** A volume as the JSON outputs write it, `[W, H, D]`; null when unknown. */
export function volumeArray(v: Volume | undefined): number[] | null {
    return v ? [v.w, v.h, v.d] : null;
}

/** A parameter or MAC count as the JSON outputs write it: null past 2^53 (the engine's NaN). */
export function countOrNull(n: number): number | null {
    return Number.isNaN(n) ? null : n;
}

export function sameVolume(a: Volume, b: Volume): boolean {
    return a.w === b.w && a.h === b.h && a.d === b.d;
}
