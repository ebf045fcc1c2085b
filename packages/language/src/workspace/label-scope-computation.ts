import {
    AstUtils,
    DefaultScopeComputation,
    interruptAndCheck,
    MultiMap,
    type AstNode,
    type AstNodeDescription,
    type Cancellation,
    type LangiumDocument,
    type LocalSymbols
} from 'langium';
import { isBlock, isNetwork, isStatement } from '../generated/ast.js';
import { documentNodes, NODES_PER_CHECK } from './ast-walk.js';

/**
 * A label is visible in the whole network or block that has it (§4.1: a
 * reference names an earlier statement of the same network or block body,
 * nested or not), not only inside the structure around it, which is
 * Langium's default. Whether it comes earlier is the validator's
 * `forward-reference`.
 */
export class LabelScopeComputation extends DefaultScopeComputation {
    /** Langium's, over the document's nodes walked once per parse (ast-walk.ts): the same symbols in the same order. */
    override async collectLocalSymbols(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const nodes = documentNodes(document);
        // The root is not a symbol of anything: Langium's walk starts below it.
        for (let k = 1; k < nodes.length; k++) {
            if (cancelToken && k % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            this.addLocalSymbol(nodes[k], document, symbols);
        }
        return symbols;
    }

    protected override addLocalSymbol(node: AstNode, document: LangiumDocument, symbols: MultiMap<AstNode, AstNodeDescription>): void {
        // The label first: every node of the document comes here, and few have one.
        if (!(node as { label?: unknown }).label || !isStatement(node)) return super.addLocalSymbol(node, document, symbols);
        const owner = AstUtils.getContainerOfType(node, n => isNetwork(n) || isBlock(n));
        const name = this.nameProvider.getName(node);
        if (owner && name) symbols.add(owner, this.descriptions.createDescription(node, name, document));
    }
}
