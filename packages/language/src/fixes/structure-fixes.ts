import type { LangiumDocument } from 'langium';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { isConcat, isPadOption, isResidual, type Branch, type Concat, type LayerOption, type Residual } from '../generated/ast.js';
import type { DocumentAnalysis, Volume } from '../inference/model.js';
import { isInteger } from '../inference/fraction.js';
import { windowAxis, type Rounding } from '../inference/spatial.js';
import { insertAfter, isWindowLayer, statementAt, type ConvFix } from './fix.js';
import { AstUtils, CstUtils } from 'langium';

/** `residual-mismatch`: a 1×1 projection shortcut that yields the body's volume. */
export function residualFixes(document: LangiumDocument, diagnostic: Diagnostic): ConvFix[] {
    const statement = statementAt(document, diagnostic.range);
    const node = statement && AstUtils.getContainerOfType(statement, isResidual);
    const data = diagnostic.data as { body?: Volume; input?: Volume; rounding?: string } | undefined;
    if (!node || !data?.body || !data.input) return [];
    const { body, input } = data;
    const stride = [input.w / body.w, input.h / body.h];
    // The 1×1 projection is a window like any other: the engine's own rule, under the network's rounding.
    const rounding = (data.rounding ?? 'strict') as Rounding;
    const s = [0, 1].map(a => {
        const want = a ? body.h : body.w;
        const candidate = Math.max(1, Math.round(stride[a]));
        const r = windowAxis({ input: a ? input.h : input.w, kernel: 1, stride: candidate, dilation: 1, pad: 0 }, rounding);
        return r.size === want && (isInteger(r.exact) || rounding !== 'strict') ? candidate : undefined;
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

/** The padding edit that makes a branch's last sliding window produce `target` (W×H), if one exists. */
function padBranchTo(branch: Branch, target: readonly [number, number], current: readonly [number, number], analysis: DocumentAnalysis): TextEdit | undefined {
    const windows = branch.statements.filter(isWindowLayer);
    const last = windows[windows.length - 1];
    const instance = last && analysis.instancesByNode.get(last)?.find(i => i.axes && i.output);
    // Only when that window is what sets the branch's size (nothing after it resizes).
    if (!instance?.axes || instance.output!.volume.w !== current[0] || instance.output!.volume.h !== current[1]) return undefined;
    const pads = instance.axes.map((r, a) => {
        const twice = (target[a] - 1) * r.stride - r.input + r.effectiveKernel;
        const pad = twice / 2;
        const poolCap = last.$type === 'Pool' ? Math.floor(r.kernel / 2) : Infinity;
        return twice >= 0 && twice % 2 === 0 && pad <= poolCap ? pad : undefined;
    });
    if (pads[0] === undefined || pads[1] === undefined) return undefined;
    const text = `pad ${pads[0] === pads[1] ? pads[0] : `${pads[0]}x${pads[1]}`}`;
    const existing = (last as { options: LayerOption[] }).options.find(isPadOption);
    return existing ? { range: existing.$cstNode!.range, newText: text } : insertAfter(last, ` ${text}`);
}

/**
 * `concat-mismatch`: re-pad the last sliding window of the branches that
 * disagree. Every branch's size is tried as the target: the concat's input
 * size first (inception branches keep the resolution), then the one needing
 * the fewest edits (on a tie, the larger: padding keeps pixels).
 */
export function concatFixes(document: LangiumDocument, diagnostic: Diagnostic, analysis: DocumentAnalysis): ConvFix[] {
    const statement = statementAt(document, diagnostic.range);
    const node: Concat | undefined = statement && AstUtils.getContainerOfType(statement, isConcat);
    const sizes = (diagnostic.data as { sizes?: [number, number][] } | undefined)?.sizes;
    if (!node || !sizes || sizes.length !== node.branches.length) return [];
    const input = analysis.instancesByNode.get(node)?.[0]?.input?.volume;
    const keepsInput = (t: [number, number]) => (input && t[0] === input.w && t[1] === input.h ? 0 : 1);
    const targets = [...new Map(sizes.map(s => [`${s[0]}x${s[1]}`, s])).values()]
        .map(target => ({ target, changes: sizes.filter(s => s[0] !== target[0] || s[1] !== target[1]).length }))
        .sort((a, b) => keepsInput(a.target) - keepsInput(b.target) || a.changes - b.changes || b.target[0] * b.target[1] - a.target[0] * a.target[1]);
    for (const { target } of targets) {
        const edits: TextEdit[] = [];
        const changed: string[] = [];
        const ok = sizes.every((size, b) => {
            if (size[0] === target[0] && size[1] === target[1]) return true;
            const edit = padBranchTo(node.branches[b], target, size, analysis);
            if (edit) { edits.push(edit); changed.push(`branch ${b + 1} ${edit.newText.trim()}`); }
            return edit !== undefined;
        });
        if (ok && edits.length > 0) {
            return [{
                title: `Align the concat at ${target[0]}×${target[1]}: ${changed.join(', ')}`,
                kind: 'quickfix', isPreferred: true, edits, diagnostic
            }];
        }
    }
    return [];
}
