import type { LangiumDocument } from 'langium';
import { documentDiagnostics } from '../diagnostics/document-diagnostics.js';
import { toNumber } from '../inference/fraction.js';
import { countOrNull, volumeArray, type DocumentAnalysis, type NetworkAnalysis } from '../inference/model.js';
import { nestedLayers, type NestedLayer } from '../inference/tree.js';
import { float32Bytes } from '../presentation/numbers.js';
import { DEFAULT_MEMORY, memoryFigures, type MemoryOptions } from './memory.js';
import { summaryTree } from './summary-tree.js';
import type { FileSummary, LayerSummary, NetworkSummary } from './summary-types.js';

export type { FileSummary, LayerSummary, NetworkSummary };

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
