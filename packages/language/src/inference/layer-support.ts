import type { AstNode } from 'langium';
import { isBiasFlag, isRoundingFlag, type GroupsOption, type LayerOption, type Size } from '../generated/ast.js';
import { IssueCodes, type IssueCode, type Severity } from '../validation/codes.js';
import { evaluateSize, type EvalContext } from './expressions.js';
import type { AxisPair, LayerInstance, Volume } from './model.js';
import type { Rounding } from './spatial.js';

/** What a layer is evaluated under: its block's parameters and the calling network's defaults. */
export interface LayerScope extends EvalContext {
    readonly rounding: Rounding;
    readonly bias: boolean;
}

/** What a layer rule returns; the engine turns it into a LayerInstance (the flow's rf and jump ride along). */
export type LayerOutcome = Pick<LayerInstance, 'exact' | 'axes' | 'filter' | 'hyper' | 'params' | 'paramFormula' | 'macs' | 'invalid'> & {
    readonly output?: Volume;
    readonly rf?: AxisPair<number>;
    readonly jump?: AxisPair<number>;
};

export function report(scope: EvalContext, code: IssueCode, nodes: readonly AstNode[], message: string,
    data?: Record<string, unknown>, severity: Severity = 'error'): void {
    // Nodes of a half-parsed statement can be missing; report on what is there.
    scope.sink.report({ code, severity, nodes: nodes.filter(n => n !== undefined), message, data, callPath: scope.callPath });
}

export function findOption<T extends LayerOption>(node: { options: LayerOption[] }, guard: (o: unknown) => o is T): T | undefined {
    return node.options.find(guard);
}

/** `N` → [N, N]; `AxB` → [A, B]; anything else is reported. */
export function axisPair(size: Size | undefined, scope: EvalContext, what: string): AxisPair<number> | undefined {
    const parts = evaluateSize(size, scope);
    if (!parts) return undefined;
    if (parts.length === 1) return [parts[0], parts[0]];
    if (parts.length === 2) return [parts[0], parts[1]];
    report(scope, IssueCodes.InvalidValue, [size!], `a ${what} is N or WxH, not ${parts.join('x')}`);
    return undefined;
}

/** Reports `invalid-value` unless every value is at least 1. */
export function positive(values: readonly number[], node: AstNode, scope: EvalContext, what: string): boolean {
    const bad = values.find(v => v < 1);
    if (bad === undefined) return true;
    report(scope, IssueCodes.InvalidValue, [node], `${what} ${bad} is not allowed: it must be at least 1`);
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
export function checkGroups(option: GroupsOption | undefined, groups: number, d1: number, filters: number, scope: EvalContext): boolean {
    if (d1 % groups === 0 && filters % groups === 0) return true;
    const bad = [d1 % groups ? `the input depth ${d1}` : '', filters % groups ? `the ${filters} filters` : ''].filter(Boolean);
    report(scope, IssueCodes.GroupsMismatch, [option!],
        `groups ${groups} must divide both the input depth and the number of filters, but does not divide ${bad.join(' or ')}`);
    return false;
}
