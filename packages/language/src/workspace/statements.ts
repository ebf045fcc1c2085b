import { isAstNode, type AstNode } from 'langium';
import { isBranch, isStatement, type Statement } from '../generated/ast.js';

/**
 * Every statement under `node`, nested ones included, in the order of a walk
 * of the whole tree (Langium's `streamAllContents`). Only statements and
 * `branch { }` hold statements, so the numbers and options of a 10,000-layer
 * network are not visited.
 */
export function forEachStatement(node: AstNode, visit: (statement: Statement) => void): void {
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
