import type { NetworkAnalysis } from '../inference/model.js';
import type { Dtype, MemoryFigures, MemoryOptions } from './summary-types.js';

/** The element types `--dtype` accepts and the bytes one value takes (PyTorch's `element_size()`). */
export const DTYPE_BYTES: Readonly<Record<Dtype, number>> = { float32: 4, float16: 2, bfloat16: 2, int8: 1 };
export const DTYPES = Object.keys(DTYPE_BYTES) as Dtype[];

export type { Dtype, MemoryFigures, MemoryOptions };

export const DEFAULT_MEMORY: MemoryOptions = { batch: 1, dtype: 'float32' };

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
