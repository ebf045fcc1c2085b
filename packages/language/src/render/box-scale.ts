import type { Volume } from '../inference/model.js';

/*
 * How big a layer's box is drawn. A CNN's sizes span three orders of
 * magnitude (a 224×224×3 input, a 7×7×512 stage, a 1×1×4096 dense layer), so
 * every axis is drawn on a logarithmic scale, as NN-SVG and PlotNeuralNet
 * do: halving W halves nothing on the page but takes one fixed step off the
 * box, and a pyramid of 224 → 112 → 56 → 28 → 14 → 7 becomes six equal
 * steps. Both ends are clamped, so a 1×1 layer stays a visible box and a
 * 4096-wide one does not swallow the page.
 *
 * Pure arithmetic, no SVG: the renderer and the tests both use it.
 */

/** A logarithmic map from sizes [lo, hi] onto lengths [min, max] (pixels), clamped outside. */
export interface LogScale {
    readonly lo: number;
    readonly hi: number;
    readonly min: number;
    readonly max: number;
}

/** W and H → the front face's width and height: 1 → 8 px, 1024 and beyond → 112 px (10.4 px per halving). */
export const SPATIAL_SCALE: LogScale = { lo: 1, hi: 1024, min: 8, max: 112 };

/** D → the length of the slanted depth edge: 1 → 3 px, 4096 and beyond → 60 px (4.75 px per doubling). */
export const DEPTH_SCALE: LogScale = { lo: 1, hi: 4096, min: 3, max: 60 };

/**
 * The depth edge is drawn receding up and to the right (an oblique
 * projection at about 32°), the way a box is sketched on paper.
 */
const SLANT_X = 0.72;
const SLANT_Y = 0.45;

/**
 * The length for `n` on `scale`. Anything that is not a size above `lo`
 * (0, a negative, NaN) gets `min`, so a damaged volume can never put NaN
 * or a negative length into the picture.
 */
export function logScale(n: number, scale: LogScale): number {
    if (!(n > scale.lo)) return scale.min;
    if (n >= scale.hi) return scale.max;
    return scale.min + ((scale.max - scale.min) * Math.log(n / scale.lo)) / Math.log(scale.hi / scale.lo);
}

/** A layer's box: front face `fw`×`fh`, and the depth edge's horizontal and vertical run. */
export interface BoxSize {
    readonly fw: number;
    readonly fh: number;
    readonly dx: number;
    readonly dy: number;
}

export function boxSize(v: Volume): BoxSize {
    const depth = logScale(v.d, DEPTH_SCALE);
    return { fw: logScale(v.w, SPATIAL_SCALE), fh: logScale(v.h, SPATIAL_SCALE), dx: depth * SLANT_X, dy: depth * SLANT_Y };
}

/** A volume the engine computed: three finite sizes of at least 1 (anything else is drawn as the neutral box). */
export function isDrawable(v: Volume | undefined): v is Volume {
    return !!v && [v.w, v.h, v.d].every(n => Number.isFinite(n) && n >= 1);
}

/**
 * Where a box sits around the flow line, which runs through the middle of
 * its front face: `left` of the line, `right` of it (the front face's other
 * half and the slant), and its `height`.
 */
export function boxExtent(b: BoxSize): { left: number; right: number; height: number } {
    return { left: b.fw / 2, right: b.fw / 2 + b.dx, height: b.fh + b.dy };
}

/**
 * How far below the box's top the flow line first meets it: 0 when the top
 * face covers the middle of the front face, else the point on the top face's
 * left edge (a narrow face with a long slant, e.g. a 1×1×4096 dense layer),
 * so an incoming arrow ends on the box and never in the air above it.
 */
export function entryDepth(b: BoxSize): number {
    if (b.dx <= b.fw / 2) return 0;
    return b.dy * (1 - b.fw / 2 / b.dx);
}
