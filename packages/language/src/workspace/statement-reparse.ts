import {
    CstUtils,
    isCompositeCstNode,
    isLeafCstNode,
    type AstNode,
    type CompositeCstNode,
    type CstNode,
    type LangiumParser,
    type LeafCstNode,
    type Mutable,
    type ParseResult
} from 'langium';
import { isBlock, isNetwork, type Block, type Model, type Network } from '../generated/ast.js';
import { utf8LengthExceeds } from '../parser/size-limit.js';
import { lastLineLength, lineBreaks, moveInto, setRootText, shiftAfter } from './cst-move.js';
import { charactersSeparate, joins, onlySpaceAndComments } from './reparse-boundaries.js';

/*
 * Typing one character in a 10,000-line network reparsed all of it: about
 * 250 ms of Langium's parser (tokens, CST and AST nodes, and the garbage
 * collection of the old ones), the largest part of an edit's cost. Here the
 * statements around the change are reparsed alone, inside a network (or
 * block) of their own, and put in place of the old ones; the rest of the tree
 * is kept, its positions shifted.
 *
 * The result must be the tree a full parse gives, or nothing: any doubt falls
 * back to the full parse. It is the same tree when
 *
 * - the new statements parse without any error, the old parse had none
 *   outside the statements replaced (no lexing error at all), and the whole
 *   text stays under the size limit: the parse was then at the start of a
 *   statement where the old statements began and after they ended, with no
 *   token skipped between;
 * - the change lies inside one network's or block's braces, and the reparsed
 *   text runs from the start of a statement (or the `{`) to the end of one
 *   (or the `}`), so both ends are where a full parse ends a statement;
 * - at each end, the characters that meet cannot make one token (a word or
 *   number running on, a line comment running to the end of its line), and
 *   the tokens that meet cannot belong to one statement: one of them is `{`,
 *   `}` or `;`, or the later one starts a statement and cannot continue one
 *   and is on a later line (the lexer reads an unknown word to the end of its
 *   line, parser/recovering-lexer.ts): reparse-boundaries.ts.
 *
 * test/workspace/statement-reparse.test.ts compares the result with a full
 * parse, node for node and position for position, over thousands of random
 * edits. It relies on Langium 4.1.3's CST classes (cst-node-builder.js),
 * whose private fields it updates: the test fails if they change.
 */

/** The most nodes a reparse puts in place; beyond, the full parse. */
const MAX_REPLACED = 10_000;

/** The same grammar rule that holds the statements in the document, with a header of its own. */
const WRAPPERS = { Network: 'network N {', Block: 'block b() {' } as const;

interface TextChange {
    /** Offsets of the change in the old text: [start, oldEnd) became [start, newEnd) of the new one. */
    readonly start: number;
    readonly oldEnd: number;
    readonly newEnd: number;
}

/**
 * The parse of `newText`, made from `previous` (the parse of `oldText`) by
 * reparsing the statements the change touches; undefined when that cannot be
 * sure to equal a full parse. `previous` is updated in place and must not be
 * used afterwards when the result is defined.
 */
export function reparseStatements(
    parser: LangiumParser,
    previous: ParseResult<Model>,
    oldText: string,
    newText: string
): ParseResult<Model> | undefined {
    if (previous.lexerErrors.length > 0 || (previous.lexerReport?.diagnostics.length ?? 0) > 0 || utf8LengthExceeds(newText)) {
        return undefined;
    }
    const root = previous.value.$cstNode;
    if (!root || root.root.fullText !== oldText) return undefined;
    const change = textChange(oldText, newText);
    const declaration = previous.value.declarations.find(d => {
        const cst = d.$cstNode;
        return cst !== undefined && cst.offset < change.start && change.oldEnd < cst.end;
    });
    if (!declaration) return undefined;
    const body = bodyOf(declaration);
    if (!body) return undefined;
    const replaced = replacedItems(body, change);
    if (!replaced) return undefined;
    const { first, last, start, end } = replaced;
    const before = previousToken(body.content, first);
    const after = nextToken(body.content, last);
    if (!before || !after) return undefined;
    // Errors the edit may have fixed: after the start of what is reparsed (an error at its first token is the statement
    // before it failing), up to the token after it (where an unfinished statement stopped).
    const errorsInside = previous.parserErrors.every(e => e.token.startOffset > start && e.token.startOffset <= after.token.offset);
    if (!errorsInside) return undefined;
    const slice = newText.slice(start, end + newText.length - oldText.length);
    const header = WRAPPERS[declaration.$type];
    const wrapped = parser.parse(`${header}${slice}\n}`, { rule: declaration.$type }) as ParseResult<Network | Block>;
    if (!isClean(wrapped) || wrapped.value.$type !== declaration.$type) return undefined;
    const wrapperBody = wrapped.value.$cstNode;
    if (!isCompositeCstNode(wrapperBody)) return undefined;
    const open = wrapperBody.content.findIndex(n => isLeafCstNode(n) && n.tokenType.name === '{');
    const close = wrapperBody.content.length - 1;
    if (open < 0 || !isKeyword(wrapperBody.content[close], '}')) return undefined;
    const items = wrapperBody.content.slice(open + 1, close);
    // A slice that large gains nothing over a full parse, and its nodes are spread into calls below (a stack of ~120,000 overflows).
    if (items.length > MAX_REPLACED || wrapped.value.statements.length > MAX_REPLACED) return undefined;

    // Where the slice starts in the document, and how the text after it moves.
    const at = positionOf(body, first, start);
    const oldEndPosition = endPositionOf(body, last, end);
    const lines = lineBreaks(slice) - lineBreaks(oldText.slice(start, end));
    const endColumn = lastLineLength(slice) ?? at.character + slice.length;
    for (const item of items) moveInto(item, root.root, header.length, start, at);
    if (!charactersSeparate(newText, start, start + slice.length, items)) return undefined;

    // Both ends must join as they would in a full parse, with nothing but spaces and comments on the way.
    if (!onlySpaceAndComments(oldText, before.token.end, start, body.content.slice(before.index + 1, first))) return undefined;
    if (!onlySpaceAndComments(oldText, end, after.token.offset, body.content.slice(last + 1, after.index))) return undefined;
    const afterLine = after.token.range.start.line + lines;
    const newFirst = firstToken(items);
    const newLast = lastToken(items);
    const previousEnd = before.token.range.end.line;
    if (!joins(before.token, previousEnd, newFirst ?? after.token, newFirst ? newFirst.range.start.line : afterLine)) return undefined;
    if (!joins(newLast ?? before.token, newLast ? newLast.range.end.line : previousEnd, after.token, afterLine)) return undefined;
    // And the old tokens after the slice were lexed after the old ones before them: no reading across from there either.
    const oldLast = lastToken(body.content.slice(first, last + 1)) ?? before.token;
    if (!joins(oldLast, oldLast.range.end.line, after.token, after.token.range.start.line)) return undefined;

    // The statements replaced, by position: a statement whose parse failed may have a node in the CST and none in the AST.
    const statements: AstNode[] = declaration.statements;
    const offsetOf = (n: AstNode) => n.$cstNode?.offset ?? -1;
    const statementIndex = firstIndexWhere(statements, 0, statements.length, n => offsetOf(n) >= start);
    const removed = firstIndexWhere(statements, statementIndex, statements.length, n => offsetOf(n) >= end) - statementIndex;
    // The new text, with everything after the slice moved; then the new statements in place of the old.
    shiftAfter(body, last, newText.length - oldText.length, oldEndPosition, lines, endColumn - oldEndPosition.character);
    setRootText(root, newText);
    body.content.splice(first, last - first + 1, ...items);
    statements.splice(statementIndex, removed, ...wrapped.value.statements);
    // The parser keeps its last tree until the next parse: the wrapper must not lead it to the document's.
    const moved: unknown[] = wrapped.value.statements;
    moved.length = 0;
    wrapperBody.content.splice(open + 1, items.length);
    for (let index = statementIndex; index < statements.length; index++) {
        const statement: Mutable<AstNode> = statements[index];
        statement.$container = declaration;
        statement.$containerProperty = 'statements';
        statement.$containerIndex = index;
    }
    return { value: previous.value, lexerErrors: [], lexerReport: { diagnostics: [] }, parserErrors: [] };
}

function isClean(result: ParseResult): boolean {
    return result.lexerErrors.length === 0 && result.parserErrors.length === 0 && (result.lexerReport?.diagnostics.length ?? 0) === 0;
}

/** The common prefix and suffix of the two texts, and what lies between. */
function textChange(oldText: string, newText: string): TextChange {
    const shorter = Math.min(oldText.length, newText.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
    let suffix = 0;
    while (
        suffix < shorter - start &&
        oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
    ) {
        suffix++;
    }
    return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** The CST node whose content is the declaration's own tokens: header, `{`, statements, `}`. */
function bodyOf(declaration: Network | Block): CompositeCstNode | undefined {
    let node = declaration.$cstNode;
    // A declaration's node wraps its rule's node (`Declaration: Network | Block`).
    while (isCompositeCstNode(node) && !node.content.some(n => isKeyword(n, '{'))) {
        node = node.content.length === 1 ? node.content[0] : undefined;
    }
    if (!isCompositeCstNode(node) || !isKeyword(node.content[node.content.length - 1], '}')) return undefined;
    return isNetwork(declaration) || isBlock(declaration) ? node : undefined;
}

/**
 * The run of the body's content to reparse: from the last statement starting
 * at or before the change (or just after `{`) to the first statement ending
 * at or after it (or just before `}`), with the separators and comments
 * between. Undefined when the change reaches a brace of the body.
 */
function replacedItems(
    body: CompositeCstNode,
    change: TextChange
): { first: number; last: number; start: number; end: number } | undefined {
    const content = body.content;
    const open = content.findIndex(n => isKeyword(n, '{'));
    const close = content.length - 1;
    if (change.start < content[open].end || change.oldEnd > content[close].offset) return undefined;
    // The content is in text order: offsets and ends grow with the index, so bisection finds both ends.
    let first = lastIndexWhere(content, open + 1, close, n => n.offset <= change.start);
    while (first > open && !isCompositeCstNode(content[first])) first--;
    let last = firstIndexWhere(content, open + 1, close, n => n.end >= change.oldEnd);
    while (last < close && !isCompositeCstNode(content[last])) last++;
    const start = first > open ? content[first].offset : content[open].end;
    if (first === open) first = open + 1;
    const end = last < close ? content[last].end : content[close].offset;
    if (last === close) last = close - 1;
    if (last < first) {
        // An insertion where two statements touch: the statement after it is the one to reparse.
        last = first;
        return { first, last, start, end: content[first].end };
    }
    return { first, last, start, end };
}

/** The last index in [from, to) whose node satisfies `test`, which holds for a prefix of the range; from − 1 if none. */
function lastIndexWhere<T>(nodes: readonly T[], from: number, to: number, test: (n: T) => boolean): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (test(nodes[mid])) lo = mid + 1;
        else hi = mid;
    }
    return lo - 1;
}

/** The first index in [from, to) whose node satisfies `test`, which holds for a suffix of the range; `to` if none. */
function firstIndexWhere<T>(nodes: readonly T[], from: number, to: number, test: (n: T) => boolean): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (test(nodes[mid])) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

function isKeyword(node: CstNode | undefined, keyword: string): node is LeafCstNode {
    return isLeafCstNode(node) && !node.hidden && node.tokenType.name === keyword;
}

/** The document position of `offset`, the start of content[first] or the end of the `{` before it. */
function positionOf(body: CompositeCstNode, first: number, offset: number): { line: number; character: number } {
    const node = body.content[first];
    if (node && node.offset === offset && !node.hidden && isCompositeCstNode(node)) return node.range.start;
    const open = body.content[first - 1];
    return open.range.end;
}

/** The position of `offset`: the end of content[last], or the start of the `}` after it. */
function endPositionOf(body: CompositeCstNode, last: number, offset: number): { line: number; character: number } {
    const node = body.content[last];
    if (node && node.end === offset && isCompositeCstNode(node)) return { ...node.range.end };
    return { ...body.content[last + 1].range.start };
}

/** The last token (non-hidden leaf) before content[index], looking into statements, and the index of its node. */
function previousToken(content: readonly CstNode[], index: number): { token: LeafCstNode; index: number } | undefined {
    for (let k = index - 1; k >= 0; k--) {
        const token = lastToken([content[k]]);
        if (token) return { token, index: k };
    }
    return undefined;
}

/** The first token after content[index], and the index of its node. */
function nextToken(content: readonly CstNode[], index: number): { token: LeafCstNode; index: number } | undefined {
    for (let k = index + 1; k < content.length; k++) {
        const token = firstToken([content[k]]);
        if (token) return { token, index: k };
    }
    return undefined;
}

function firstToken(nodes: readonly CstNode[]): LeafCstNode | undefined {
    for (const node of nodes) {
        for (const leaf of CstUtils.streamCst(node)) if (isLeafCstNode(leaf) && !leaf.hidden) return leaf;
    }
    return undefined;
}

function lastToken(nodes: readonly CstNode[]): LeafCstNode | undefined {
    for (let k = nodes.length - 1; k >= 0; k--) {
        let found: LeafCstNode | undefined;
        for (const leaf of CstUtils.streamCst(nodes[k])) if (isLeafCstNode(leaf) && !leaf.hidden) found = leaf;
        if (found) return found;
    }
    return undefined;
}
