import {
    isDilationOption, isGroupsOption, isOutpadOption, isPadOption, isStrideOption,
    type AdaptivePool, type Deconv, type Dense, type Dropout, type Upsample, type ZeroPad
} from '../generated/ast.js';
import { IssueCodes } from '../validation/codes.js';
import { mul } from './checked.js';
import { evaluate } from './expressions.js';
import { axisPair, biasOf, checkGroups, findOption, positive, report, type LayerOutcome, type LayerScope } from './layer-support.js';
import type { AxisPair, Flow } from './model.js';
import { transposedAxis } from './spatial.js';

const FAILED: LayerOutcome = { invalid: true, params: 0, macs: 0 };

function pairMap(f: (axis: 0 | 1) => number): AxisPair<number> {
    return [f(0), f(1)];
}

/** PyTorch's ConvTranspose2d: W2 = (W1−1)·S − 2P + d·(F−1) + O + 1. */
export function deconvLayer(node: Deconv, flow: Flow, scope: LayerScope): LayerOutcome {
    const filters = evaluate(node.filters, scope);
    const kernel = axisPair(node.kernel, scope, 'kernel');
    if (filters === undefined || !kernel) return FAILED;
    if (!positive([filters], node.filters, scope, 'number of filters') || !positive(kernel, node.kernel, scope, 'kernel size')) return FAILED;
    const strideOpt = findOption(node, isStrideOption);
    const padOpt = findOption(node, isPadOption);
    const dilationOpt = findOption(node, isDilationOption);
    const outpadOpt = findOption(node, isOutpadOption);
    const groupsOpt = findOption(node, isGroupsOption);
    const stride = strideOpt ? axisPair(strideOpt.value, scope, 'stride') : [1, 1] as const;
    const dilation = dilationOpt ? axisPair(dilationOpt.value, scope, 'dilation') : [1, 1] as const;
    const pad = padOpt?.value ? axisPair(padOpt.value, scope, 'padding') : [0, 0] as const;
    const outpad = outpadOpt ? axisPair(outpadOpt.value, scope, 'output padding') : [0, 0] as const;
    const groups = groupsOpt ? evaluate(groupsOpt.value, scope) : 1;
    if (!stride || !dilation || !pad || !outpad || groups === undefined) return FAILED;
    if (!positive(stride, strideOpt?.value ?? node, scope, 'stride') || !positive(dilation, dilationOpt?.value ?? node, scope, 'dilation')
        || !positive([groups], groupsOpt?.value ?? node, scope, 'number of groups')) return FAILED;
    for (const [values, opt, what] of [[pad, padOpt, 'padding'], [outpad, outpadOpt, 'output padding']] as const) {
        if (values[0] < 0 || values[1] < 0) {
            report(scope, IssueCodes.InvalidValue, [opt!], `${what} ${values.join('x')} is negative: it is 0 or more`);
            return FAILED;
        }
    }
    for (const a of [0, 1] as const) {
        if (outpad[a] >= stride[a] && outpad[a] >= dilation[a]) {
            report(scope, IssueCodes.OutpadTooLarge, [outpadOpt!],
                `output padding ${outpad[a]} must be smaller than the stride ${stride[a]} or the dilation ${dilation[a]} (PyTorch's rule)`);
            return FAILED;
        }
    }
    const d1 = flow.volume.d;
    if (!checkGroups(groupsOpt, groups, d1, filters, scope)) return FAILED;
    const inputs = [flow.volume.w, flow.volume.h] as const;
    const size = pairMap(a => transposedAxis(inputs[a], kernel[a], stride[a], pad[a], dilation[a], outpad[a]));
    if (size[0] <= 0 || size[1] <= 0) {
        const a = size[0] <= 0 ? 0 : 1;
        report(scope, IssueCodes.KernelTooLarge, [padOpt ?? node.kernel],
            `(${inputs[a]} − 1)·${stride[a]} − 2·${pad[a]} + ${dilation[a]}·(${kernel[a]} − 1) + ${outpad[a]} + 1 = ${size[a]}: the padding removes the whole output`);
        return FAILED;
    }
    const [fw, fh] = kernel;
    const perGroup = filters / groups;
    const bias = biasOf(node, scope);
    const params = mul('parameter count', fw, fh, d1, perGroup) + (bias ? filters : 0);
    const jump = pairMap(a => flow.jump[a] / stride[a]);
    return {
        output: { w: size[0], h: size[1], d: filters },
        params, paramFormula: `${fw}·${fh}·${d1}·${perGroup}${bias ? ` + ${filters}` : ''}`,
        macs: mul('MAC count', inputs[0], inputs[1], fw, fh, d1, perGroup),
        filter: [fw, fh, d1 / groups],
        hyper: { kernel, stride, dilation, padLow: pad, padHigh: pad, outpad, groups, bias },
        rf: pairMap(a => flow.rf[a] + (dilation[a] * (kernel[a] - 1)) * jump[a]), jump,
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

export function globalPoolLayer(flow: Flow): LayerOutcome {
    return { output: { w: 1, h: 1, d: flow.volume.d }, params: 0, macs: 0, invalid: false, ...wholeInput(flow) };
}

export function flattenLayer(flow: Flow): LayerOutcome {
    const { w, h, d } = flow.volume;
    return { output: { w: 1, h: 1, d: mul('flattened size', w, h, d) }, params: 0, macs: 0, invalid: false, ...wholeInput(flow) };
}

export function adaptivePoolLayer(node: AdaptivePool, flow: Flow, scope: LayerScope): LayerOutcome {
    const size = axisPair(node.size, scope, 'output size');
    if (!size || !positive(size, node.size, scope, 'output size')) return FAILED;
    const inputs = [flow.volume.w, flow.volume.h] as const;
    // PyTorch's adaptive windows vary; the widest is ⌈in/out⌉, the step ⌊in/out⌋.
    const kernel = pairMap(a => Math.ceil(inputs[a] / size[a]));
    const step = pairMap(a => Math.max(1, Math.floor(inputs[a] / size[a])));
    return {
        output: { w: size[0], h: size[1], d: flow.volume.d }, params: 0, macs: 0, invalid: false, hyper: { size },
        rf: pairMap(a => flow.rf[a] + (kernel[a] - 1) * flow.jump[a]),
        jump: pairMap(a => flow.jump[a] * step[a])
    };
}

export function upsampleLayer(node: Upsample, flow: Flow, scope: LayerScope): LayerOutcome {
    const factor = axisPair(node.factor, scope, 'scale factor');
    if (!factor || !positive(factor, node.factor, scope, 'scale factor')) return FAILED;
    return {
        output: { w: mul('width', flow.volume.w, factor[0]), h: mul('height', flow.volume.h, factor[1]), d: flow.volume.d },
        params: 0, macs: 0, invalid: false, rf: flow.rf, jump: pairMap(a => flow.jump[a] / factor[a]), hyper: { factor }
    };
}

export function zeroPadLayer(node: ZeroPad, flow: Flow, scope: LayerScope): LayerOutcome {
    const pad = axisPair(node.padding, scope, 'padding');
    if (!pad) return FAILED;
    if (pad[0] < 0 || pad[1] < 0) {
        report(scope, IssueCodes.InvalidValue, [node.padding], `padding ${pad.join('x')} is negative: it is 0 or more`);
        return FAILED;
    }
    return {
        output: { w: flow.volume.w + 2 * pad[0], h: flow.volume.h + 2 * pad[1], d: flow.volume.d },
        params: 0, macs: 0, invalid: false, rf: flow.rf, jump: flow.jump, hyper: { padLow: pad, padHigh: pad }
    };
}

export function denseLayer(node: Dense, flow: Flow, scope: LayerScope): LayerOutcome {
    const units = evaluate(node.units, scope);
    if (units === undefined || !positive([units], node.units, scope, 'number of units')) return FAILED;
    const { w, h, d } = flow.volume;
    if (w * h > 1) {
        report(scope, IssueCodes.DenseOnSpatial, [node],
            `dense on a ${w}×${h}×${d} volume flattens it implicitly to ${(w * h * d).toLocaleString('en-US')} inputs; write \`flatten\` or a global pool to say so`,
            undefined, 'info');
    }
    const inputs = mul('input count', w, h, d);
    const bias = biasOf(node, scope);
    return {
        output: { w: 1, h: 1, d: units },
        params: mul('parameter count', inputs, units) + (bias ? units : 0),
        paramFormula: `${inputs}·${units}${bias ? ` + ${units}` : ''}`,
        macs: mul('MAC count', inputs, units), invalid: false, ...wholeInput(flow), hyper: { units, bias }
    };
}

export function batchNormLayer(flow: Flow): LayerOutcome {
    const d = flow.volume.d;
    return { output: flow.volume, params: 2 * d, paramFormula: `2·${d}`, macs: 0, invalid: false, rf: flow.rf, jump: flow.jump };
}

export function dropoutLayer(node: Dropout, flow: Flow, scope: LayerScope): LayerOutcome {
    if (!(node.rate >= 0 && node.rate < 1)) {
        report(scope, IssueCodes.InvalidValue, [node], `dropout rate ${node.rate} is outside [0, 1)`);
    }
    return { output: flow.volume, params: 0, macs: 0, invalid: false, rf: flow.rf, jump: flow.jump, hyper: { rate: node.rate } };
}

export function elementwiseLayer(flow: Flow, params: number, slope?: number): LayerOutcome {
    return { output: flow.volume, params, paramFormula: params ? String(params) : undefined, macs: 0, invalid: false, rf: flow.rf, jump: flow.jump, hyper: { slope } };
}
