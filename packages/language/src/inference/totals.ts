import { MAX_EXACT } from './checked.js';
import { report, type LayerScope } from './layer-support.js';
import type { Instance, LayerInstance } from './model.js';

/** The totals a network reports. */
export type NetworkCount = 'parameter count' | 'MAC count' | 'activation count';

/** A layer's share of a total, exact (`networkTotal` has returned before any unknown count). */
function exactTerm(count: NetworkCount, layer: LayerInstance): bigint {
    if (count === 'activation count') {
        const v = layer.output?.volume;
        return v ? BigInt(v.w) * BigInt(v.h) * BigInt(v.d) : 0n;
    }
    return BigInt(count === 'parameter count' ? layer.params : layer.macs);
}

function term(count: NetworkCount, layer: LayerInstance): number {
    if (count === 'activation count') {
        const v = layer.output?.volume;
        return v ? v.w * v.h * v.d : 0;
    }
    return count === 'parameter count' ? layer.params : layer.macs;
}

/**
 * A network total, summed exactly in execution order. Past 2^53 it is NaN and
 * `too-large` is reported at the layer whose count takes the running sum past
 * 2^53 — the statement to look at — with that count and the sum so far. A
 * layer whose own count is past 2^53 (NaN, reported at that layer) makes the
 * total NaN too; a layer in error counts 0.
 */
export function networkTotal(
    scope: LayerScope,
    network: string,
    count: NetworkCount,
    layers: readonly LayerInstance[],
    body: readonly Instance[]
): number {
    // Below 2^53, sums of whole doubles are exact: the usual case needs no BigInt.
    let quick = 0;
    for (const layer of layers) quick += term(count, layer);
    if (Number.isNaN(quick) || quick < MAX_EXACT) return quick;
    const max = BigInt(MAX_EXACT);
    let sum = 0n;
    for (const layer of layers) {
        const own = exactTerm(count, layer);
        sum += own;
        if (sum <= max) continue;
        const output = count === 'activation count' ? layer.output?.volume : undefined;
        report({ ...scope, callPath: layer.callPath, callArgs: callArgsOf(body, layer) ?? [] }, 'too-large', [layer.node], {
            reason: 'total',
            network,
            count,
            layer: layer.op,
            own: own.toString(),
            sum: sum.toString(),
            ...(output && { output })
        });
        return NaN;
    }
    return Number(sum);
}

/** The evaluated arguments of the calls that lead to `layer` in the tree, outermost first. */
function callArgsOf(instances: readonly Instance[], layer: LayerInstance): (readonly number[])[] | undefined {
    for (const instance of instances) {
        if (instance === layer) return [];
        if (instance.kind === 'layer') continue;
        for (const lane of instance.lanes) {
            const inner = callArgsOf(lane.children, layer);
            if (inner) return instance.op === 'call' ? [instance.args ?? [], ...inner] : inner;
        }
    }
    return undefined;
}
