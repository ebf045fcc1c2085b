import type { LangiumDocument } from 'langium';
import { isResidual, isStrideOption, type Conv } from '../generated/ast.js';
import type { IssuePayloads } from '../inference/issues.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { windowAxis } from '../inference/spatial.js';
import { formatCount } from '../presentation/numbers.js';
import type { ConvFix } from './fix.js';

/**
 * `stride-skips-input` on a residual's 1×1 stride-2 projection shortcut (ResNet
 * as published: three of every four input pixels never reach the shortcut):
 * ResNet-D's shortcut averages 2×2 first (torchvision uses AvgPool2d(2, 2,
 * ceil_mode=True)) and projects with a stride-1 1×1 conv. Same parameters;
 * the title says what the MACs do.
 */
export function resnetDFix(
    document: LangiumDocument,
    conv: Conv,
    data: IssuePayloads['stride-skips-input'],
    analysis: DocumentAnalysis
): ConvFix[] {
    if (!isResidual(conv.$container) || conv.$containerProperty !== 'shortcutBody') return [];
    const instance = analysis.instancesByNode.get(conv)?.[0];
    if (instance?.kind !== 'layer' || instance.hyper?.op !== 'conv' || !instance.input || !instance.output) return [];
    const { kernel, stride, groups } = instance.hyper;
    if (kernel[0] !== 1 || kernel[1] !== 1 || stride[0] !== 2 || stride[1] !== 2 || groups !== 1 || data.stride !== 2) return [];
    const cst = conv.$cstNode;
    const strideOpt = conv.options.find(isStrideOption)?.$cstNode;
    if (!cst || !strideOpt) return [];
    // The conv without its stride, after a 2×2 average pool.
    const text = document.textDocument.getText();
    const convText = (text.slice(cst.offset, strideOpt.offset) + text.slice(strideOpt.end, cst.end))
        .replace(/\s+$/, '')
        .replace(/ {2,}/g, ' ');
    const lineStart = text.lastIndexOf('\n', cst.offset - 1) + 1;
    const prefix = text.slice(lineStart, cst.offset);
    const separator = prefix.trim() === '' ? `\n${prefix}` : '; ';
    const input = instance.input.volume;
    const pooled = [input.w, input.h].map(n => windowAxis({ input: n, kernel: 2, stride: 2, dilation: 1, pad: 0 }, 'ceil').size);
    const before = instance.macs;
    const after = pooled[0] * pooled[1] * input.d * instance.output.volume.d;
    const macs = after === before ? 'MACs ±0' : `MACs ${after > before ? '+' : '−'}${formatCount(Math.abs(after - before))}`;
    return [
        {
            title:
                "Use ResNet-D's shortcut: avgpool 2x2 stride 2 ceil, then a stride-1 1×1 conv " +
                `(params ±0, ${macs}; every input pixel counts)`,
            kind: 'quickfix',
            isPreferred: false,
            edits: [{ range: cst.range, newText: `avgpool 2x2 stride 2 ceil${separator}${convText}` }]
        }
    ];
}
