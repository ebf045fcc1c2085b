import type { LayerSummary, NetworkSummary } from './summary-model.js';
import type { GroupNode, SummaryNode } from './summary-tree.js';
import { structureText } from '../presentation/structure-text.js';

/**
 * One row of the summary tables (table, markdown, latex, csv): a layer, a
 * structure with its subtotals, or one lane of a structure (a branch, an
 * iteration, a residual's body or shortcut).
 */
export interface SummaryRow {
    /** `layer` rows add up to the totals; `structure` and `lane` rows are subtotals of the layers below them. */
    readonly kind: 'layer' | 'structure' | 'lane';
    /** 1 for the network's own statements, one more per enclosing structure or lane (torchinfo's depth). */
    readonly depth: number;
    /** What the row is, without indentation: `conv1: conv`, `layer1: stage(64, 3, 1)`, `iteration 2`. */
    readonly name: string;
    /** The operation (`conv`, `dense`) or the structure's kind (`call`, `repeat`, `branch`, …). */
    readonly op: string;
    readonly label: string | null;
    readonly line: number | null;
    readonly input: number[] | null;
    readonly output: number[] | null;
    readonly kernel: string | null;
    readonly params: number | null;
    readonly macs: number | null;
    readonly rf: number | null;
    readonly jump: number | null;
}

const labelled = (label: string | null, text: string) => (label ? `${label}: ${text}` : text);

function groupName(node: GroupNode): string {
    switch (node.kind) {
        case 'iteration':
            return `iteration ${node.iteration}`;
        case 'branch':
            return `branch ${node.branch}`;
        default:
            return labelled(node.label, structureText(node));
    }
}

function layerRow(layer: LayerSummary, depth: number): SummaryRow {
    const { op, label, line, input, output, kernel, params, macs, rf, jump } = layer;
    return {
        kind: 'layer',
        depth,
        name: labelled(label, op),
        op,
        label,
        line,
        input,
        output,
        kernel,
        params,
        macs,
        rf,
        jump
    };
}

function groupRow(node: GroupNode, depth: number): SummaryRow {
    const lane = ['branch', 'body', 'shortcut', 'iteration'].includes(node.kind);
    return {
        kind: lane ? 'lane' : 'structure',
        depth,
        name: groupName(node),
        op: node.kind,
        label: node.label,
        line: node.line,
        input: node.input,
        output: node.output,
        kernel: null,
        params: node.params,
        macs: node.macs,
        rf: node.rf,
        jump: node.jump
    };
}

/**
 * The rows of one network, in execution order, structures before what they
 * hold. Rows deeper than `maxDepth` are folded into their structure's row,
 * as torchinfo's `depth` does. An empty lane (an identity shortcut or branch)
 * has no layer to show and no row.
 */
export function summaryRows(network: NetworkSummary, maxDepth = Infinity): SummaryRow[] {
    const rows: SummaryRow[] = [];
    const visit = (nodes: readonly SummaryNode[], depth: number) => {
        if (depth > maxDepth) return;
        for (const node of nodes) {
            if (node.kind === 'layer') {
                rows.push(layerRow(network.layers[node.layer], depth));
            } else if (node.children.length > 0) {
                rows.push(groupRow(node, depth));
                visit(node.children, depth + 1);
            } else if (node.identity !== true) {
                // A structure that did not expand (an unknown block, `repeat 0`): its row says so with its zero subtotal.
                rows.push(groupRow(node, depth));
            }
        }
    };
    visit(network.tree, 1);
    return rows;
}
