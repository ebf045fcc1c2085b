import type { Conv } from '../generated/ast.js';
import { isGroupsOption } from '../generated/ast.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { convParameters, parameterCount } from '../inference/parameters.js';
import { formatCount } from '../presentation/numbers.js';
import type { LangiumDocument } from 'langium';
import type { ConvFix } from './fix.js';

/** Below this depth a 1×1 bottleneck saves too little to suggest. */
const MIN_DEPTH = 16;

/**
 * The article's central point: a 1×1 conv that squeezes the depth before an
 * F×F conv cuts its weights from F·F·D1·K to D1·R + F·F·R·K.
 */
export function reductionRefactors(document: LangiumDocument, conv: Conv, analysis: DocumentAnalysis): ConvFix[] {
    if (conv.options.some(isGroupsOption)) return [];
    const instance = analysis.instancesByNode.get(conv)?.[0];
    if (instance?.kind !== 'layer' || instance.hyper?.op !== 'conv' || !instance.input || !instance.output) return [];
    const { kernel, bias } = instance.hyper;
    const d1 = instance.input.volume.d;
    const k = instance.output.volume.d;
    const cst = conv.$cstNode;
    if (!cst || (kernel[0] === 1 && kernel[1] === 1) || d1 < MIN_DEPTH) return [];
    const before = instance.params;
    const lineStart = { line: cst.range.start.line, character: 0 };
    const prefix = document.textDocument.getText({ start: lineStart, end: cst.range.start });
    const onOwnLine = prefix.trim() === '';
    const fixes: ConvFix[] = [];
    for (const r of [...new Set([Math.floor(d1 / 2), Math.floor(d1 / 4)])]) {
        if (r < 1) continue;
        const after = parameterCount(convParameters([1, 1], d1, r, 1, bias)) + parameterCount(convParameters(kernel, r, k, 1, bias));
        const saved = before - after;
        if (saved <= 0) continue;
        const percent = Math.round((100 * saved) / before);
        const text = onOwnLine ? `conv ${r} 1x1\n${prefix}` : `conv ${r} 1x1; `;
        fixes.push({
            title:
                `Insert a 1×1 reduction to ${r} channels before this ${kernel[0]}×${kernel[1]} conv ` +
                `(−${formatCount(saved)} params, −${percent}%)`,
            kind: 'refactor.rewrite',
            isPreferred: false,
            edits: [{ range: { start: cst.range.start, end: cst.range.start }, newText: text }]
        });
    }
    return fixes;
}
