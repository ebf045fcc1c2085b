import type { AstNode } from 'langium';
import type { Concat, Residual } from '../generated/ast.js';
import type { LayerInstance, NetworkAnalysis } from '../inference/model.js';

/** One layer: one box in the diagram, one row in the table. */
export interface LayerItem {
    readonly kind: 'layer';
    readonly instance: LayerInstance;
}

/**
 * A structure with its contents. `lanes` are drawn side by side: a concat's
 * branches (empty = identity), a residual's body and shortcut (empty =
 * identity); a repeat or block call has one lane (every iteration, in order).
 */
export interface GroupItem {
    readonly kind: 'concat' | 'residual' | 'repeat' | 'call';
    readonly instance: LayerInstance;
    readonly lanes: readonly DiagramItem[][];
}

export type DiagramItem = LayerItem | GroupItem;

/** 1-based source line of an instance's statement. */
export function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}

/**
 * Rebuilds the nesting the analysis flattened. Instances come in execution
 * order and a structure entry follows its contents, so the contents of a
 * structure are the run of items just before it that lie inside it.
 */
export function networkTree(network: NetworkAnalysis): DiagramItem[] {
    const items: DiagramItem[] = [];
    for (const instance of network.instances) {
        if (!instance.structural) {
            items.push({ kind: 'layer', instance });
            continue;
        }
        const contents: DiagramItem[] = [];
        while (items.length > 0 && isInside(items[items.length - 1].instance, instance)) contents.unshift(items.pop()!);
        items.push(group(instance, contents));
    }
    return items;
}

/** The statement at the structure's call depth that led to `x`: the call site when `x` sits in a deeper block. */
function anchor(x: LayerInstance, depth: number): AstNode {
    return x.callPath.length > depth ? x.callPath[depth] : x.node;
}

function isInside(x: LayerInstance, structure: LayerInstance): boolean {
    const depth = structure.callPath.length;
    if (x.callPath.length < depth || structure.callPath.some((call, k) => x.callPath[k] !== call)) return false;
    if (structure.op === 'call') return x.callPath.length > depth && x.callPath[depth] === structure.node;
    for (let n = anchor(x, depth).$container; n; n = n.$container) {
        if (n === structure.node) return true;
    }
    return false;
}

/** The child of `container` on the way from `node` up to it. */
function childOf(container: AstNode, node: AstNode): AstNode | undefined {
    for (let n: AstNode | undefined = node; n; n = n.$container) {
        if (n.$container === container) return n;
    }
    return undefined;
}

function group(instance: LayerInstance, contents: DiagramItem[]): GroupItem {
    const depth = instance.callPath.length;
    switch (instance.op) {
        case 'concat': {
            const concat = instance.node as Concat;
            const lanes: DiagramItem[][] = concat.branches.map(() => []);
            for (const item of contents) {
                const branch = childOf(concat, anchor(item.instance, depth));
                const index = branch ? concat.branches.indexOf(branch as Concat['branches'][number]) : -1;
                (lanes[index] ?? lanes[lanes.length - 1] ?? (lanes[0] = [])).push(item);
            }
            return { kind: 'concat', instance, lanes };
        }
        case 'residual': {
            const residual = instance.node as Residual;
            const lanes: DiagramItem[][] = [[], []];
            for (const item of contents) {
                const statement = childOf(residual, anchor(item.instance, depth));
                lanes[statement?.$containerProperty === 'shortcutBody' ? 1 : 0].push(item);
            }
            return { kind: 'residual', instance, lanes };
        }
        case 'repeat':
            return { kind: 'repeat', instance, lanes: [contents] };
        default:
            return { kind: 'call', instance, lanes: [contents] };
    }
}

/** Every layer (non-structural instance) below `items`, in execution order. */
export function layersOf(items: readonly DiagramItem[]): LayerInstance[] {
    return items.flatMap(item => item.kind === 'layer' ? [item.instance] : item.lanes.flatMap(layersOf));
}
