import { add, mul } from './checked.js';
import type { AxisPair } from './model.js';

/**
 * A parameter count as the product of its factors plus the biases: the
 * number and its worked arithmetic (`3·3·192·96 + 96`) come from one place.
 */
export interface ParameterTerms {
    readonly factors: readonly number[];
    readonly bias: number;
}

export function parameterCount(terms: ParameterTerms): number {
    return add('parameter count', mul('parameter count', ...terms.factors), terms.bias);
}

/** A (grouped) convolution: each of the K filters is Fw·Fh·(D1/G), plus K biases. */
export function convParameters(
    kernel: AxisPair<number>,
    inputDepth: number,
    filters: number,
    groups: number,
    bias: boolean
): ParameterTerms {
    return { factors: [kernel[0], kernel[1], inputDepth / groups, filters], bias: bias ? filters : 0 };
}

/** PyTorch's ConvTranspose2d weight is D1 × (K/G) × Fh × Fw, plus K biases. */
export function deconvParameters(
    kernel: AxisPair<number>,
    inputDepth: number,
    filters: number,
    groups: number,
    bias: boolean
): ParameterTerms {
    return { factors: [kernel[0], kernel[1], inputDepth, filters / groups], bias: bias ? filters : 0 };
}

export function denseParameters(inputs: number, units: number, bias: boolean): ParameterTerms {
    return { factors: [inputs, units], bias: bias ? units : 0 };
}

/** Batch norm learns a scale and a shift per channel; running statistics are buffers, not parameters. */
export function batchNormParameters(depth: number): ParameterTerms {
    return { factors: [2, depth], bias: 0 };
}
