import type { LangiumDocument } from 'langium';
import { documentDiagnostics, type ConvDiagnostic } from '../diagnostics/document-diagnostics.js';
import { toNumber } from '../inference/fraction.js';
import { countOrNull, volumeArray, type DocumentAnalysis, type NetworkAnalysis } from '../inference/model.js';
import { nestedLayers, type NestedLayer } from '../inference/tree.js';
import { float32Bytes } from '../presentation/numbers.js';
import { DEFAULT_MEMORY, memoryFigures, type MemoryFigures, type MemoryOptions } from './memory.js';
import { summaryTree, type SummaryNode } from './summary-tree.js';

/** One row of `summary --format json`: a layer (a leaf of the tree), in execution order. */
export interface LayerSummary {
    readonly line: number;
    readonly op: string;
    readonly label: string | null;
    readonly input: number[] | null;
    readonly output: number[] | null;
    readonly exact: number[] | null;
    readonly params: number | null;
    readonly macs: number | null;
    /** Receptive field and jump along the width (the hover shows both axes). */
    readonly rf: number | null;
    readonly jump: number | null;
    /** For references (`concat with`, `add`, `multiply L`, `route`): the labels read, in order; null otherwise. */
    readonly sources: string[] | null;
    /** Nesting under block calls, concat branches, residuals and repeats (for indented tables; not in the JSON). */
    readonly depth: number;
    /** The window, `3×3`, for the `kernel` column of the tables (not in the JSON). */
    readonly kernel: string | null;
}

export interface NetworkSummary {
    readonly name: string;
    readonly input: number[] | null;
    readonly output: number[] | null;
    readonly params: number | null;
    readonly macs: number | null;
    /** Σ W·H·D of every layer's output, and the same as float32 bytes. */
    readonly activations: number | null;
    readonly activationBytes: number | null;
    readonly paramBytes: number | null;
    readonly layers: LayerSummary[];
    /** The structure (block calls, repeats, concat, residual, …) with subtotals; leaves point into `layers`. */
    readonly tree: SummaryNode[];
    /** torchinfo's memory lines for the chosen batch and element type. */
    readonly memory: MemoryFigures;
}

export interface FileSummary {
    readonly file: string;
    readonly networks: NetworkSummary[];
    readonly diagnostics: ConvDiagnostic[];
}

/** The window of a sliding-window layer, width first: what torchinfo's "Kernel Shape" shows. */
function kernelOf(layer: NestedLayer['layer']): string | null {
    const hyper = layer.hyper;
    if (!hyper || !('kernel' in hyper)) return null;
    return `${hyper.kernel[0]}×${hyper.kernel[1]}`;
}

function layerSummary({ layer, depth }: NestedLayer): LayerSummary {
    return {
        line: (layer.node.$cstNode?.range.start.line ?? 0) + 1,
        op: layer.op,
        label: layer.label ?? null,
        input: volumeArray(layer.input?.volume),
        output: volumeArray(layer.output?.volume),
        exact: layer.exact ? layer.exact.map(toNumber) : null,
        params: countOrNull(layer.params),
        macs: countOrNull(layer.macs),
        rf: layer.output ? layer.output.rf[0] : null,
        jump: layer.output ? layer.output.jump[0] : null,
        sources: layer.sources ? layer.sources.map(s => s.label) : null,
        depth,
        kernel: kernelOf(layer)
    };
}

function networkSummary(n: NetworkAnalysis, memory: MemoryOptions): NetworkSummary {
    return {
        name: n.name,
        input: volumeArray(n.input),
        output: volumeArray(n.output),
        params: countOrNull(n.params),
        macs: countOrNull(n.macs),
        activations: countOrNull(n.activations),
        activationBytes: countOrNull(float32Bytes(n.activations)),
        paramBytes: countOrNull(float32Bytes(n.params)),
        layers: nestedLayers(n.body).map(layerSummary),
        tree: summaryTree(n.body),
        memory: memoryFigures(n, memory)
    };
}

/**
 * The model behind `convspec summary` (every format) and its JSON, the
 * contract's §8: one entry per network, its layers in execution order.
 * `file` is the name to show for the document.
 */
export function fileSummary(
    file: string,
    document: LangiumDocument,
    analysis: DocumentAnalysis,
    networkName?: string,
    memory: MemoryOptions = DEFAULT_MEMORY
): FileSummary {
    const networks = analysis.networks.filter(n => networkName === undefined || n.name === networkName);
    return { file, networks: networks.map(n => networkSummary(n, memory)), diagnostics: documentDiagnostics(document) };
}
