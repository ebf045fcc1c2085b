import {
    isAstNode,
    isMultiReference,
    isReference,
    type AstNode,
    type LangiumDocument,
    type ParseResult,
    type ReferenceInfo
} from 'langium';
import { reflection } from '../generated/ast.js';

/*
 * Langium walks a document's tree with lazy streams (`streamAst`,
 * `streamReferences`) and awaits a cancellation check at every node. On a
 * 10,000-line network (about 27,000 nodes) each of its walks (local
 * symbols, linking, the reference index, validation) cost 50–110 ms, most
 * of it in the streams' iterators and the awaits. These walks visit the
 * same nodes in the same order (pre-order, properties in the order the
 * parser set them, arrays in index order) with plain loops.
 */

/** Every node of the tree under `root`, `root` first, in the order of Langium's `streamAst`. */
export function allNodes(root: AstNode): AstNode[] {
    const nodes: AstNode[] = [];
    collectNodes(root, nodes);
    return nodes;
}

/*
 * The walks are plain functions that take what they fill as a parameter, not
 * closures: V8 may hold a closure's context (and the tree it reaches) while it
 * optimizes the code on a background thread, past the walk, and a closed
 * document's tree would then outlive it (test/lsp/server-keeps-up.test.ts).
 */

/** Recursion is as deep as the tree, which the lexer's nesting limits bound (parser/nesting.ts). */
function collectNodes(node: AstNode, nodes: AstNode[]): void {
    nodes.push(node);
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value: unknown = (node as unknown as Record<string, unknown>)[property];
        if (Array.isArray(value)) {
            for (const item of value) if (isAstNode(item)) collectNodes(item, nodes);
        } else if (isAstNode(value)) {
            collectNodes(value, nodes);
        }
    }
}

const nodesByParse = new WeakMap<ParseResult, AstNode[]>();
const referencesByParse = new WeakMap<ParseResult, ReferenceInfo[]>();

/**
 * `allNodes` of the document's tree, walked once per parse: local symbols,
 * linking, the reference index and validation visit the same tree in one
 * build. Each parse (a full one, or a reparse of some statements) gives a new
 * ParseResult, so a changed tree is never served from here.
 */
export function documentNodes(document: LangiumDocument): AstNode[] {
    let nodes = nodesByParse.get(document.parseResult);
    if (!nodes) nodesByParse.set(document.parseResult, (nodes = allNodes(document.parseResult.value)));
    return nodes;
}

/** The document's cross-references in the order of its nodes, found once per parse (for linking, then the index). */
export function documentReferences(document: LangiumDocument): ReferenceInfo[] {
    let references = referencesByParse.get(document.parseResult);
    if (!references) {
        references = [];
        for (const node of documentNodes(document)) collectReferences(node, references);
        referencesByParse.set(document.parseResult, references);
    }
    return references;
}

/** Whether nodes of a type can hold a cross-reference: only the grammar's cross-reference properties do. */
const referencesByType = new Map<string, boolean>();
function canHoldReferences(type: string): boolean {
    let can = referencesByType.get(type);
    if (can === undefined) {
        can = Object.values(reflection.getTypeMetaData(type).properties).some(p => p.referenceType !== undefined);
        referencesByType.set(type, can);
    }
    return can;
}

/** Appends the cross-references held by `node`, as Langium's `streamReferences` gives them. */
export function collectReferences(node: AstNode, references: ReferenceInfo[]): void {
    // Most nodes (layers, numbers, options) have no cross-reference property: their values are not looked at.
    if (!canHoldReferences(node.$type)) return;
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */) continue;
        const value: unknown = (node as unknown as Record<string, unknown>)[property];
        if (isReference(value) || isMultiReference(value)) {
            references.push({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const item: unknown = value[index];
                if (isReference(item) || isMultiReference(item)) references.push({ reference: item, container: node, property, index });
            }
        }
    }
}

/**
 * How many nodes a walk visits between two cancellation checks. Langium's
 * `interruptAndCheck` yields to the event loop at most every 10 ms anyway,
 * and a few hundred nodes take far less; awaiting it at every node cost more
 * than the work.
 */
export const NODES_PER_CHECK = 256;
