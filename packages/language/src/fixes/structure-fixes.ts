import { AstUtils, CstUtils } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { isConcat, isPadOption, type Branch, type Concat, type Residual } from '../generated/ast.js';
import { isInteger } from '../inference/fraction.js';
import type { IssuePayloads } from '../inference/issues.js';
import type { AxisPair, DocumentAnalysis } from '../inference/model.js';
import { maxPoolPadding, paddingForOutput, windowAxis } from '../inference/spatial.js';
import { insertAfter, isWindowLayer, type ConvFix } from './fix.js';

/** `residual-mismatch`: a 1×1 projection shortcut that yields the body's volume. */
export function residualFixes(node: Residual, data: IssuePayloads['residual-mismatch']): ConvFix[] {
    const { body, input, rounding } = data;
    const inputs = [input.w, input.h] as const;
    const wanted = [body.w, body.h] as const;
    // The 1×1 projection is a window like any other: the engine's own rule, under the network's rounding.
    const s = [0, 1].map(a => {
        const candidate = Math.max(1, Math.round(inputs[a] / wanted[a]));
        const r = windowAxis({ input: inputs[a], kernel: 1, stride: candidate, dilation: 1, pad: 0 }, rounding);
        return r.size === wanted[a] && (isInteger(r.exact) || rounding !== 'strict') ? candidate : undefined;
    });
    if (s[0] === undefined || s[1] === undefined) return [];
    const strideText = s[0] === 1 && s[1] === 1 ? '' : ` stride ${s[0] === s[1] ? s[0] : `${s[0]}x${s[1]}`}`;
    const projection = `conv ${body.d} 1x1${strideText}`;
    const edit = replaceShortcut(node, `shortcut { ${projection} }`);
    return edit
        ? [
              {
                  title: `Add a projection shortcut: ${projection} → ${body.w}×${body.h}×${body.d}`,
                  kind: 'quickfix',
                  isPreferred: true,
                  edits: [edit]
              }
          ]
        : [];
}

function replaceShortcut(node: Residual, text: string): TextEdit | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    if (!node.shortcut) return insertAfter(node, ` ${text}`);
    // Replace from the `shortcut` keyword to the end of the residual.
    const keyword = CstUtils.streamCst(cst).find(c => c.text === 'shortcut' && c.astNode === node);
    return keyword ? { range: { start: keyword.range.start, end: cst.range.end }, newText: text } : undefined;
}

/** The padding edit that makes a branch's last sliding window produce `target` (W×H), if one exists. */
function padBranchTo(
    branch: Branch,
    target: AxisPair<number>,
    current: AxisPair<number>,
    analysis: DocumentAnalysis
): TextEdit | undefined {
    const windows = branch.statements.filter(isWindowLayer);
    const last = windows[windows.length - 1];
    if (!last) return undefined;
    // The evaluation of that window which gave the branch its size (nothing after it resizes).
    const instance = analysis.instancesByNode
        .get(last)
        ?.find(i => i.kind === 'layer' && i.axes && i.output && i.output.volume.w === current[0] && i.output.volume.h === current[1]);
    const axes = instance?.kind === 'layer' ? instance.axes : undefined;
    if (!axes) return undefined;
    const pads = axes.map((r, a) => {
        const pad = paddingForOutput(r.input, r.effectiveKernel, r.stride, target[a]);
        const cap = last.$type === 'Pool' ? maxPoolPadding(r.kernel) : Infinity;
        return pad !== undefined && pad <= cap ? pad : undefined;
    });
    if (pads[0] === undefined || pads[1] === undefined) return undefined;
    const text = `pad ${pads[0] === pads[1] ? pads[0] : `${pads[0]}x${pads[1]}`}`;
    const existing = last.options.find(isPadOption);
    const range = existing?.$cstNode?.range;
    return range ? { range, newText: text } : insertAfter(last, ` ${text}`);
}

/**
 * `concat-mismatch`: re-pad the last sliding window of the branches that
 * disagree. Every branch's size is tried as the target: the concat's input
 * size first (inception branches keep the resolution), then the one needing
 * the fewest edits (on a tie, the larger: padding keeps pixels).
 */
export function concatFixes(branch: Branch, data: IssuePayloads['concat-mismatch'], analysis: DocumentAnalysis): ConvFix[] {
    const node: Concat | undefined = AstUtils.getContainerOfType(branch, isConcat);
    const { sizes, input } = data;
    if (!node || sizes.length !== node.branches.length) return [];
    const keepsInput = (t: AxisPair<number>) => (t[0] === input.w && t[1] === input.h ? 0 : 1);
    const targets = [...new Map(sizes.map(s => [`${s[0]}x${s[1]}`, s])).values()]
        .map(target => ({ target, changes: sizes.filter(s => s[0] !== target[0] || s[1] !== target[1]).length }))
        .sort(
            (a, b) =>
                keepsInput(a.target) - keepsInput(b.target) ||
                a.changes - b.changes ||
                b.target[0] * b.target[1] - a.target[0] * a.target[1]
        );
    for (const { target } of targets) {
        const edits: TextEdit[] = [];
        const changed: string[] = [];
        const ok = sizes.every((size, b) => {
            if (size[0] === target[0] && size[1] === target[1]) return true;
            const edit = padBranchTo(node.branches[b], target, size, analysis);
            if (edit) {
                edits.push(edit);
                changed.push(`branch ${b + 1} ${edit.newText.trim()}`);
            }
            return edit !== undefined;
        });
        if (ok && edits.length > 0) {
            return [
                {
                    title: `Align the concat at ${target[0]}×${target[1]}: ${changed.join(', ')}`,
                    kind: 'quickfix',
                    isPreferred: true,
                    edits
                }
            ];
        }
    }
    return [];
}
