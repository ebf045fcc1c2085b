import { countOrNull, volumeArray, type Flow, type Instance, type Lane, type StructureInstance } from '../inference/model.js';

/** A leaf of `tree`: the layer is `layers[layer]` of the same network, so its numbers live in one place. */
export interface LayerNode {
    readonly kind: 'layer';
    readonly layer: number;
}

/** Structures as written: a block call, a repeat, a concat, a residual, a gate, a split. */
export type StructureKind = 'call' | 'repeat' | 'concat' | 'residual' | 'multiply' | 'split';
/** The lanes of a structure with more than one: a concat's or split's branches, a residual's body and shortcut, a repeat's iterations. */
export type LaneKind = 'branch' | 'body' | 'shortcut' | 'iteration';

/**
 * A structure or one of its lanes, with the subtotals of everything below it.
 * The optional fields are present only for the kinds they describe, so the
 * JSON carries no nulls for them.
 */
export interface GroupNode {
    readonly kind: StructureKind | LaneKind;
    /** The structure's label (`layer1: stage(64, 3, 1)`); null for lanes and unlabelled structures. */
    readonly label: string | null;
    /** 1-based source line of the structure; null for lanes (a repeat's iterations have no line of their own). */
    readonly line: number | null;
    /** `call`: the block's name and the evaluated arguments, in the block's parameter order. */
    readonly block?: string;
    readonly args?: number[];
    /** `repeat`: the evaluated count. */
    readonly count?: number;
    /** `iteration`, `branch`: 1-based position among its siblings. */
    readonly iteration?: number;
    readonly branch?: number;
    /** `split`: the depth of each part, in branch order. */
    readonly parts?: number[];
    /** An empty lane: the identity (a residual without `shortcut { … }`, an empty concat branch). */
    readonly identity?: boolean;
    readonly input: number[] | null;
    readonly output: number[] | null;
    /** Sums over every layer below; null past 2^53 or when something below has no count. */
    readonly params: number | null;
    readonly macs: number | null;
    /** Receptive field and jump of the output, along the width. */
    readonly rf: number | null;
    readonly jump: number | null;
    readonly children: SummaryNode[];
}

export type SummaryNode = LayerNode | GroupNode;

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

/** What the structure adds to its row: the block and its arguments, a repeat's count, a split's parts. */
function structureDetails(instance: StructureInstance): Partial<GroupNode> {
    switch (instance.op) {
        case 'call':
            return { block: instance.block?.name ?? instance.node.block.$refText, ...(instance.args ? { args: [...instance.args] } : {}) };
        case 'repeat':
            return instance.count === undefined ? {} : { count: instance.count };
        case 'split':
            return instance.parts ? { parts: [...instance.parts] } : {};
        default:
            return {};
    }
}

function structureNode(instance: StructureInstance): GroupNode {
    // A call's body and a gate are the structure's only lane: their layers sit right under it,
    // as a module's do in torchinfo. Several lanes get a node each, so each has its subtotal.
    const single = instance.op === 'call' || instance.op === 'multiply';
    return {
        kind: instance.op,
        label: instance.label ?? null,
        line: line(instance),
        ...structureDetails(instance),
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
