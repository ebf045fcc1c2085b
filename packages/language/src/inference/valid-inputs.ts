import type { AstNode } from 'langium';
import type { Network } from '../generated/ast.js';
import { LaneEvaluator, SizeIndependentError } from './lane-evaluator.js';
import { AxesCoupled, FAILED_BOTH, FAILED_H, FAILED_W, LaneMarks, ROUNDED_H, ROUNDED_W, type LaneLayout } from './lanes.js';
import type { NetworkAnalysis, Volume } from './model.js';
import { nearestMembers } from './size-pattern.js';

/*
 * Which input widths and heights make a whole network valid (every layer,
 * every branch, merges, references, crops) under its own rounding, and which
 * tile exactly (no layer rounds). The depth stays as declared.
 */

export interface SizeRange {
    readonly lo: number;
    readonly hi: number;
}

/** The range `inputs` answers for when none is given. */
export const DEFAULT_RANGE: SizeRange = { lo: 1, hi: 4096 };
/** The widest range the solver accepts: 16,384 lanes per axis, and counts stay far below 2^53. */
export const MAX_SIZE = 16_384;
/** When the axes interact, pairs are evaluated over at most this many sizes per axis (16,384 inputs). */
export const MAX_PAIR_SIDE = 128;

/** Valid sizes of one axis, ascending: `valid` under the file's rounding, `exact` with no layer rounding. */
export interface AxisSizes {
    readonly valid: readonly number[];
    readonly exact: readonly number[];
}

export type ValidInputs =
    /** The axes are independent: the valid inputs are every valid width with every valid height. */
    | { readonly kind: 'axes'; readonly range: SizeRange; readonly depth: number; readonly width: AxisSizes; readonly height: AxisSizes }
    /** The axes interact (`reason`): the valid (W, H) pairs of `range` × `range`, ascending by W then H. */
    | {
          readonly kind: 'pairs';
          readonly range: SizeRange;
          readonly depth: number;
          readonly reason: string;
          readonly valid: readonly (readonly [number, number])[];
          readonly exact: readonly (readonly [number, number])[];
      }
    /** An error no input size cures (a bad value, an unknown name, a cycle): `node` is where. */
    | { readonly kind: 'unsolvable'; readonly range: SizeRange; readonly depth: number; readonly node: AstNode };

/** The sizes the editor solves over (the `input` hover, the input-size quick fix): 1..4096, or twice the declared size. */
export function editorRange(input: Volume): SizeRange {
    return { lo: 1, hi: Math.min(MAX_SIZE, Math.max(DEFAULT_RANGE.hi, 2 * input.w, 2 * input.h)) };
}

const editorAnswers = new WeakMap<NetworkAnalysis, ValidInputs>();

/**
 * The valid inputs of an analysed network over `editorRange` of its declared input (none without one), solved
 * once per analysis (a new one follows every change the network can see): the `input` hover and the quick fix
 * ask for the same.
 */
export function editorValidInputs(network: NetworkAnalysis): ValidInputs | undefined {
    if (!network.input) return undefined;
    let answer = editorAnswers.get(network);
    if (!answer) {
        answer = solveValidInputs(network.network, network.input.d, editorRange(network.input));
        editorAnswers.set(network, answer);
    }
    return answer;
}

/** Evaluates the network on every input of the range, axes first, pairs when the axes interact. */
export function solveValidInputs(network: Network, depth: number, range: SizeRange = DEFAULT_RANGE): ValidInputs {
    try {
        try {
            return solveAxes(network, depth, range);
        } catch (e) {
            if (!(e instanceof AxesCoupled)) throw e;
            const pairRange = { lo: range.lo, hi: Math.min(range.hi, range.lo + MAX_PAIR_SIDE - 1) };
            return { ...solvePairs(network, depth, pairRange), reason: e.reason };
        }
    } catch (e) {
        if (!(e instanceof SizeIndependentError)) throw e;
        return { kind: 'unsolvable', range, depth, node: e.node };
    }
}

function evaluateLanes(network: Network, layout: LaneLayout, w: Float64Array, h: Float64Array, depth: number): Uint8Array {
    const marks = new LaneMarks(layout, w.length);
    new LaneEvaluator(marks).run(network, { w, h, d: new Float64Array(w.length).fill(depth) });
    return marks.marks;
}

function solveAxes(network: Network, depth: number, range: SizeRange): ValidInputs {
    const n = range.hi - range.lo + 1;
    const sizes = Float64Array.from({ length: n }, (_, i) => range.lo + i);
    const marks = evaluateLanes(network, 'axes', sizes, sizes.slice(), depth);
    const pick = (bits: number) => Array.from(sizes).filter((_, i) => (marks[i] & bits) === 0);
    const width = { valid: pick(FAILED_W), exact: pick(FAILED_W | ROUNDED_W) };
    const height = { valid: pick(FAILED_H), exact: pick(FAILED_H | ROUNDED_H) };
    // Valid inputs are width × height: without a valid height no width is part of one, and the other way round.
    const none = { valid: [], exact: [] };
    const both = (a: AxisSizes, b: AxisSizes): AxisSizes => ({
        valid: b.valid.length ? a.valid : [],
        exact: b.exact.length ? a.exact : []
    });
    return {
        kind: 'axes',
        range,
        depth,
        width: width.valid.length || height.valid.length ? both(width, height) : none,
        height: width.valid.length || height.valid.length ? both(height, width) : none
    };
}

function solvePairs(network: Network, depth: number, range: SizeRange): Omit<Extract<ValidInputs, { kind: 'pairs' }>, 'reason'> {
    const side = range.hi - range.lo + 1;
    const w = new Float64Array(side * side);
    const h = new Float64Array(side * side);
    for (let i = 0; i < side * side; i++) {
        w[i] = range.lo + Math.floor(i / side);
        h[i] = range.lo + (i % side);
    }
    const marks = evaluateLanes(network, 'pairs', w, h, depth);
    const valid: [number, number][] = [];
    const exact: [number, number][] = [];
    for (let i = 0; i < marks.length; i++) {
        if (marks[i] & FAILED_BOTH) continue;
        valid.push([w[i], h[i]]);
        if ((marks[i] & (ROUNDED_W | ROUNDED_H)) === 0) exact.push([w[i], h[i]]);
    }
    return { kind: 'pairs', range, depth, valid, exact };
}

/** The input sizes near the declared one, for the hover and the CLI's summary line. */
export interface InputChoices {
    /** The declared input is valid. */
    readonly declaredValid: boolean;
    readonly below?: Volume;
    readonly above?: Volume;
    /** The smallest valid input (by W·H, then W). */
    readonly smallest?: Volume;
}

/**
 * The nearest valid inputs below and above `declared` in `sizes` (`exact`:
 * those that tile exactly). A square input stays square; otherwise each
 * axis moves on its own (pairs: the nearest pair with both sides below, or
 * both above).
 */
export function inputChoices(result: ValidInputs, declared: Volume, which: 'valid' | 'exact' = 'valid'): InputChoices {
    const d = declared.d;
    if (result.kind === 'unsolvable') return { declaredValid: false };
    if (result.kind === 'pairs') {
        const pairs = result[which];
        const has = pairs.some(([w, h]) => w === declared.w && h === declared.h);
        const vol = (p?: readonly [number, number]) => p && { w: p[0], h: p[1], d };
        const best = (ok: (p: readonly [number, number]) => boolean, score: (p: readonly [number, number]) => number) =>
            vol(pairs.filter(p => ok(p) && !(p[0] === declared.w && p[1] === declared.h)).sort((a, b) => score(a) - score(b))[0]);
        return {
            declaredValid: has,
            below: best(
                ([w, h]) => w <= declared.w && h <= declared.h,
                ([w, h]) => declared.w - w + (declared.h - h)
            ),
            above: best(
                ([w, h]) => w >= declared.w && h >= declared.h,
                ([w, h]) => w - declared.w + (h - declared.h)
            ),
            smallest: best(
                () => true,
                ([w, h]) => w * h * (MAX_SIZE + 1) + w
            )
        };
    }
    const widths = result.width[which];
    const heights = result.height[which];
    const declaredValid = widths.includes(declared.w) && heights.includes(declared.h);
    if (declared.w === declared.h) {
        const heightSet = new Set(heights);
        const squares = widths.filter(s => heightSet.has(s));
        const near = nearestMembers(squares, declared.w);
        const square = (s?: number) => (s === undefined ? undefined : { w: s, h: s, d });
        return { declaredValid, below: square(near.below), above: square(near.above), smallest: smallestOf(widths, heights, d) };
    }
    const axisNear = (list: readonly number[], size: number) => ({ ...nearestMembers(list, size), has: list.includes(size) });
    const w = axisNear(widths, declared.w);
    const h = axisNear(heights, declared.h);
    // An invalid input moves only its invalid sides; a valid one shows its neighbours, both sides moved where they can.
    const side = (a: typeof w, size: number, dir: 'below' | 'above') => (declaredValid ? (a[dir] ?? size) : a.has ? size : a[dir]);
    const make = (dir: 'below' | 'above') => {
        const ws = side(w, declared.w, dir);
        const hs = side(h, declared.h, dir);
        return ws === undefined || hs === undefined || (ws === declared.w && hs === declared.h) ? undefined : { w: ws, h: hs, d };
    };
    return { declaredValid, below: make('below'), above: make('above'), smallest: smallestOf(widths, heights, d) };
}

function smallestOf(widths: readonly number[], heights: readonly number[], d: number): Volume | undefined {
    return widths.length && heights.length ? { w: widths[0], h: heights[0], d } : undefined;
}
