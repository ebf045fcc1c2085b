import {
    isDilationOption,
    isGroupsOption,
    isMultOption,
    isPadOption,
    isStrideOption,
    type Conv,
    type DwConv,
    type LayerOption,
    type Pool,
    type Size
} from '../generated/ast.js';
import { mul } from './checked.js';
import { evaluate } from './expressions.js';
import { isInteger } from './fraction.js';
import {
    axisPair,
    biasOf,
    checkGroups,
    FAILED,
    findOption,
    nonNegative,
    pairMap,
    positive,
    report,
    roundingOf,
    type LayerOutcome,
    type LayerScope
} from './layer-support.js';
import type { AxisPair, Flow, WindowHyper } from './model.js';
import { convParameters, parameterCount } from './parameters.js';
import { maxPoolPadding, windowAxis, type WindowAxisResult, type WindowKind } from './spatial.js';

type WindowNode = Conv | DwConv | Pool;

export interface WindowSpec {
    readonly kernel: AxisPair<number>;
    readonly stride: AxisPair<number>;
    readonly dilation: AxisPair<number>;
    readonly pad: AxisPair<number | 'same'>;
}

/** Kernel, stride, dilation and padding of a sliding-window layer, checked. */
export function readWindowSpec(node: WindowNode, scope: LayerScope): WindowSpec | undefined {
    const isPool = node.$type === 'Pool';
    const kernel = axisPair(node.kernel, scope, 'kernel');
    if (!kernel || !positive(kernel, node.kernel, scope, 'kernel size')) return undefined;
    const strideOpt = findOption(node, isStrideOption);
    const dilationOpt = findOption(node, isDilationOption);
    const padOpt = findOption(node, isPadOption);
    // PyTorch's pools default the stride to the kernel size; convolutions to 1.
    const stride = strideOpt ? axisPair(strideOpt.value, scope, 'stride') : isPool ? kernel : ([1, 1] as const);
    const dilation = dilationOpt ? axisPair(dilationOpt.value, scope, 'dilation') : ([1, 1] as const);
    if (!stride || !dilation) return undefined;
    if (!positive(stride, strideOpt?.value ?? node.kernel, scope, 'stride')) return undefined;
    if (!positive(dilation, dilationOpt?.value ?? node.kernel, scope, 'dilation')) return undefined;
    if (padOpt?.mode === 'same') return { kernel, stride, dilation, pad: ['same', 'same'] };
    let pad: AxisPair<number> = [0, 0];
    if (padOpt?.value) {
        const p = axisPair(padOpt.value, scope, 'padding');
        if (!p || !nonNegative(p, padOpt.value, scope, 'padding')) return undefined;
        pad = p;
    }
    if (isPool && padOpt) {
        for (const axis of [0, 1] as const) {
            const max = maxPoolPadding(kernel[axis]);
            if (pad[axis] > max) {
                report(scope, 'pool-padding-too-large', [padOpt], { axis, pad: pad[axis], kernel: kernel[axis], max });
                return undefined;
            }
        }
    }
    return { kernel, stride, dilation, pad };
}

export function windowLayer(node: WindowNode, flow: Flow, scope: LayerScope): LayerOutcome {
    const isPool = node.$type === 'Pool';
    const layer: WindowKind = isPool ? 'pool' : 'conv';
    const spec = readWindowSpec(node, scope);
    if (!spec) return FAILED;
    // Channels before space, as PyTorch checks groups when it builds the layer, before any forward pass.
    const channels = node.$type === 'Pool' ? { filters: flow.volume.d, groups: 1 } : channelSpec(node, flow.volume.d, scope);
    if (!channels) return FAILED;
    const rounding = roundingOf(node, scope);
    const inputs = [flow.volume.w, flow.volume.h] as const;
    const axes = pairMap(a =>
        windowAxis(
            { input: inputs[a], kernel: spec.kernel[a], stride: spec.stride[a], dilation: spec.dilation[a], pad: spec.pad[a] },
            rounding
        )
    );
    const exact = pairMap(a => axes[a].exact);
    const faultNodes: (Size | LayerOption)[] = [
        node.kernel,
        ...node.options.filter(o => isStrideOption(o) || isPadOption(o) || isDilationOption(o))
    ];
    let invalid = false;
    const square = sameAxis(axes[0], axes[1]);
    for (const a of [0, 1] as const) {
        const r = axes[a];
        if (a === 1 && square) continue; // a square case says it once
        const padded = r.input + r.padLow + r.padHigh;
        if (r.size <= 0 || (!isPool && r.effectiveKernel > padded)) {
            report(scope, 'kernel-too-large', faultNodes, { shape: 'window', layer, axis: a, result: r });
            return Object.assign({}, FAILED, { axes, exact });
        }
        if (!isInteger(r.exact) && r.resolvedBy === 'floor' && rounding === 'strict') {
            report(scope, 'non-integer-output', faultNodes, {
                layer,
                kernel: spec.kernel,
                axis: a,
                square,
                axes,
                outputDepth: channels.filters
            });
            invalid = true;
        }
        if (r.stride > r.effectiveKernel) {
            const strideOpt = findOption(node, isStrideOption);
            report(scope, 'stride-skips-input', strideOpt ? [strideOpt] : faultNodes, {
                axis: a,
                stride: r.stride,
                effectiveKernel: r.effectiveKernel,
                layer
            });
        }
    }
    const padOpt = findOption(node, isPadOption);
    if (!isPool && spec.kernel[0] === 1 && spec.kernel[1] === 1 && padOpt && axes.some(r => !r.same && r.padLow > 0)) {
        report(scope, 'padded-1x1', [padOpt], { input: inputs, output: [axes[0].size, axes[1].size] });
    }
    const size = pairMap(a => axes[a].size);
    const windowHyper: WindowHyper = {
        kernel: spec.kernel,
        stride: spec.stride,
        dilation: spec.dilation,
        rounding,
        padLow: pairMap(a => axes[a].padLow),
        padHigh: pairMap(a => axes[a].padHigh)
    };
    // Object.assign, not spreads followed by more properties: Node 20 copies those on a slow path (engine.ts).
    const base = {
        axes,
        exact,
        invalid,
        rf: pairMap(a => flow.rf[a] + (axes[a].effectiveKernel - 1) * flow.jump[a]),
        jump: pairMap(a => flow.jump[a] * axes[a].stride)
    };
    if (node.$type === 'Pool') {
        return Object.assign({}, base, {
            output: { w: size[0], h: size[1], d: flow.volume.d },
            params: 0,
            macs: 0,
            hyper: Object.assign({}, windowHyper, { op: node.op })
        });
    }
    const { filters, groups } = channels;
    const bias = biasOf(node, scope);
    const depth = flow.volume.d / groups;
    const paramTerms = convParameters(spec.kernel, flow.volume.d, filters, groups, bias);
    return Object.assign({}, base, {
        output: { w: size[0], h: size[1], d: filters },
        params: parameterCount(paramTerms),
        paramTerms,
        macs: mul('MAC count', size[0], size[1], spec.kernel[0], spec.kernel[1], depth, filters),
        filter: [spec.kernel[0], spec.kernel[1], depth] as const,
        hyper: Object.assign({}, windowHyper, { op: node.$type === 'DwConv' ? ('dwconv' as const) : ('conv' as const), groups, bias })
    });
}

/** Both axes are the same case: say it once. */
function sameAxis(a: WindowAxisResult, b: WindowAxisResult): boolean {
    return (
        a.input === b.input &&
        a.effectiveKernel === b.effectiveKernel &&
        a.stride === b.stride &&
        a.padLow === b.padLow &&
        a.padHigh === b.padHigh
    );
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
