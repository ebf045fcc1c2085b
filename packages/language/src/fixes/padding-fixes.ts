import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isPadOption, isRoundingFlag, type Conv, type DwConv, type Pool } from '../generated/ast.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { formatVolume } from '../inference/model.js';
import { insertAfter, isWindowLayer, replaceNode, sizeText, statementAt, type ConvFix } from './fix.js';

interface NonIntegerData {
    axis: 'w' | 'h';
    square: boolean;
    pool: boolean;
    input: [number, number];
    pads: [number, number];
    sizes: [number, number];
    effectiveKernel: number;
    stride: number;
    paddingBelow?: number;
    paddingAbove?: number;
}

type WindowNode = Conv | DwConv | Pool;

/** Replaces the layer's `pad …` option, or appends one. */
function setPadding(node: WindowNode, text: string) {
    const existing = node.options.find(isPadOption);
    return existing ? replaceNode(existing, text) : insertAfter(node, ` ${text}`);
}

/**
 * Fixes for `non-integer-output`, from what the engine computed: the nearest
 * valid paddings below and above, Keras's `same`, and PyTorch's `floor`.
 */
export function nonIntegerOutputFixes(document: LangiumDocument, diagnostic: Diagnostic, analysis: DocumentAnalysis): ConvFix[] {
    const node = statementAt(document, diagnostic.range);
    const data = diagnostic.data as NonIntegerData | undefined;
    if (!isWindowLayer(node) || !data?.input) return [];
    const instance = analysis.instancesByNode.get(node)?.find(i => i.invalid && i.input?.volume.w === data.input[0] && i.input?.volume.h === data.input[1]);
    const depth = instance?.output?.volume.d;
    const a = data.axis === 'w' ? 0 : 1;
    const volume = (w: number, h: number) => (depth === undefined ? `${w}×${h}` : formatVolume({ w, h, d: depth }));
    const fixes: ConvFix[] = [];

    const paddings = [data.paddingBelow, data.paddingAbove].filter((p): p is number => p !== undefined);
    const current = data.pads[a];
    // The smallest change is the most likely intent; on a tie, more padding keeps more of the input's size.
    const preferred = [...paddings].sort((p, q) => Math.abs(p - current) - Math.abs(q - current) || q - p)[0];
    for (const p of paddings) {
        const size = (data.input[a] + 2 * p - data.effectiveKernel) / data.stride + 1;
        const pads: [number, number] = data.square ? [p, p] : a === 0 ? [p, data.pads[1]] : [data.pads[0], p];
        const sizes: [number, number] = data.square ? [size, size] : a === 0 ? [size, data.sizes[1]] : [data.sizes[0], size];
        const edit = setPadding(node, `pad ${sizeText(pads[0], pads[1])}`);
        if (edit) {
            fixes.push({
                title: `Set padding to ${sizeText(pads[0], pads[1])} → ${volume(sizes[0], sizes[1])}`,
                kind: 'quickfix', isPreferred: p === preferred, edits: [edit], diagnostic
            });
        }
    }

    const sameSizes = data.input.map(w => Math.ceil(w / data.stride));
    const same = setPadding(node, 'pad same');
    if (same) {
        fixes.push({
            title: `Use pad same (Keras) → ${volume(sameSizes[0], sameSizes[1])}`,
            kind: 'quickfix', isPreferred: false, edits: [same], diagnostic
        });
    }

    if (!node.options.some(isRoundingFlag)) {
        const floor = insertAfter(node, ' floor');
        if (floor) {
            fixes.push({
                title: `Round down like PyTorch (floor) → ${volume(data.sizes[0], data.sizes[1])}`,
                kind: 'quickfix', isPreferred: preferred === undefined, edits: [floor], diagnostic
            });
        }
    }
    return fixes;
}
