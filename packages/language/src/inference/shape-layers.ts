import {
    isDilationOption,
    isGroupsOption,
    isOutpadOption,
    isPadOption,
    isStrideOption,
    type Activation,
    type AdaptivePool,
    type Crop,
    type Deconv,
    type Dense,
    type Dropout,
    type GlobalPool,
    type Shuffle,
    type Upsample,
    type ZeroPad
} from '../generated/ast.js';
import { mul } from './checked.js';
import { evaluate } from './expressions.js';
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
    type LayerOutcome,
    type LayerScope
} from './layer-support.js';
import type { AxisPair, Flow, LayerHyper } from './model.js';
import { batchNormParameters, deconvParameters, denseParameters, parameterCount } from './parameters.js';
import { transposedAxis } from './spatial.js';

/** PyTorch's ConvTranspose2d: W2 = (W1−1)·S − 2P + d·(F−1) + O + 1. */
export function deconvLayer(node: Deconv, flow: Flow, scope: LayerScope): LayerOutcome {
    const filters = evaluate(node.filters, scope);
    const kernel = axisPair(node.kernel, scope, 'kernel');
    if (filters === undefined || !kernel) return FAILED;
    if (!positive([filters], node.filters, scope, 'number of filters') || !positive(kernel, node.kernel, scope, 'kernel size'))
        return FAILED;
    const strideOpt = findOption(node, isStrideOption);
    const padOpt = findOption(node, isPadOption);
    const dilationOpt = findOption(node, isDilationOption);
    const outpadOpt = findOption(node, isOutpadOption);
    const groupsOpt = findOption(node, isGroupsOption);
    const stride = strideOpt ? axisPair(strideOpt.value, scope, 'stride') : ([1, 1] as const);
    const dilation = dilationOpt ? axisPair(dilationOpt.value, scope, 'dilation') : ([1, 1] as const);
    const pad = padOpt?.value ? axisPair(padOpt.value, scope, 'padding') : ([0, 0] as const);
    const outpad = outpadOpt ? axisPair(outpadOpt.value, scope, 'output padding') : ([0, 0] as const);
    const groups = groupsOpt ? evaluate(groupsOpt.value, scope) : 1;
    if (!stride || !dilation || !pad || !outpad || groups === undefined) return FAILED;
    if (
        !positive(stride, strideOpt?.value ?? node, scope, 'stride') ||
        !positive(dilation, dilationOpt?.value ?? node, scope, 'dilation') ||
        !positive([groups], groupsOpt?.value ?? node, scope, 'number of groups')
    )
        return FAILED;
    if (!nonNegative(pad, padOpt, scope, 'padding') || !nonNegative(outpad, outpadOpt, scope, 'output padding')) return FAILED;
    for (const a of [0, 1] as const) {
        if (outpad[a] >= stride[a] && outpad[a] >= dilation[a]) {
            report(scope, 'outpad-too-large', [outpadOpt], { outpad: outpad[a], stride: stride[a], dilation: dilation[a] });
            return FAILED;
        }
    }
    const d1 = flow.volume.d;
    if (!checkGroups(groupsOpt, groups, d1, filters, scope)) return FAILED;
    const inputs = [flow.volume.w, flow.volume.h] as const;
    const size = pairMap(a => transposedAxis(inputs[a], kernel[a], stride[a], pad[a], dilation[a], outpad[a]));
    if (size[0] <= 0 || size[1] <= 0) {
        const a = size[0] <= 0 ? 0 : 1;
        report(scope, 'kernel-too-large', [padOpt ?? node.kernel], {
            shape: 'transposed',
            axis: a,
            input: inputs[a],
            stride: stride[a],
            pad: pad[a],
            dilation: dilation[a],
            kernel: kernel[a],
            outpad: outpad[a],
            size: size[a]
        });
        return FAILED;
    }
    const bias = biasOf(node, scope);
    const paramTerms = deconvParameters(kernel, d1, filters, groups, bias);
    const jump = pairMap(a => flow.jump[a] / stride[a]);
    return {
        output: { w: size[0], h: size[1], d: filters },
        params: parameterCount(paramTerms),
        paramTerms,
        macs: mul('MAC count', inputs[0], inputs[1], kernel[0], kernel[1], d1, filters / groups),
        filter: [kernel[0], kernel[1], d1 / groups],
        hyper: { op: 'deconv', kernel, stride, dilation, pad, outpad, groups, bias },
        rf: pairMap(a => flow.rf[a] + dilation[a] * (kernel[a] - 1) * jump[a]),
        jump,
        invalid: false
    };
}

/** Every output sees the whole input: receptive field grows by the input's extent. */
function wholeInput(flow: Flow): Pick<LayerOutcome, 'rf' | 'jump'> {
    const extent = [flow.volume.w, flow.volume.h] as const;
    return {
        rf: pairMap(a => flow.rf[a] + (extent[a] - 1) * flow.jump[a]),
        jump: pairMap(a => flow.jump[a] * extent[a])
    };
}

/**
 * Layers that keep the volume (and the receptive field), with their parameters and shape.
 * One literal, not `{ ...sameVolume, params, … }`: Node 20 copies such a spread on a slow path (engine.ts).
 */
function sameVolume(flow: Flow, params: number, hyper: LayerHyper, paramTerms?: LayerOutcome['paramTerms']): LayerOutcome {
    return paramTerms
        ? { output: flow.volume, rf: flow.rf, jump: flow.jump, invalid: false, macs: 0, params, paramTerms, hyper }
        : { output: flow.volume, rf: flow.rf, jump: flow.jump, invalid: false, macs: 0, params, hyper };
}

export function globalPoolLayer(node: GlobalPool, flow: Flow): LayerOutcome {
    return { output: { w: 1, h: 1, d: flow.volume.d }, params: 0, macs: 0, invalid: false, ...wholeInput(flow), hyper: { op: node.op } };
}

export function flattenLayer(flow: Flow): LayerOutcome {
    const { w, h, d } = flow.volume;
    return {
        output: { w: 1, h: 1, d: mul('flattened size', w, h, d) },
        params: 0,
        macs: 0,
        invalid: false,
        ...wholeInput(flow),
        hyper: { op: 'flatten' }
    };
}

export function adaptivePoolLayer(node: AdaptivePool, flow: Flow, scope: LayerScope): LayerOutcome {
    const size = axisPair(node.size, scope, 'output size');
    if (!size || !positive(size, node.size, scope, 'output size')) return FAILED;
    const inputs = [flow.volume.w, flow.volume.h] as const;
    // PyTorch's adaptive windows vary; the widest is ⌈in/out⌉, the step ⌊in/out⌋.
    const kernel = pairMap(a => Math.ceil(inputs[a] / size[a]));
    const step = pairMap(a => Math.max(1, Math.floor(inputs[a] / size[a])));
    return {
        output: { w: size[0], h: size[1], d: flow.volume.d },
        params: 0,
        macs: 0,
        invalid: false,
        hyper: { op: node.op, size },
        rf: pairMap(a => flow.rf[a] + (kernel[a] - 1) * flow.jump[a]),
        jump: pairMap(a => flow.jump[a] * step[a])
    };
}

export function upsampleLayer(node: Upsample, flow: Flow, scope: LayerScope): LayerOutcome {
    const factor = axisPair(node.factor, scope, 'scale factor');
    if (!factor || !positive(factor, node.factor, scope, 'scale factor')) return FAILED;
    return {
        output: { w: mul('width', flow.volume.w, factor[0]), h: mul('height', flow.volume.h, factor[1]), d: flow.volume.d },
        params: 0,
        macs: 0,
        invalid: false,
        rf: flow.rf,
        jump: pairMap(a => flow.jump[a] / factor[a]),
        hyper: { op: 'upsample', factor }
    };
}

export function zeroPadLayer(node: ZeroPad, flow: Flow, scope: LayerScope): LayerOutcome {
    const pad = axisPair(node.padding, scope, 'padding');
    if (!pad || !nonNegative(pad, node.padding, scope, 'padding')) return FAILED;
    return {
        output: { w: flow.volume.w + 2 * pad[0], h: flow.volume.h + 2 * pad[1], d: flow.volume.d },
        params: 0,
        macs: 0,
        invalid: false,
        rf: flow.rf,
        jump: flow.jump,
        hyper: { op: 'zeropad', pad }
    };
}

export function denseLayer(node: Dense, flow: Flow, scope: LayerScope): LayerOutcome {
    const units = evaluate(node.units, scope);
    if (units === undefined || !positive([units], node.units, scope, 'number of units')) return FAILED;
    const { w, h, d } = flow.volume;
    const inputs = mul('input count', w, h, d);
    if (w * h > 1) report(scope, 'dense-on-spatial', [node], { input: flow.volume, inputs });
    const bias = biasOf(node, scope);
    const paramTerms = denseParameters(inputs, units, bias);
    return {
        output: { w: 1, h: 1, d: units },
        params: parameterCount(paramTerms),
        paramTerms,
        macs: mul('MAC count', inputs, units),
        invalid: false,
        ...wholeInput(flow),
        hyper: { op: 'dense', units, inputs, bias }
    };
}

export function batchNormLayer(flow: Flow): LayerOutcome {
    const paramTerms = batchNormParameters(flow.volume.d);
    return sameVolume(flow, parameterCount(paramTerms), { op: 'batchnorm' }, paramTerms);
}

/** PyTorch's nn.Dropout default. */
const DEFAULT_RATE = 0.5;

export function dropoutLayer(node: Dropout, flow: Flow, scope: LayerScope): LayerOutcome {
    const rate = node.rate ?? DEFAULT_RATE;
    if (!(rate >= 0 && rate < 1)) report(scope, 'invalid-value', [node], { reason: 'dropout-rate', rate });
    return sameVolume(flow, 0, { op: 'dropout', rate });
}

/** PyTorch's LeakyReLU slope and ELU α when none is given. */
const DEFAULT_SLOPE = 0.01;
const DEFAULT_ALPHA = 1;

export function activationLayer(node: Activation, flow: Flow): LayerOutcome {
    switch (node.op) {
        case 'leakyrelu':
            return sameVolume(flow, 0, { op: 'leakyrelu', slope: node.slope ?? DEFAULT_SLOPE });
        case 'elu':
            return sameVolume(flow, 0, { op: 'elu', alpha: node.slope ?? DEFAULT_ALPHA });
        case 'prelu': {
            // nn.PReLU() learns one slope shared by every channel.
            const paramTerms = { factors: [1], bias: 0 };
            return sameVolume(flow, parameterCount(paramTerms), { op: 'prelu' }, paramTerms);
        }
        case 'swish':
            return sameVolume(flow, 0, { op: 'silu' });
        default:
            return sameVolume(flow, 0, { op: node.op });
    }
}

/** ShuffleNet's channel shuffle: G groups of D1/G channels, interleaved. */
export function shuffleLayer(node: Shuffle, flow: Flow, scope: LayerScope): LayerOutcome {
    const groups = evaluate(node.groups, scope);
    if (groups === undefined || !positive([groups], node.groups, scope, 'number of groups')) return FAILED;
    if (flow.volume.d % groups !== 0) {
        report(scope, 'shuffle-mismatch', [node.groups], { depth: flow.volume.d, groups });
        return FAILED;
    }
    return sameVolume(flow, 0, { op: 'shuffle', groups });
}

/** The margins of a centre crop of `input` to `size`; an odd surplus leaves the extra pixel on the right/bottom. */
export function centreCrop(input: AxisPair<number>, size: AxisPair<number>): AxisPair<number> {
    return pairMap(a => Math.floor((input[a] - size[a]) / 2));
}

/** Centre crop to W×H (U-Net's crop of the contracting path). */
export function cropLayer(node: Crop, flow: Flow, scope: LayerScope): LayerOutcome {
    const size = axisPair(node.size, scope, 'crop size');
    if (!size || !positive(size, node.size, scope, 'crop size')) return FAILED;
    const input = [flow.volume.w, flow.volume.h] as const;
    if (size[0] > input[0] || size[1] > input[1]) {
        report(scope, 'crop-too-large', [node.size], { input, size });
        return FAILED;
    }
    return {
        output: { w: size[0], h: size[1], d: flow.volume.d },
        rf: flow.rf,
        jump: flow.jump,
        invalid: false,
        params: 0,
        macs: 0,
        hyper: { op: 'crop', size, offset: centreCrop(input, size) }
    };
}
