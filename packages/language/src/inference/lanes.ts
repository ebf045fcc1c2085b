/*
 * Candidate input sizes evaluated side by side: one lane per candidate, the
 * sizes of every lane held in typed arrays so that a layer is one loop over
 * the lanes instead of one engine run per size.
 *
 * Two layouts. `axes`: lane i is the i-th candidate width on the width array
 * and the i-th candidate height on the height array — two unrelated
 * candidates, valid when no layer couples the axes (then the valid inputs are
 * every valid width with every valid height). `pairs`: lane i is one (W, H)
 * input, for networks where the axes interact.
 */

/** Why a lane stopped being valid, per axis; ROUNDED marks a layer that had to round (valid, not exact). */
export const FAILED_W = 1;
export const FAILED_H = 2;
export const ROUNDED_W = 4;
export const ROUNDED_H = 8;
export const FAILED_BOTH = FAILED_W | FAILED_H;

export type LaneLayout = 'axes' | 'pairs';

/** The volume in every lane: NaN on an axis means nothing flows there any more (an error upstream). */
export interface LaneFlow {
    readonly w: Float64Array;
    readonly h: Float64Array;
    /** In `axes` layout one value repeated (NaN: it depends on the size, which only `pairs` can follow). */
    readonly d: Float64Array;
}

/**
 * Thrown in `axes` layout when a layer makes one axis depend on the other (an
 * `in.w` in a height, a broadcast that hinges on both, a depth that is W·H·D):
 * the candidates must then be evaluated as pairs.
 */
export class AxesCoupled extends Error {
    constructor(readonly reason: string) {
        super(`width and height interact: ${reason}`);
    }
}

export const failBit = (axis: 0 | 1) => (axis === 0 ? FAILED_W : FAILED_H);
export const roundBit = (axis: 0 | 1) => (axis === 0 ? ROUNDED_W : ROUNDED_H);

export function axisOf(flow: { readonly w: Float64Array; readonly h: Float64Array }, axis: 0 | 1): Float64Array {
    return axis === 0 ? flow.w : flow.h;
}

export function copyFlow(flow: LaneFlow): { w: Float64Array; h: Float64Array; d: Float64Array } {
    return { w: flow.w.slice(), h: flow.h.slice(), d: flow.d.slice() };
}

/** The marks of every lane and the layout they are read in. */
export class LaneMarks {
    readonly marks: Uint8Array;
    constructor(
        readonly layout: LaneLayout,
        readonly count: number
    ) {
        this.marks = new Uint8Array(count);
    }

    /** Lane i can still be valid on this axis: something flows there and nothing failed. */
    open(flow: { readonly w: Float64Array; readonly h: Float64Array }, axis: 0 | 1, i: number): boolean {
        const bits = this.layout === 'axes' ? failBit(axis) : FAILED_BOTH;
        return !Number.isNaN(axisOf(flow, axis)[i]) && (this.marks[i] & bits) === 0;
    }

    /** Some lane can still be valid (on both axes in `axes` layout, where they are independent lists). */
    anyOpen(flow: LaneFlow): boolean {
        const open = (axis: 0 | 1) => {
            for (let i = 0; i < this.count; i++) if (this.open(flow, axis, i)) return true;
            return false;
        };
        return open(0) && open(1);
    }

    /**
     * An error on one axis of lane i. In `axes` layout it condemns that axis's
     * candidate only; in `pairs` the input. `kill` also stops the flow there,
     * as the engine does after `kernel-too-large` or a mismatch.
     */
    fail(out: { w: Float64Array; h: Float64Array }, axis: 0 | 1, i: number, kill: boolean): void {
        if (this.layout === 'axes') {
            this.marks[i] |= failBit(axis);
            if (kill) (axis === 0 ? out.w : out.h)[i] = NaN;
        } else {
            this.marks[i] |= FAILED_BOTH;
            if (kill) out.w[i] = out.h[i] = NaN;
        }
    }

    /** An error that does not belong to one axis (a depth, a count): every lane where something flows. */
    failLane(out: { w: Float64Array; h: Float64Array }, i: number, kill: boolean): void {
        for (const axis of [0, 1] as const) {
            if (!Number.isNaN(axisOf(out, axis)[i])) this.fail(out, axis, i, kill);
        }
    }

    /** The same error for every lane (a bad value, an unknown block): nothing is valid past here. */
    failAll(out: { w: Float64Array; h: Float64Array }, kill: boolean): void {
        for (let i = 0; i < this.count; i++) this.failLane(out, i, kill);
    }

    rounded(axis: 0 | 1, i: number): void {
        this.marks[i] |= this.layout === 'axes' ? roundBit(axis) : ROUNDED_W | ROUNDED_H;
    }
}

/**
 * The one value `values` has on the lanes that can still be valid, or
 * undefined when they disagree (NaN when no lane is open).
 */
export function uniformValue(values: Float64Array, isOpen: (i: number) => boolean): number | undefined {
    let found = NaN;
    for (let i = 0; i < values.length; i++) {
        if (!isOpen(i)) continue;
        if (Number.isNaN(found)) found = values[i];
        else if (values[i] !== found) return undefined;
    }
    return found;
}
