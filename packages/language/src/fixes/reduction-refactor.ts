import type { LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { isGroupsOption, type Conv } from '../generated/ast.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { formatCount } from '../presentation/numbers.js';
import { statementAt, type ConvFix } from './fix.js';

/** Below this depth a 1×1 bottleneck saves too little to suggest. */
const MIN_DEPTH = 16;

/**
 * The article's central point: a 1×1 conv that squeezes the depth before an
 * F×F conv cuts its weights from F·F·D1·K to D1·R + F·F·R·K.
 */
export function reductionRefactors(document: LangiumDocument, range: Range, analysis: DocumentAnalysis): ConvFix[] {
    const node = statementAt(document, range);
    if (node?.$type !== 'Conv' || node.options.some(isGroupsOption)) return [];
    const conv = node as Conv;
    const instance = analysis.instancesByNode.get(conv)?.[0];
    const filter = instance?.filter;
    const d1 = instance?.input?.volume.d;
    const k = instance?.output?.volume.d;
    if (!filter || !d1 || !k || (filter[0] === 1 && filter[1] === 1) || d1 < MIN_DEPTH) return [];
    const [fw, fh] = filter;
    const bias = instance.params > fw * fh * d1 * k;
    const before = instance.params;
    const cst = conv.$cstNode!;
    const lineStart = { line: cst.range.start.line, character: 0 };
    const prefix = document.textDocument.getText({ start: lineStart, end: cst.range.start });
    const onOwnLine = prefix.trim() === '';
    const fixes: ConvFix[] = [];
    for (const r of [...new Set([Math.floor(d1 / 2), Math.floor(d1 / 4)])]) {
        if (r < 1) continue;
        const after = d1 * r + (bias ? r : 0) + fw * fh * r * k + (bias ? k : 0);
        const saved = before - after;
        if (saved <= 0) continue;
        const percent = Math.round((100 * saved) / before);
        const text = onOwnLine ? `conv ${r} 1x1\n${prefix}` : `conv ${r} 1x1; `;
        fixes.push({
            title: `Insert a 1×1 reduction to ${r} channels before this ${fw}×${fh} conv (−${formatCount(saved)} params, −${percent}%)`,
            kind: 'refactor.rewrite', isPreferred: false,
            edits: [{ range: { start: cst.range.start, end: cst.range.start }, newText: text }]
        });
    }
    return fixes;
}
