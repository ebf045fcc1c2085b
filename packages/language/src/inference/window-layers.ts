import {
    isDilationOption, isGroupsOption, isMultOption, isPadOption, isStrideOption, type Conv, type DwConv, type Pool, type Size
} from '../generated/ast.js';
import { IssueCodes } from '../validation/codes.js';
import { mul } from './checked.js';
import { evaluate } from './expressions.js';
import { formatFraction, isInteger } from './fraction.js';
import type { AxisPair, Flow } from './model.js';
import { axisPair, biasOf, checkGroups, findOption, positive, report, roundingOf, type LayerOutcome, type LayerScope } from './layer-support.js';
import {
    nearestTilingInputs, nearestValidPadding, paddingCanTile, windowAxis, type WindowAxisResult
} from './spatial.js';

type WindowNode = Conv | DwConv | Pool;

interface WindowSpec {
    readonly kernel: AxisPair<number>;
    readonly stride: AxisPair<number>;
    readonly dilation: AxisPair<number>;
    readonly pad: AxisPair<number | 'same'>;
}

const AXIS_NAMES = ['wide', 'high'] as const;

/** Kernel, stride, dilation and padding of a sliding-window layer, checked. */
function readWindowSpec(node: WindowNode, scope: LayerScope): WindowSpec | undefined {
    const isPool = node.$type === 'Pool';
    const kernel = axisPair(node.kernel, scope, 'kernel');
    if (!kernel || !positive(kernel, node.kernel, scope, 'kernel size')) return undefined;
    const strideOpt = findOption(node, isStrideOption);
    const dilationOpt = findOption(node, isDilationOption);
    const padOpt = findOption(node, isPadOption);
    // PyTorch's pools default the stride to the kernel size; convolutions to 1.
    const stride = strideOpt ? axisPair(strideOpt.value, scope, 'stride') : isPool ? kernel : [1, 1] as const;
    const dilation = dilationOpt ? axisPair(dilationOpt.value, scope, 'dilation') : [1, 1] as const;
    if (!stride || !dilation) return undefined;
    if (!positive(stride, strideOpt?.value ?? node.kernel, scope, 'stride')) return undefined;
    if (!positive(dilation, dilationOpt?.value ?? node.kernel, scope, 'dilation')) return undefined;
    let pad: AxisPair<number | 'same'> = [0, 0];
    if (padOpt?.mode === 'same') pad = ['same', 'same'];
    else if (padOpt?.value) {
        const p = axisPair(padOpt.value, scope, 'padding');
        if (!p) return undefined;
        if (p[0] < 0 || p[1] < 0) {
            report(scope, IssueCodes.InvalidValue, [padOpt.value], `padding ${p.join('x')} is negative: padding is 0 or more`);
            return undefined;
        }
        pad = p;
    }
    if (isPool && padOpt && typeof pad[0] === 'number') {
        // PyTorch: "pad should be at most half of kernel size" — the kernel, not the dilated one.
        for (const axis of [0, 1] as const) {
            const max = Math.floor(kernel[axis] / 2);
            if ((pad[axis] as number) > max) {
                report(scope, IssueCodes.PoolPaddingTooLarge, [padOpt],
                    `pool padding ${pad[axis]} is more than half the ${kernel[axis]}-${axis ? 'high' : 'wide'} window (at most ⌊${kernel[axis]}/2⌋ = ${max}, as PyTorch requires)`);
                return undefined;
            }
        }
    }
    return { kernel, stride, dilation, pad };
}

function describeWindow(node: WindowNode, spec: WindowSpec, axis: 0 | 1, r: WindowAxisResult): string {
    const noun = node.$type === 'Pool' ? 'window' : 'filter';
    const dil = r.dilation > 1 ? ` (dilation ${r.dilation}: ${r.effectiveKernel} wide effective)` : '';
    return `the ${spec.kernel[0]}×${spec.kernel[1]} ${noun}${dil} at stride ${r.stride} does not tile the ${r.input}-${AXIS_NAMES[axis]} input`;
}

/** `(10 − 3 + 2·0)/2 + 1`: the spec's formula with the numbers substituted. */
export function substitutedFormula(r: WindowAxisResult): string {
    const pad = r.same ? `${r.padLow}+${r.padHigh}` : `2·${r.padLow}`;
    return `(${r.input} − ${r.effectiveKernel} + ${pad})/${r.stride} + 1`;
}

function nonIntegerMessage(node: WindowNode, spec: WindowSpec, axis: 0 | 1, r: WindowAxisResult, isPool: boolean): { message: string; data: Record<string, unknown> } {
    const head = `${substitutedFormula(r)} = ${formatFraction(r.exact)} is not an integer: ${describeWindow(node, spec, axis, r)}`;
    const maxPad = isPool ? Math.floor(r.kernel / 2) : Infinity;
    const choices = nearestValidPadding(r.input, r.effectiveKernel, r.stride, r.padLow, maxPad);
    const inputs = nearestTilingInputs(r.input, r.effectiveKernel, r.stride, r.padLow);
    const data = { axis: axis ? 'h' : 'w', paddingBelow: choices.below, paddingAbove: choices.above, inputBelow: inputs.below, inputAbove: inputs.above };
    if (!paddingCanTile(r.input, r.effectiveKernel, r.stride)) {
        const sizes = [inputs.below, inputs.above].filter(v => v !== undefined).join('- or ');
        return {
            message: `${head}; no padding can fix this: ${r.input} − ${r.effectiveKernel} = ${r.input - r.effectiveKernel} is odd and the stride ${r.stride} is even, while 2·P is always even — use a ${sizes}-${AXIS_NAMES[axis]} input, an odd stride, or \`floor\`/\`ceil\``,
            data
        };
    }
    const options = [choices.below, choices.above].filter((p): p is number => p !== undefined)
        .map(p => `pad ${p} gives ${(r.input + 2 * p - r.effectiveKernel) / r.stride + 1}`);
    return { message: options.length ? `${head} (${options.join(', ')})` : head, data };
}

export function windowLayer(node: WindowNode, flow: Flow, scope: LayerScope): LayerOutcome {
    const isPool = node.$type === 'Pool';
    const spec = readWindowSpec(node, scope);
    if (!spec) return { invalid: true, params: 0, macs: 0 };
    // Channels before space, as PyTorch checks groups when it builds the layer, before any forward pass.
    const channels = isPool ? undefined : channelSpec(node as Conv | DwConv, flow.volume.d, scope);
    if (!isPool && !channels) return { invalid: true, params: 0, macs: 0 };
    const rounding = roundingOf(node, scope);
    const inputs = [flow.volume.w, flow.volume.h] as const;
    const axes = ([0, 1] as const).map(a => windowAxis(
        { input: inputs[a], kernel: spec.kernel[a], stride: spec.stride[a], dilation: spec.dilation[a], pad: spec.pad[a] },
        rounding)) as unknown as AxisPair<WindowAxisResult>;
    const faultNodes = [node.kernel as Size | typeof node.options[number], ...node.options.filter(o => isStrideOption(o) || isPadOption(o) || isDilationOption(o))];
    let invalid = false;
    const square = axes[0].input === axes[1].input && axes[0].effectiveKernel === axes[1].effectiveKernel
        && axes[0].stride === axes[1].stride && axes[0].padLow === axes[1].padLow && axes[0].padHigh === axes[1].padHigh;
    for (const a of [0, 1] as const) {
        const r = axes[a];
        if (a === 1 && square) continue; // a square case says it once
        const padded = r.input + r.padLow + r.padHigh;
        if (r.size <= 0 || (!isPool && r.effectiveKernel > padded)) {
            report(scope, IssueCodes.KernelTooLarge, faultNodes,
                `the ${r.effectiveKernel}-${AXIS_NAMES[a]} ${isPool ? 'window' : 'filter'} does not fit the ${r.input}-${AXIS_NAMES[a]} input padded to ${padded}: ${substitutedFormula(r)} = ${formatFraction(r.exact)}`,
                { axis: a ? 'h' : 'w' });
            return { invalid: true, params: 0, macs: 0, axes, exact: [axes[0].exact, axes[1].exact] };
        }
        if (!isInteger(r.exact) && r.resolvedBy === 'floor' && rounding === 'strict') {
            const { message, data } = nonIntegerMessage(node, spec, a, r, isPool);
            report(scope, IssueCodes.NonIntegerOutput, faultNodes, message, {
                ...data, square, pool: isPool, input: [inputs[0], inputs[1]], pads: [axes[0].padLow, axes[1].padLow],
                sizes: [axes[0].size, axes[1].size], effectiveKernel: r.effectiveKernel, stride: r.stride
            });
            invalid = true;
        }
        if (r.stride > r.effectiveKernel) {
            const strideOpt = findOption(node, isStrideOption);
            report(scope, IssueCodes.StrideSkipsInput, strideOpt ? [strideOpt] : faultNodes,
                `stride ${r.stride} is larger than the ${r.effectiveKernel}-${AXIS_NAMES[a]} ${isPool ? 'window' : 'filter'}: ${r.stride - r.effectiveKernel} of every ${r.stride} input ${a ? 'rows' : 'columns'} are never seen`, undefined, 'warning');
        }
    }
    const padOpt = findOption(node, isPadOption);
    if (!isPool && spec.kernel[0] === 1 && spec.kernel[1] === 1 && padOpt && axes.some(r => !r.same && r.padLow > 0)) {
        report(scope, IssueCodes.Padded1x1, [padOpt],
            `padding a 1×1 convolution only adds a border computed from zeros (${inputs[0]}×${inputs[1]} becomes ${axes[0].size}×${axes[1].size}); a 1×1 conv keeps the resolution`,
            undefined, 'warning');
    }
    const w = axes[0].size;
    const h = axes[1].size;
    const rf = ([0, 1] as const).map(a => flow.rf[a] + (axes[a].effectiveKernel - 1) * flow.jump[a]) as unknown as AxisPair<number>;
    const jump = ([0, 1] as const).map(a => flow.jump[a] * axes[a].stride) as unknown as AxisPair<number>;
    const hyper = {
        kernel: spec.kernel, stride: spec.stride, dilation: spec.dilation, rounding,
        padLow: [axes[0].padLow, axes[1].padLow] as const, padHigh: [axes[0].padHigh, axes[1].padHigh] as const
    };
    const base = { axes, exact: [axes[0].exact, axes[1].exact] as const, invalid, rf, jump, hyper };
    if (isPool) return { ...base, output: { w, h, d: flow.volume.d }, params: 0, macs: 0 };
    const conv = convArithmetic(node as Conv | DwConv, flow, spec, w, h, channels!, scope);
    return { ...base, ...conv, hyper: { ...hyper, ...conv.hyper } };
}

function convArithmetic(node: Conv | DwConv, flow: Flow, spec: WindowSpec, w: number, h: number,
    channels: { filters: number; groups: number }, scope: LayerScope): Omit<LayerOutcome, 'invalid'> & { invalid?: boolean } {
    const d1 = flow.volume.d;
    const { filters, groups } = channels;
    const bias = biasOf(node, scope);
    const [fw, fh] = spec.kernel;
    const depth = d1 / groups;
    const weights = mul('parameter count', fw, fh, depth, filters);
    const params = weights + (bias ? filters : 0);
    const macs = mul('MAC count', w, h, fw, fh, depth, filters);
    const paramFormula = `${fw}·${fh}·${depth}·${filters}${bias ? ` + ${filters}` : ''}`;
    return { output: { w, h, d: filters }, params, macs, paramFormula, filter: [fw, fh, depth], hyper: { groups, bias } };
}

/** Filters and groups: a depthwise conv is a conv with D1·M filters in D1 groups. */
function channelSpec(node: Conv | DwConv, d1: number, scope: LayerScope): { filters: number; groups: number } | undefined {
    if (node.$type === 'DwConv') {
        const multOpt = findOption(node, isMultOption);
        const mult = multOpt ? evaluate(multOpt.value, scope) : 1;
        if (mult === undefined || !positive([mult], multOpt?.value ?? node, scope, 'depth multiplier')) return undefined;
        return { filters: mul('filter count', d1, mult), groups: d1 };
    }
    const filters = evaluate(node.filters, scope);
    if (filters === undefined || !positive([filters], node.filters, scope, 'number of filters')) return undefined;
    const groupsOpt = findOption(node, isGroupsOption);
    const groups = groupsOpt ? evaluate(groupsOpt.value, scope) : 1;
    if (groups === undefined || !positive([groups], groupsOpt?.value ?? node, scope, 'number of groups')) return undefined;
    return checkGroups(groupsOpt, groups, d1, filters, scope) ? { filters, groups } : undefined;
}
