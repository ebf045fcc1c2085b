import type { BlockCall, Network, Statement } from '../generated/ast.js';
import type { Fraction } from './fraction.js';
import type { InferenceIssue } from './issues.js';
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

/** The concrete hyper-parameters a layer was evaluated with (block arguments applied), width first. */
export interface LayerHyper {
    readonly kernel?: AxisPair<number>;
    readonly stride?: AxisPair<number>;
    readonly dilation?: AxisPair<number>;
    readonly padLow?: AxisPair<number>;
    readonly padHigh?: AxisPair<number>;
    readonly outpad?: AxisPair<number>;
    readonly groups?: number;
    readonly bias?: boolean;
    readonly units?: number;
    readonly factor?: AxisPair<number>;
    readonly size?: AxisPair<number>;
    readonly rate?: number;
    readonly slope?: number;
    readonly rounding?: Rounding;
    /** How many times a `repeat` ran its body. */
    readonly count?: number;
}

/** One evaluation of one statement: a block body or repeat body yields several. */
export interface LayerInstance {
    readonly node: Statement;
    /** Canonical name: `fc` → `dense`, `bn` → `batchnorm`; structure is `concat`, `residual`, `repeat`, `call`. */
    readonly op: string;
    readonly label?: string;
    /** Structure (concat, residual, repeat, block call) rather than a layer. */
    readonly structural: boolean;
    readonly input?: Flow;
    /** Undefined when the shape cannot be known (an error upstream or here). */
    readonly output?: Flow;
    /** Per-axis exact sizes for layers with a window formula. */
    readonly exact?: AxisPair<Fraction>;
    /** The worked window arithmetic, for messages and hovers. */
    readonly axes?: AxisPair<WindowAxisResult>;
    /** Filter shape Fw×Fh×depth for conv-like layers (depth = D1/G). */
    readonly filter?: readonly [number, number, number];
    readonly hyper?: LayerHyper;
    readonly params: number;
    /** The parameter arithmetic with numbers substituted, e.g. `3·3·192·96 + 96`. */
    readonly paramFormula?: string;
    readonly macs: number;
    readonly rounding: Rounding;
    /** Block calls that led here, outermost first. */
    readonly callPath: readonly BlockCall[];
    /** The line is invalid (its diagnostics say why). */
    readonly invalid: boolean;
}

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
    /** Every instance in execution order; structure entries follow their contents. */
    readonly instances: readonly LayerInstance[];
}

export interface DocumentAnalysis {
    readonly networks: readonly NetworkAnalysis[];
    readonly issues: readonly InferenceIssue[];
    /** Instances per statement, in execution order (the first is the first call's). */
    readonly instancesByNode: ReadonlyMap<Statement, readonly LayerInstance[]>;
}

export function formatVolume(v: Volume): string {
    return `${v.w}×${v.h}×${v.d}`;
}

export function sameVolume(a: Volume, b: Volume): boolean {
    return a.w === b.w && a.h === b.h && a.d === b.d;
}
