import { DefaultNameProvider, GrammarUtils, type AstNode, type CstNode } from 'langium';
import { isStatement } from '../generated/ast.js';

/**
 * A labelled layer is named by its label, so outlines, rename and
 * go-to-symbol treat `conv1:` like any declaration.
 */
export class ConvspecNameProvider extends DefaultNameProvider {
    override getName(node: AstNode): string | undefined {
        // The label first: it is asked of every node of a document, and few have one.
        if (labelOf(node) && isStatement(node)) return node.label;
        return super.getName(node);
    }

    override getNameNode(node: AstNode): CstNode | undefined {
        if (isStatement(node) && node.label) return GrammarUtils.findNodeForProperty(node.$cstNode, 'label');
        return super.getNameNode(node);
    }
}

function labelOf(node: AstNode): unknown {
    return (node as { label?: unknown }).label;
}
