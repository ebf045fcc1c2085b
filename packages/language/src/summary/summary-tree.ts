import { countOrNull, volumeArray, type Flow, type Instance, type Lane, type StructureInstance } from '../inference/model.js';
import type { GroupNode, LaneKind, LayerNode, StructureKind, SummaryNode } from './summary-types.js';
import { structureFields } from '../presentation/structure-text.js';

export type { GroupNode, LaneKind, LayerNode, StructureKind, SummaryNode };

const line = (instance: Instance) => (instance.node.$cstNode ? instance.node.$cstNode.range.start.line + 1 : null);

function flowFields(input: Flow | undefined, output: Flow | undefined, params: number, macs: number) {
    return {
        input: volumeArray(input?.volume),
        output: volumeArray(output?.volume),
        params: countOrNull(params),
        macs: countOrNull(macs),
        rf: output ? output.rf[0] : null,
        jump: output ? output.jump[0] : null
    };
}

function laneNode(lane: Lane, position: number): GroupNode {
    const kind: LaneKind = lane.role === 'gate' ? 'body' : lane.role;
    return {
        kind,
        label: null,
        line: null,
        ...(kind === 'iteration' ? { iteration: position } : kind === 'branch' ? { branch: position } : {}),
        ...(lane.children.length === 0 ? { identity: true } : {}),
        ...flowFields(lane.input, lane.output, lane.params, lane.macs),
        children: summaryTree(lane.children)
    };
}

function structureNode(instance: StructureInstance): GroupNode {
    // A call's body and a gate are the structure's only lane: their layers sit right under it,
    // as a module's do in torchinfo. Several lanes get a node each, so each has its subtotal.
    const single = instance.op === 'call' || instance.op === 'multiply';
    // Besides the kind, what the structure adds to its row: the block and its arguments, a repeat's count, a split's parts.
    const { kind, ...details } = structureFields(instance);
    return {
        kind,
        label: instance.label ?? null,
        line: line(instance),
        ...details,
        ...flowFields(instance.input, instance.output, instance.params, instance.macs),
        children: single
            ? instance.lanes.flatMap(lane => summaryTree(lane.children))
            : instance.lanes.map((lane, i) => laneNode(lane, i + 1))
    };
}

/**
 * The network's statements as `summary --format json` shows them in `tree`:
 * structures with their lanes and subtotals, leaves pointing into `layers[]`
 * (the engine numbers its leaves in execution order, which is `layers[]`'s order).
 */
export function summaryTree(instances: readonly Instance[]): SummaryNode[] {
    return instances.map(instance => (instance.kind === 'layer' ? { kind: 'layer', layer: instance.index } : structureNode(instance)));
}
