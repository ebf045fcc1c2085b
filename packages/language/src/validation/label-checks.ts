import { isAstNode, type AstNode, type ValidationAcceptor } from 'langium';
import { isBranch, isNetwork, isStatement, type Block, type Network, type Statement } from '../generated/ast.js';
import { acceptIssue } from './report-issue.js';

/** Labels are unique within their network or block, nested statements included. */
export function checkLabels(container: Network | Block, accept: ValidationAcceptor): void {
    const first = new Map<string, AstNode>();
    forEachStatement(container, node => {
        const label = node.label;
        if (typeof label !== 'string') return;
        const earlier = first.get(label);
        if (earlier) {
            const line = (earlier.$cstNode?.range.start.line ?? 0) + 1;
            // A syntax error can leave the network or block without a name.
            const where = container.name ?? (isNetwork(container) ? 'this network' : 'this block');
            acceptIssue(accept, 'duplicate-label', `label \`${label}\` is already used on line ${line} of ${where}`, {
                node,
                property: 'label'
            });
        } else {
            first.set(label, node);
        }
    });
}

/**
 * Every statement under `node`, nested ones included, in the order of a walk
 * of the whole tree. Only statements have labels, and only statements and
 * `branch { }` hold statements: the numbers and options of 10,000 layers are
 * not visited.
 */
function forEachStatement(node: AstNode, visit: (statement: Statement) => void): void {
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value: unknown = (node as unknown as Record<string, unknown>)[property];
        for (const child of Array.isArray(value) ? value : [value]) {
            if (!isAstNode(child)) continue;
            if (isStatement(child)) visit(child);
            if (isStatement(child) || isBranch(child)) forEachStatement(child, visit);
        }
    }
}
