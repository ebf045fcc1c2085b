import type { NetworkAnalysis } from '../inference/model.js';

/** The element types `--dtype` accepts and the bytes one value takes (PyTorch's `element_size()`). */
export const DTYPE_BYTES = { float32: 4, float16: 2, bfloat16: 2, int8: 1 } as const;
export type Dtype = keyof typeof DTYPE_BYTES;
export const DTYPES = Object.keys(DTYPE_BYTES) as Dtype[];

/** What the memory lines assume: how many samples go through at once, and how each value is stored. */
export interface MemoryOptions {
    readonly batch: number;
    readonly dtype: Dtype;
}

export const DEFAULT_MEMORY: MemoryOptions = { batch: 1, dtype: 'float32' };

/**
 * torchinfo's four memory lines, in bytes (null when a size is unknown or past 2^53).
 * The rules are torchinfo's `ModelStatistics` (torchinfo/model_statistics.py):
 * - input: the input tensor, batch included;
 * - forward/backward pass: the output of every leaf layer that has parameters,
 *   counted twice (the activation kept for the backward pass and its gradient);
 *   layers without parameters (activations, pooling, dropout) are not counted;
 * - params: every parameter once;
 * - total: the sum of the three.
 * torchinfo measures the input with `sys.getsizeof` of the tensor's storage,
 * which adds the Python object's own few dozen bytes; this counts the data only.
 */
export interface MemoryFigures {
    readonly batch: number;
    readonly dtype: Dtype;
    readonly bytesPerValue: number;
    readonly inputBytes: number | null;
    readonly forwardBackwardBytes: number | null;
    readonly paramsBytes: number | null;
    readonly totalBytes: number | null;
}

const known = (n: number) => (Number.isFinite(n) && n <= Number.MAX_SAFE_INTEGER ? n : null);

/** Σ W·H·D over the outputs of the layers with parameters; NaN when one of them has no known output. */
function outputsOfLayersWithParams(network: NetworkAnalysis): number {
    let values = 0;
    for (const layer of network.layers) {
        if (!(layer.params > 0)) continue;
        if (!layer.output) return NaN;
        const { w, h, d } = layer.output.volume;
        values += w * h * d;
    }
    return values;
}

export function memoryFigures(network: NetworkAnalysis, options: MemoryOptions): MemoryFigures {
    const bytes = DTYPE_BYTES[options.dtype];
    const input = network.input ? options.batch * network.input.w * network.input.h * network.input.d * bytes : NaN;
    const forwardBackward = 2 * options.batch * outputsOfLayersWithParams(network) * bytes;
    const params = network.params * bytes;
    return {
        batch: options.batch,
        dtype: options.dtype,
        bytesPerValue: bytes,
        inputBytes: known(input),
        forwardBackwardBytes: known(forwardBackward),
        paramsBytes: known(params),
        totalBytes: known(input + forwardBackward + params)
    };
}
