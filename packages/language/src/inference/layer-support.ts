import type { AstNode } from 'langium';
import { isBiasFlag, isRoundingFlag, type GroupsOption, type LayerOption, type Size } from '../generated/ast.js';
import { evaluateSize, type EvalContext } from './expressions.js';
import type { InferenceCode, InferenceIssue, IssuePayloads, Quantity } from './issues.js';
import type { AxisPair, LayerHyper, LayerInstance, Volume } from './model.js';
import type { Rounding } from './spatial.js';

/** What a layer is evaluated under: its block's parameters and the calling network's defaults. */
export interface LayerScope extends EvalContext {
    readonly rounding: Rounding;
    readonly bias: boolean;
}

/** What a layer rule returns; the engine turns it into a LayerInstance (the flow's rf and jump ride along). */
export type LayerOutcome = Pick<LayerInstance, 'exact' | 'axes' | 'filter' | 'params' | 'paramTerms' | 'macs' | 'invalid' | 'sources'> & {
    readonly output?: Volume;
    readonly hyper?: LayerHyper;
    readonly rf?: AxisPair<number>;
    readonly jump?: AxisPair<number>;
};

/** A layer that could not be evaluated: its diagnostics say why, and nothing flows on. */
export const FAILED: LayerOutcome = { invalid: true, params: 0, macs: 0 };

export function report<C extends InferenceCode>(
    scope: EvalContext,
    code: C,
    nodes: readonly (AstNode | undefined)[],
    data: IssuePayloads[C],
    property?: string
): void {
    // Nodes of a half-parsed statement can be missing; report on what is there.
    const present = nodes.filter((n): n is AstNode => n !== undefined);
    // TypeScript cannot correlate `code` with `data` through the generic; the signature above does.
    scope.sink.report({ code, data, nodes: present, property, callPath: scope.callPath, callArgs: scope.callArgs } as InferenceIssue);
}

export function findOption<T extends LayerOption>(node: { options: LayerOption[] }, guard: (o: unknown) => o is T): T | undefined {
    return node.options.find(guard);
}

export function pairMap<T>(f: (axis: 0 | 1) => T): AxisPair<T> {
    return [f(0), f(1)];
}

/** `N` → [N, N]; `AxB` → [A, B]; anything else is reported. */
export function axisPair(size: Size | undefined, scope: EvalContext, quantity: Quantity): AxisPair<number> | undefined {
    const parts = evaluateSize(size, scope);
    if (!parts) return undefined;
    if (parts.length === 1) return [parts[0], parts[0]];
    if (parts.length === 2) return [parts[0], parts[1]];
    report(scope, 'invalid-value', [size], { reason: 'not-a-pair', quantity, values: parts });
    return undefined;
}

/** Reports `invalid-value` unless every value is at least `min` (1 for sizes and counts, 0 for a repeat). */
export function positive(values: readonly number[], node: AstNode, scope: EvalContext, quantity: Quantity): boolean {
    const bad = values.find(v => v < 1);
    if (bad === undefined) return true;
    report(scope, 'invalid-value', [node], { reason: 'not-positive', quantity, value: bad });
    return false;
}

/** Reports `invalid-value` when a padding is negative (0 is fine). */
export function nonNegative(values: AxisPair<number>, node: AstNode | undefined, scope: EvalContext, quantity: Quantity): boolean {
    if (values[0] >= 0 && values[1] >= 0) return true;
    report(scope, 'invalid-value', [node], { reason: 'negative', quantity, values });
    return false;
}

/** A per-layer `floor`/`ceil` overrides the network's `rounding`. */
export function roundingOf(node: { options: LayerOption[] }, scope: LayerScope): Rounding {
    return findOption(node, isRoundingFlag)?.mode ?? scope.rounding;
}

/** A per-layer `bias`/`nobias` overrides the network's `bias on|off`. */
export function biasOf(node: { options: LayerOption[] }, scope: LayerScope): boolean {
    const flag = findOption(node, isBiasFlag);
    return flag ? flag.flag === 'bias' : scope.bias;
}

/** PyTorch requires the groups to divide both in_channels and out_channels. */
export function checkGroups(
    option: GroupsOption | undefined,
    groups: number,
    inputDepth: number,
    filters: number,
    scope: EvalContext
): boolean {
    if (inputDepth % groups === 0 && filters % groups === 0) return true;
    report(scope, 'groups-mismatch', [option], { groups, inputDepth, filters });
    return false;
}
