import type { AstNode, LangiumDocument } from 'langium';
import { toNumber } from '../inference/fraction.js';
import type { DocumentAnalysis, LayerInstance, NetworkAnalysis, Volume } from '../inference/model.js';
import { displayPath, fileDiagnostics, type FileDiagnostic } from './diagnostics.js';

/** One row of `summary --format json`, spec §8. */
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
    /** Nesting under block calls, concat branches, residuals and repeats (for indented tables). */
    readonly depth: number;
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
}

export interface FileSummary {
    readonly file: string;
    readonly networks: NetworkSummary[];
    readonly diagnostics: Omit<FileDiagnostic, 'file'>[];
}

const vol = (v: Volume | undefined) => (v ? [v.w, v.h, v.d] : null);
const num = (n: number) => (Number.isNaN(n) ? null : n);

function structuralDepth(instance: LayerInstance): number {
    let depth = instance.callPath.length;
    for (let n: AstNode | undefined = instance.node.$container; n; n = n.$container) {
        if (['Branch', 'Residual', 'Repeat'].includes(n.$type)) depth++;
    }
    return depth;
}

function layerSummary(i: LayerInstance): LayerSummary {
    return {
        line: (i.node.$cstNode?.range.start.line ?? 0) + 1,
        op: i.op,
        label: i.label ?? null,
        input: vol(i.input?.volume),
        output: vol(i.output?.volume),
        exact: i.exact ? i.exact.map(toNumber) : null,
        params: num(i.params),
        macs: num(i.macs),
        rf: i.output ? i.output.rf[0] : null,
        jump: i.output ? i.output.jump[0] : null,
        depth: structuralDepth(i)
    };
}

function networkSummary(n: NetworkAnalysis): NetworkSummary {
    return {
        name: n.name,
        input: vol(n.input),
        output: vol(n.output),
        params: num(n.params),
        macs: num(n.macs),
        activations: num(n.activations),
        activationBytes: num(n.activations * 4),
        paramBytes: num(n.params * 4),
        layers: n.instances.filter(i => !i.structural).map(layerSummary)
    };
}

export function fileSummary(document: LangiumDocument, analysis: DocumentAnalysis, networkName?: string): FileSummary {
    const networks = analysis.networks.filter(n => networkName === undefined || n.name === networkName);
    return {
        file: displayPath(document.uri.fsPath),
        networks: networks.map(networkSummary),
        diagnostics: fileDiagnostics(document).map(({ file: _file, ...rest }) => rest)
    };
}
