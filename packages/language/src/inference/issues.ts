import type { AstNode } from 'langium';
import type { BlockCall } from '../generated/ast.js';
import type { AxisPair, Volume } from './model.js';
import type { Rounding, WindowAxisResult, WindowKind } from './spatial.js';

/** The quantities a value check names. */
export type Quantity =
    | 'input size'
    | 'kernel size'
    | 'stride'
    | 'dilation'
    | 'padding'
    | 'output padding'
    | 'number of filters'
    | 'number of groups'
    | 'depth multiplier'
    | 'number of units'
    | 'repeat count'
    | 'output size'
    | 'scale factor'
    | 'kernel'
    | 'crop size'
    | 'split depth';

/** The statements that merge the current volume with earlier ones. */
export type MergeKind = 'concat' | 'add' | 'multiply' | 'route';

/** The counts the engine computes with checked arithmetic. */
export type CountName =
    | 'parameter count'
    | 'MAC count'
    | 'activation count'
    | 'width'
    | 'height'
    | 'flattened size'
    | 'input count'
    | 'filter count'
    | 'concatenated depth';

/**
 * What the engine found, per code: the numbers, never prose. The wording
 * lives in `presentation/issue-messages.ts`; fixes read the same numbers.
 */
export interface IssuePayloads {
    'non-integer-output': {
        readonly layer: WindowKind;
        readonly kernel: AxisPair<number>;
        /** The axis this issue is about; a square case is reported once, on width. */
        readonly axis: 0 | 1;
        readonly square: boolean;
        readonly axes: AxisPair<WindowAxisResult>;
        /** The layer's output depth, for fix titles. */
        readonly outputDepth: number;
    };
    'kernel-too-large':
        | { readonly shape: 'window'; readonly layer: WindowKind; readonly axis: 0 | 1; readonly result: WindowAxisResult }
        | {
              readonly shape: 'transposed';
              readonly axis: 0 | 1;
              readonly input: number;
              readonly stride: number;
              readonly pad: number;
              readonly dilation: number;
              readonly kernel: number;
              readonly outpad: number;
              readonly size: number;
          };
    'outpad-too-large': { readonly outpad: number; readonly stride: number; readonly dilation: number };
    'invalid-value':
        | { readonly reason: 'not-positive'; readonly quantity: Quantity; readonly value: number }
        | { readonly reason: 'negative'; readonly quantity: Quantity; readonly values: readonly number[] }
        | { readonly reason: 'not-a-pair'; readonly quantity: Quantity; readonly values: readonly number[] }
        | { readonly reason: 'not-a-volume'; readonly values: readonly number[] }
        | { readonly reason: 'dropout-rate'; readonly rate: number }
        /** `8.5` or `1e308` where a whole number belongs; `text` as written. */
        | { readonly reason: 'not-whole'; readonly text: string };
    'pool-padding-too-large': { readonly axis: 0 | 1; readonly pad: number; readonly kernel: number; readonly max: number };
    'groups-mismatch': { readonly groups: number; readonly inputDepth: number; readonly filters: number };
    'concat-mismatch': { readonly sizes: readonly AxisPair<number>[]; readonly branch: number; readonly input: Volume };
    'residual-mismatch': {
        readonly body: Volume;
        readonly shortcut: Volume;
        readonly input: Volume;
        readonly rounding: Rounding;
        readonly identityShortcut: boolean;
    };
    /** `network`: the network's name, empty while it is being typed. */
    'missing-input': { readonly network: string };
    'inexact-division': { readonly dividend: number; readonly divisor: number };
    'too-large':
        | { readonly reason: 'literal'; readonly digits: string }
        | { readonly reason: 'count'; readonly count: CountName }
        | { readonly reason: 'unrolled'; readonly network: string; readonly limit: number }
        /**
         * A network total (parameters, MACs, activations) passes 2^53 at `layer` (its op; reported at
         * its statement): `own` is that layer's count, `sum` the total up to and including it (digits,
         * exact); `output` is its output volume when the count is the activation count.
         */
        | {
              readonly reason: 'total';
              readonly network: string;
              readonly count: CountName;
              readonly layer: string;
              readonly own: string;
              readonly sum: string;
              readonly output?: Volume;
          };
    'stride-skips-input': { readonly axis: 0 | 1; readonly stride: number; readonly effectiveKernel: number; readonly layer: WindowKind };
    'padded-1x1': { readonly input: AxisPair<number>; readonly output: AxisPair<number> };
    'dense-on-spatial': { readonly input: Volume; readonly inputs: number };
    /**
     * Volumes that do not match (`concat with`, `route`: W×H; `add`: the whole volume) or do not
     * broadcast (`multiply`): every volume, the current one first (no label).
     */
    'merge-mismatch': {
        readonly statement: MergeKind;
        readonly volumes: readonly { readonly label?: string; readonly volume: Volume }[];
        readonly crop: boolean;
        readonly problem: 'size' | 'volume' | 'broadcast' | 'crop';
    };
    /** `sizes` as written (none: equal parts); `branches`: how many parts are asked for. */
    'split-mismatch': { readonly depth: number; readonly sizes?: readonly number[]; readonly branches: number };
    'shuffle-mismatch': { readonly depth: number; readonly groups: number };
    'crop-too-large': { readonly input: AxisPair<number>; readonly size: AxisPair<number> };
}

export type InferenceCode = keyof IssuePayloads;

/**
 * A problem found while evaluating, discriminated by `code`. The engine says
 * which nodes are at fault and what the numbers were; turning nodes into
 * ranges and numbers into words happens above it.
 */
export type InferenceIssue = {
    [C in InferenceCode]: {
        readonly code: C;
        readonly data: IssuePayloads[C];
        /** The nodes whose text is at fault; the diagnostic covers all of them. */
        readonly nodes: readonly AstNode[];
        /** When `nodes` is a single node, narrow to one of its properties. */
        readonly property?: string;
        /** The block calls that led here, outermost first (empty at network level). */
        readonly callPath: readonly BlockCall[];
        /** The evaluated arguments of each of those calls. */
        readonly callArgs: readonly (readonly number[])[];
    };
}[InferenceCode];

export class IssueSink {
    private readonly seen = new Set<string>();
    private readonly ids = new WeakMap<AstNode, number>();
    private nextId = 1;
    readonly issues: InferenceIssue[] = [];

    report(issue: InferenceIssue): void {
        // A block body or a repeat runs many times; say each distinct thing once.
        const key = `${issue.code}|${JSON.stringify(issue.data)}|${issue.nodes.map(n => this.idOf(n)).join(',')}|${issue.property ?? ''}`;
        if (this.seen.has(key)) return;
        this.seen.add(key);
        this.issues.push(issue);
    }

    private idOf(node: AstNode): number {
        let id = this.ids.get(node);
        if (id === undefined) this.ids.set(node, (id = this.nextId++));
        return id;
    }
}
