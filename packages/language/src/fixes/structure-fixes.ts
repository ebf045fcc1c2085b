import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isConcat, isPadOption, isResidual, type Concat, type Residual } from '../generated/ast.js';
import type { DocumentAnalysis, Volume } from '../inference/model.js';
import { insertAfter, statementAt, type ConvFix } from './fix.js';
import { AstUtils, CstUtils } from 'langium';

/** `residual-mismatch`: a 1×1 projection shortcut that yields the body's volume. */
export function residualFixes(document: LangiumDocument, diagnostic: Diagnostic): ConvFix[] {
    const statement = statementAt(document, diagnostic.range);
    const node = statement && (isResidual(statement) ? statement : AstUtils.getContainerOfType(statement, isResidual));
    const data = diagnostic.data as { body?: Volume; input?: Volume } | undefined;
    if (!node || !data?.body || !data.input) return [];
    const { body, input } = data;
    const stride = [input.w / body.w, input.h / body.h];
    // A 1×1 conv at stride S gives ⌊(W − 1)/S⌋ + 1; exact tiling needs S | W − 1.
    const s = [0, 1].map(a => {
        const want = a ? body.h : body.w;
        const from = a ? input.h : input.w;
        const candidate = Math.max(1, Math.round(stride[a]));
        return (from - 1) % candidate === 0 && (from - 1) / candidate + 1 === want ? candidate : undefined;
    });
    if (s[0] === undefined || s[1] === undefined) return [];
    const strideText = s[0] === 1 && s[1] === 1 ? '' : ` stride ${s[0] === s[1] ? s[0] : `${s[0]}x${s[1]}`}`;
    const projection = `conv ${body.d} 1x1${strideText}`;
    const edit = replaceShortcut(node, `shortcut { ${projection} }`);
    return edit ? [{
        title: `Add a projection shortcut: ${projection} → ${body.w}×${body.h}×${body.d}`,
        kind: 'quickfix', isPreferred: true, edits: [edit], diagnostic
    }] : [];
}

function replaceShortcut(node: Residual, text: string) {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    if (!node.shortcut) return insertAfter(node, ` ${text}`);
    // Replace from the `shortcut` keyword to the end of the residual.
    const keyword = CstUtils.streamCst(cst).find(c => c.text === 'shortcut' && c.astNode === node);
    return keyword ? { range: { start: keyword.range.start, end: cst.range.end }, newText: text } : undefined;
}

/** `concat-mismatch`: re-pad the last sliding window of the odd branch so its W×H matches branch 1. */
export function concatFixes(document: LangiumDocument, diagnostic: Diagnostic, analysis: DocumentAnalysis): ConvFix[] {
    const statement = statementAt(document, diagnostic.range);
    const node: Concat | undefined = statement && (isConcat(statement) ? statement : AstUtils.getContainerOfType(statement, isConcat));
    const data = diagnostic.data as { sizes?: [number, number][]; branch?: number } | undefined;
    if (!node || !data?.sizes || data.branch === undefined) return [];
    const [tw, th] = data.sizes[0];
    const branch = node.branches[data.branch];
    const windows = branch?.statements.filter(s => s.$type === 'Conv' || s.$type === 'DwConv' || s.$type === 'Pool') ?? [];
    const last = windows[windows.length - 1];
    const instance = last && analysis.instancesByNode.get(last)?.find(i => i.axes && i.output);
    const branchOut = data.sizes[data.branch];
    if (!instance?.axes || instance.output!.volume.w !== branchOut[0] || instance.output!.volume.h !== branchOut[1]) return [];
    const pads = instance.axes.map((r, a) => {
        const target = a ? th : tw;
        const twice = (target - 1) * r.stride - r.input + r.effectiveKernel;
        return twice >= 0 && twice % 2 === 0 ? twice / 2 : undefined;
    });
    if (pads[0] === undefined || pads[1] === undefined) return [];
    const text = `pad ${pads[0] === pads[1] ? pads[0] : `${pads[0]}x${pads[1]}`}`;
    const existing = (last as { options: { $type: string }[] }).options.find(isPadOption);
    const edit = existing ? { range: existing.$cstNode!.range, newText: text } : insertAfter(last, ` ${text}`);
    return edit ? [{
        title: `Pad branch ${data.branch + 1}'s ${last.$type === 'Pool' ? 'pool' : 'conv'} with ${text.slice(4)} → ${tw}×${th}`,
        kind: 'quickfix', isPreferred: true, edits: [edit], diagnostic
    }] : [];
}
