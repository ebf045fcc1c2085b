/**
 * The brute force the solver is held to: the plain engine (NetworkEvaluator
 * with the input overridden, as input-solver.ts uses it) on one input. Valid:
 * no error-severity issue. Exact: valid, and no window layer had to round.
 */
import { expect } from 'vitest';
import type { Network } from '../../src/generated/ast.js';
import { ISSUE_REGISTRY } from '../../src/diagnostics/codes.js';
import { NetworkEvaluator } from '../../src/inference/engine.js';
import type { ValidInputs } from '../../src/inference/valid-inputs.js';
import { validate } from '../helpers.js';

export interface Verdict {
    readonly valid: boolean;
    readonly exact: boolean;
}

export function engineVerdict(network: Network, w: number, h: number, d: number): Verdict {
    const input = { w, h, d };
    const { network: analysis, issues } = new NetworkEvaluator(n => (n === network ? input : undefined)).analyzeNetwork(network);
    const valid = issues.every(i => ISSUE_REGISTRY[i.code].severity !== 'error');
    const rounded = analysis.layers.some(l => l.axes?.some(a => a.resolvedBy === 'floor' || a.resolvedBy === 'ceil'));
    return { valid, exact: valid && !rounded };
}

/** What the solver says about the input (w, h). */
export function solverVerdict(result: ValidInputs, w: number, h: number): Verdict {
    if (result.kind === 'unsolvable') return { valid: false, exact: false };
    if (result.kind === 'pairs') {
        const has = (pairs: readonly (readonly [number, number])[]) => pairs.some(p => p[0] === w && p[1] === h);
        return { valid: has(result.valid), exact: has(result.exact) };
    }
    return {
        valid: result.width.valid.includes(w) && result.height.valid.includes(h),
        exact: result.width.exact.includes(w) && result.height.exact.includes(h)
    };
}

/** The solver and the engine agree on every input listed; the message names the first that differs. */
export function expectAgreement(network: Network, result: ValidInputs, inputs: Iterable<readonly [number, number]>, d: number): number {
    let checked = 0;
    for (const [w, h] of inputs) {
        const engine = engineVerdict(network, w, h, d);
        const solver = solverVerdict(result, w, h);
        if (engine.valid !== solver.valid || engine.exact !== solver.exact) {
            expect(solver, `${network.name} on ${w}×${h}×${d}: the engine says ${JSON.stringify(engine)}`).toEqual(engine);
        }
        checked++;
    }
    return checked;
}

/** The networks of a `.conv` text, parsed and linked as the language server does. */
export async function networksOf(text: string): Promise<Network[]> {
    const { document } = await validate(text);
    return document.parseResult.value.declarations.filter((d): d is Network => d.$type === 'Network');
}

export function* squares(lo: number, hi: number): Generator<readonly [number, number]> {
    for (let s = lo; s <= hi; s++) yield [s, s];
}

export function* grid(lo: number, hi: number): Generator<readonly [number, number]> {
    for (let w = lo; w <= hi; w++) for (let h = lo; h <= hi; h++) yield [w, h];
}
