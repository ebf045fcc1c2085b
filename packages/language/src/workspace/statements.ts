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
export function statementsUnder(node: AstNode): Statement[] {
    const statements: Statement[] = [];
    collectStatements(node, statements);
    return statements;
}

/** A plain function filling `statements`, not a closure (see ast-walk.ts). */
function collectStatements(node: AstNode, statements: Statement[]): void {
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value: unknown = (node as unknown as Record<string, unknown>)[property];
        if (Array.isArray(value)) for (const item of value) collectChild(item, statements);
        else collectChild(value, statements);
    }
}

function collectChild(value: unknown, statements: Statement[]): void {
    if (!isAstNode(value)) return;
    if (STATEMENT_TYPES.has(value.$type)) {
        statements.push(value as Statement);
        collectStatements(value, statements);
    } else if (value.$type === Branch.$type) {
        collectStatements(value, statements);
    }
}
