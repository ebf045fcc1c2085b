import { isAstNode, type AstNode } from 'langium';
import { Branch, reflection, Statement } from '../generated/ast.js';

/** Every kind of statement, by `$type`: what `isStatement` answers, without its lookup per node. */
const STATEMENT_TYPES: ReadonlySet<string> = new Set(reflection.getAllSubTypes(Statement.$type));

/**
 * Every statement under `node`, nested ones included, in the order of a walk
 * of the whole tree (Langium's `streamAllContents`). Only statements and
 * `branch { }` hold statements, so the numbers and options of a 10,000-layer
 * network are not walked into.
 */
export function forEachStatement(node: AstNode, visit: (statement: Statement) => void): void {
    const child = (value: unknown): void => {
        if (!isAstNode(value)) return;
        if (STATEMENT_TYPES.has(value.$type)) {
            visit(value as Statement);
            forEachStatement(value, visit);
        } else if (value.$type === Branch.$type) {
            forEachStatement(value, visit);
        }
    };
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value: unknown = (node as unknown as Record<string, unknown>)[property];
        if (Array.isArray(value)) for (const item of value) child(item);
        else child(value);
    }
}
