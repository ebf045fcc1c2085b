import type { AstNode, ValidationAcceptor } from 'langium';
import { isNetwork, type Block, type Network } from '../generated/ast.js';
import { statementsUnder } from '../workspace/statements.js';
import { acceptIssue } from './report-issue.js';

/** Labels are unique within their network or block, nested statements included. */
export function checkLabels(container: Network | Block, accept: ValidationAcceptor): void {
    const first = new Map<string, AstNode>();
    for (const node of statementsUnder(container)) {
        const label = node.label;
        if (typeof label !== 'string') continue;
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
    }
}
