import { ceilOf, floorOf, fraction, isInteger, type Fraction } from './fraction.js';

/** How a non-integer output size is resolved: `strict` refuses it. */
export type Rounding = 'strict' | 'floor' | 'ceil';

/** A sliding window is a convolution's filter (conv, dwconv) or a pooling window. */
export type WindowKind = 'conv' | 'pool';

/** One axis of a sliding window (conv, dwconv, maxpool, avgpool). */
export interface WindowAxisSpec {
    readonly input: number;
    readonly kernel: number;
    readonly stride: number;
    readonly dilation: number;
    /** A number for explicit symmetric padding; `same` for the Keras rule. */
    readonly pad: number | 'same';
}

export interface WindowAxisResult {
    readonly input: number;
    readonly kernel: number;
    readonly effectiveKernel: number;
    readonly stride: number;
    readonly dilation: number;
    readonly padLow: number;
    readonly padHigh: number;
    readonly same: boolean;
    /** `(W + 2P − Fe)/S + 1` before any rounding. */
    readonly exact: Fraction;
    /** The size after rounding; may be ≤ 0, which the caller reports. */
    readonly size: number;
    /** How `size` was obtained from `exact`. */
    readonly resolvedBy: 'exact' | 'floor' | 'ceil' | 'same';
    /** PyTorch's ceil-mode rule dropped a last window that would start in the right padding. */
    readonly lastWindowDropped: boolean;
}

export function effectiveKernel(kernel: number, dilation: number): number {
    return dilation * (kernel - 1) + 1;
}

/**
 * The spec's §5 for one axis. Rounding is applied only when `exact` is not an
 * integer; in strict mode the floor is still returned as `size` so later
 * layers keep a shape (the caller raises `non-integer-output`).
 */
export function windowAxis(spec: WindowAxisSpec, rounding: Rounding): WindowAxisResult {
    const { input, kernel, stride, dilation } = spec;
    const fe = effectiveKernel(kernel, dilation);
    if (spec.pad === 'same') {
        // Keras/TensorFlow `same`: the output only depends on the stride; the
        // total padding needed is split low = ⌊total/2⌋, high = the rest.
        const size = Math.ceil(input / stride);
        const total = Math.max((size - 1) * stride + fe - input, 0);
        const padLow = Math.floor(total / 2);
        return {
            input,
            kernel,
            effectiveKernel: fe,
            stride,
            dilation,
            padLow,
            padHigh: total - padLow,
            same: true,
            exact: fraction(input + total - fe + stride, stride),
            size,
            resolvedBy: 'same',
            lastWindowDropped: false
        };
    }
    const pad = spec.pad;
    const exact = fraction(input + 2 * pad - fe + stride, stride);
    // One literal, not `{ ...base, size, … }`: Node 20 copies such a spread on a slow path (engine.ts).
    const result = (size: number, resolvedBy: WindowAxisResult['resolvedBy'], lastWindowDropped: boolean): WindowAxisResult => ({
        input,
        kernel,
        effectiveKernel: fe,
        stride,
        dilation,
        padLow: pad,
        padHigh: pad,
        same: false,
        exact,
        size,
        resolvedBy,
        lastWindowDropped
    });
    if (isInteger(exact)) return result(exact.num, 'exact', false);
    if (rounding !== 'ceil') return result(floorOf(exact), 'floor', false);
    // PyTorch (pooling_output_shape): with ceil_mode the last window must start
    // inside the input or its left padding, else it is dropped.
    let size = ceilOf(exact);
    const lastWindowDropped = (size - 1) * stride >= input + pad;
    if (lastWindowDropped) size -= 1;
    return result(size, 'ceil', lastWindowDropped);
}

/** Output size of a transposed convolution on one axis (PyTorch's ConvTranspose2d). */
export function transposedAxis(input: number, kernel: number, stride: number, pad: number, dilation: number, outpad: number): number {
    return (input - 1) * stride - 2 * pad + dilation * (kernel - 1) + outpad + 1;
}

/** PyTorch's pools: "pad should be at most half of kernel size" — the kernel, not the dilated one. */
export function maxPoolPadding(kernel: number): number {
    return Math.floor(kernel / 2);
}

/**
 * The symmetric padding that makes a window produce exactly `target` outputs
 * (the window formula solved for P), or undefined when no whole padding does.
 */
export function paddingForOutput(input: number, effectiveKernel: number, stride: number, target: number): number | undefined {
    const twice = (target - 1) * stride - input + effectiveKernel;
    return twice >= 0 && twice % 2 === 0 ? twice / 2 : undefined;
}

export interface PaddingChoices {
    readonly below?: number;
    readonly above?: number;
}

/*
 * The searches below solve a congruence instead of trying values one by one:
 * an axis tiles when span = W + 2P − Fe ≥ 0 and span ≡ 0 (mod S), and a
 * stride of 2^53 would otherwise mean 2^53 tries (0.1 hung on it). BigInt,
 * because the products of two sizes pass 2^53.
 */

const big = (n: number) => BigInt(n);
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

/**
 * The members of the class x ≡ residue (mod modulus) in [low, high] nearest
 * to `pivot`: the largest one below it and the smallest one above it.
 */
function nearestInClass(residue: bigint, modulus: bigint, low: bigint, high: bigint, pivot: bigint): PaddingChoices {
    const top = pivot - 1n < high ? pivot - 1n : high;
    const bottom = pivot + 1n > low ? pivot + 1n : low;
    const below = top - mod(top - residue, modulus);
    const above = bottom + mod(residue - bottom, modulus);
    const inRange = (x: bigint) => (x >= low && x <= high && x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : undefined);
    return { below: inRange(below), above: inRange(above) };
}

/**
 * The nearest paddings below and above `current` that make the axis tile.
 * `maxPad` bounds the search (PyTorch's ⌊F/2⌋ for pools). 2P ≡ Fe − W
 * (mod S): with S odd, P ≡ (Fe − W)·(S + 1)/2 (mod S); with S even, Fe − W
 * must be even (2P is) and P ≡ (Fe − W)/2 (mod S/2).
 */
export function nearestValidPadding(input: number, fe: number, stride: number, current: number, maxPad = Infinity): PaddingChoices {
    if (!paddingCanTile(input, fe, stride)) return {};
    const s = big(stride);
    const r = mod(big(fe) - big(input), s);
    const modulus = s % 2n === 1n ? s : s / 2n;
    const residue = s % 2n === 1n ? mod(r * ((s + 1n) / 2n), s) : mod(r / 2n, modulus);
    // span ≥ 0: 2P ≥ Fe − W
    const low = fe > input ? (big(fe) - big(input) + 1n) / 2n : 0n;
    const high = maxPad === Infinity ? BigInt(Number.MAX_SAFE_INTEGER) : big(maxPad);
    return nearestInClass(residue, modulus, low, high, big(current));
}

/** 2P is even: with an even stride, `input − Fe` must be even too. */
export function paddingCanTile(input: number, fe: number, stride: number): boolean {
    return stride % 2 === 1 || (input - fe) % 2 === 0;
}

/** Input sizes nearest to `input` (below and above) that tile with this window: W ≡ Fe − 2P (mod S), W ≥ max(1, Fe − 2P). */
export function nearestTilingInputs(input: number, fe: number, stride: number, pad: number): PaddingChoices {
    const needed = big(fe) - 2n * big(pad);
    const low = needed > 1n ? needed : 1n;
    return nearestInClass(mod(needed, big(stride)), big(stride), low, BigInt(Number.MAX_SAFE_INTEGER), big(input));
}
