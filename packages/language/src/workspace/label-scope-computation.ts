import { AstUtils, DefaultScopeComputation, type AstNode, type AstNodeDescription, type LangiumDocument, type MultiMap } from 'langium';
import { isBlock, isNetwork, isStatement } from '../generated/ast.js';

/**
 * A label is visible in the whole network or block that has it (§4.1: a
 * reference names an earlier statement of the same network or block body,
 * nested or not), not only inside the structure around it, which is
 * Langium's default. Whether it comes earlier is the validator's
 * `forward-reference`.
 */
export class LabelScopeComputation extends DefaultScopeComputation {
    protected override addLocalSymbol(node: AstNode, document: LangiumDocument, symbols: MultiMap<AstNode, AstNodeDescription>): void {
        if (!isStatement(node) || !node.label) return super.addLocalSymbol(node, document, symbols);
        const owner = AstUtils.getContainerOfType(node, n => isNetwork(n) || isBlock(n));
        const name = this.nameProvider.getName(node);
        if (owner && name) symbols.add(owner, this.descriptions.createDescription(node, name, document));
    }
}
