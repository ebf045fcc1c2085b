import { isPadOption, isRoundingFlag, type Conv, type DwConv, type Pool } from '../generated/ast.js';
import type { IssuePayloads } from '../inference/issues.js';
import type { AxisPair } from '../inference/model.js';
import { formatVolume } from '../inference/model.js';
import { maxPoolPadding, nearestValidPadding, windowAxis, type WindowAxisResult } from '../inference/spatial.js';
import { insertAfter, replaceNode, sizeText, type ConvFix } from './fix.js';

type WindowNode = Conv | DwConv | Pool;

/** Replaces the layer's `pad …` option, or appends one. */
function setPadding(node: WindowNode, text: string) {
    const existing = node.options.find(isPadOption);
    return existing ? replaceNode(existing, text) : insertAfter(node, ` ${text}`);
}

/** This axis's window with another padding, by the engine's own rule. */
function sizeWithPadding(r: WindowAxisResult, pad: number | 'same'): number {
    return windowAxis({ input: r.input, kernel: r.kernel, stride: r.stride, dilation: r.dilation, pad }, 'strict').size;
}

/**
 * Fixes for `non-integer-output`, from the numbers the engine reported: the
 * nearest valid paddings below and above, Keras's `same`, and PyTorch's `floor`.
 */
export function nonIntegerOutputFixes(node: WindowNode, data: IssuePayloads['non-integer-output']): ConvFix[] {
    const { axes, axis: a, square, layer, outputDepth } = data;
    const r = axes[a];
    const volume = (sizes: AxisPair<number>) => formatVolume({ w: sizes[0], h: sizes[1], d: outputDepth });
    /** Per-axis values with this axis (both, when square) replaced. */
    const withAxis = <T>(current: AxisPair<T>, value: T): AxisPair<T> =>
        square ? [value, value] : a === 0 ? [value, current[1]] : [current[0], value];
    const fixes: ConvFix[] = [];

    const maxPad = layer === 'pool' ? maxPoolPadding(r.kernel) : Infinity;
    const choices = nearestValidPadding(r.input, r.effectiveKernel, r.stride, r.padLow, maxPad);
    const paddings = [choices.below, choices.above].filter((p): p is number => p !== undefined);
    // The smallest change is the most likely intent; on a tie, more padding keeps more of the input's size.
    const preferred = [...paddings].sort((p, q) => Math.abs(p - r.padLow) - Math.abs(q - r.padLow) || q - p)[0];
    for (const p of paddings) {
        const pads = withAxis([axes[0].padLow, axes[1].padLow], p);
        const sizes = withAxis([axes[0].size, axes[1].size], sizeWithPadding(r, p));
        const edit = setPadding(node, `pad ${sizeText(pads[0], pads[1])}`);
        if (edit) {
            fixes.push({
                title: `Set padding to ${sizeText(pads[0], pads[1])} → ${volume(sizes)}`,
                kind: 'quickfix',
                isPreferred: p === preferred,
                edits: [edit]
            });
        }
    }

    const same = setPadding(node, 'pad same');
    if (same) {
        const sizes: AxisPair<number> = [sizeWithPadding(axes[0], 'same'), sizeWithPadding(axes[1], 'same')];
        fixes.push({ title: `Use pad same (Keras) → ${volume(sizes)}`, kind: 'quickfix', isPreferred: false, edits: [same] });
    }

    if (!node.options.some(isRoundingFlag)) {
        const floor = insertAfter(node, ' floor');
        if (floor) {
            fixes.push({
                title: `Round down like PyTorch (floor) → ${volume([axes[0].size, axes[1].size])}`,
                kind: 'quickfix',
                isPreferred: preferred === undefined,
                edits: [floor]
            });
        }
    }
    return fixes;
}
