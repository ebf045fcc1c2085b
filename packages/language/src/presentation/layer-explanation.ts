import { formatFraction, isInteger } from '../inference/fraction.js';
import {
    formatVolume,
    type Instance,
    type LayerInstance,
    type NetworkAnalysis,
    type Source,
    type StructureInstance
} from '../inference/model.js';
import type { WindowAxisResult } from '../inference/spatial.js';
import { parameterFormula, substitutedFormula } from './formulas.js';
import { float32Bytes, formatBytes, formatCount } from './numbers.js';
import { pushAll } from '../util/large-arrays.js';

const AXES = ['W', 'H'] as const;

function axisLine(r: WindowAxisResult, axis: 0 | 1): string {
    const exact = formatFraction(r.exact);
    let result = `${exact}`;
    if (r.resolvedBy === 'floor' && !isInteger(r.exact)) result = `⌊${exact}⌋ = ${r.size}`;
    if (r.resolvedBy === 'ceil' && !isInteger(r.exact)) {
        result = r.lastWindowDropped
            ? `⌈${exact}⌉ = ${r.size + 1} − 1 = ${r.size} (PyTorch drops a last window that would start in the padding)`
            : `⌈${exact}⌉ = ${r.size}`;
    }
    if (r.same) {
        const split =
            r.padLow === r.padHigh ? `${r.padLow} on each side` : `${r.padLow} before, ${r.padHigh} after — asymmetric, as TensorFlow pads`;
        return `${AXES[axis]}₂ = ⌈${r.input}/${r.stride}⌉ = ${r.size} (pad same: ${split})`;
    }
    return `${AXES[axis]}₂ = ${substitutedFormula(r)} = ${result}`;
}

function heading(instance: Instance, name: string): string {
    const input = instance.input?.volume;
    const output = instance.output?.volume;
    const label = instance.label ? `${instance.label}: ` : '';
    return `**${label}${name}** — ${input ? formatVolume(input) : '?'} → ${output ? formatVolume(output) : '?'}`;
}

/** The worked arithmetic of one layer instance, as Markdown: hover and hint tooltip. */
export function explainLayer(instance: LayerInstance, otherCalls = 0): string {
    const lines: string[] = [heading(instance, instance.op)];
    const input = instance.input?.volume;
    const output = instance.output?.volume;
    if (instance.axes) {
        pushAll(lines, ['', '```', ...instance.axes.map((r, a) => axisLine(r, a === 0 ? 0 : 1)), '```']);
        const r = instance.axes[0];
        if (r.dilation > 1) lines.push(`Effective kernel: d·(F − 1) + 1 = ${r.dilation}·(${r.kernel} − 1) + 1 = ${r.effectiveKernel}`);
    }
    if (instance.filter && input) {
        const [fw, fh, depth] = instance.filter;
        const why =
            depth === input.d
                ? `each filter spans the input's full depth ${input.d}, although one says "${fw}×${fh}"`
                : `each filter spans ${depth} of the input's ${input.d} channels (${input.d / depth} groups)`;
        lines.push('', `Filter: ${fw}×${fh}×${depth} — ${why}`);
        if (fw === 1 && fh === 1 && output && instance.op === 'conv') {
            const change = output.d < input.d ? 'a reduction' : output.d > input.d ? 'an expansion' : 'a remix';
            lines.push(
                `1×1 convolution: keeps ${input.w}×${input.h} and, at every pixel, mixes the ${input.d} channels into ${output.d}` +
                    ` (a linear combination per filter) — ${change} of depth`
            );
        }
    }
    if (instance.sources?.length) pushAll(lines, ['', ...instance.sources.map(describeSource)]);
    if (instance.skipped)
        lines.push('', 'Skipped: this statement names something that does not exist, so the volume passes through it unchanged.');
    if (instance.params !== 0) {
        lines.push(
            '',
            `Parameters: ${instance.paramTerms ? `${parameterFormula(instance.paramTerms)} = ` : ''}${formatCount(instance.params)}`
        );
    }
    if (instance.macs !== 0 && output) lines.push(`MACs: ${formatCount(instance.macs)}`);
    if (instance.output) {
        const { rf, jump } = instance.output;
        const pair = (p: readonly number[]) => (p[0] === p[1] ? String(p[0]) : `${p[0]}×${p[1]}`);
        lines.push(`Receptive field: ${pair(rf)} input pixels, jump ${pair(jump)}`);
    }
    if (instance.callPath.length > 0) {
        const call = instance.callPath[instance.callPath.length - 1];
        const others = otherCalls > 0 ? `; ${otherCalls} other call${otherCalls > 1 ? 's' : ''} — see the block's hover` : '';
        lines.push('', `In the call ${call.block?.$refText}(…) on line ${(call.$cstNode?.range.start.line ?? 0) + 1}${others}`);
    }
    return lines.join('\n');
}

/** Totals of a block call, a repeat, a concat or a residual. */
export function explainStructure(instance: StructureInstance): string {
    return [
        heading(instance, instance.op === 'call' ? 'block call' : instance.op),
        '',
        `Parameters: ${formatCount(instance.params)} · MACs: ${formatCount(instance.macs)}`
    ].join('\n');
}

/** Hover text for any instance: a layer's arithmetic or a structure's totals. */
export function explainInstance(instance: Instance, otherCalls = 0): string {
    return instance.kind === 'layer' ? explainLayer(instance, otherCalls) : explainStructure(instance);
}

/** Each call of a block, with the volumes it saw. */
export function explainBlockCalls(name: string, calls: readonly Instance[]): string {
    if (calls.length === 0) return `**block ${name}** — never called from a network`;
    const rows = calls.map(c => {
        const line = (c.node.$cstNode?.range.start.line ?? 0) + 1;
        const input = c.input ? formatVolume(c.input.volume) : '?';
        const output = c.output ? formatVolume(c.output.volume) : '?';
        return `| ${line} | ${input} | ${output} | ${formatCount(c.params)} |`;
    });
    return [
        `**block ${name}** — ${calls.length} call${calls.length > 1 ? 's' : ''}`,
        '',
        '| line | input | output | params |',
        '| ---: | --- | --- | ---: |',
        ...rows
    ].join('\n');
}

export function explainNetwork(n: NetworkAnalysis): string {
    return [
        `**network ${n.name}** — ${n.input ? formatVolume(n.input) : '?'} → ${n.output ? formatVolume(n.output) : '?'}`,
        '',
        `Parameters: ${formatCount(n.params)} (${formatBytes(float32Bytes(n.params))} as float32)`,
        `MACs: ${formatCount(n.macs)}`,
        `Activations: ${formatCount(n.activations)} values (${formatBytes(float32Bytes(n.activations))})`
    ].join('\n');
}

/** `Reads enc1 (line 5): 64×64×64, centre-cropped to 56×56 (4 off the left, 4 off the top)`. */
export function describeSource(source: Source): string {
    const line = (source.instance.node.$cstNode?.range.start.line ?? 0) + 1;
    const volume = source.instance.output ? formatVolume(source.instance.output.volume) : '?';
    const crop = source.offset ? `, centre-cropped (${source.offset[0]} off the left, ${source.offset[1]} off the top)` : '';
    return `Reads \`${source.label}\` (line ${line}): ${volume}${crop}`;
}

/** A reference's hover: where the label is, and what this statement reads of it in each evaluation. */
export function explainReference(label: string, target: Instance | undefined, targetLine: number, read: readonly Source[]): string {
    const lines = [`**${label}** — the output of line ${targetLine}${target?.output ? `: ${formatVolume(target.output.volume)}` : ''}`];
    if (read.length > 0) pushAll(lines, ['', ...read.map(describeSource)]);
    return lines.join('\n');
}
