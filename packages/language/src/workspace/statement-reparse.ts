import {
    CstUtils,
    isCompositeCstNode,
    isLeafCstNode,
    LeafCstNodeImpl,
    type AstNode,
    type CompositeCstNode,
    type CstNode,
    type LangiumParser,
    type LeafCstNode,
    type Mutable,
    type ParseResult
} from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { isBlock, isNetwork, type Block, type Model, type Network } from '../generated/ast.js';
import { utf8LengthExceeds } from '../parser/size-limit.js';

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
 *   (SAFE_STARTS) and is on a later line (the lexer reads an unknown word to
 *   the end of its line, parser/recovering-lexer.ts).
 *
 * test/workspace/statement-reparse.test.ts compares the result with a full
 * parse, node for node and position for position, over thousands of random
 * edits. It relies on Langium 4.1.3's CST classes (cst-node-builder.js),
 * whose private fields it updates: the test fails if they change.
 */

/**
 * Tokens that start a statement and can continue none: not an option word
 * (`pad`, `bias`, `floor`), not a number, operator, `x`, `,`, `.`, `(` or
 * brace, not `crop` (`add a crop`), `shortcut` or `with`. Names and unknown
 * words qualify: after a whole statement nothing takes a name.
 */
const SAFE_STARTS: ReadonlySet<string> = new Set([
    'LABEL',
    'ID',
    'UNKNOWN_STATEMENT',
    'input',
    'rounding',
    'conv',
    'dwconv',
    'deconv',
    'maxpool',
    'avgpool',
    'globalavgpool',
    'globalmaxpool',
    'adaptiveavgpool',
    'adaptivemaxpool',
    'upsample',
    'zeropad',
    'flatten',
    'dense',
    'fc',
    'batchnorm',
    'bn',
    'relu',
    'relu6',
    'leakyrelu',
    'prelu',
    'sigmoid',
    'tanh',
    'gelu',
    'silu',
    'swish',
    'hardswish',
    'hardsigmoid',
    'elu',
    'selu',
    'mish',
    'softplus',
    'softmax',
    'logsoftmax',
    'lrn',
    'identity',
    'dropout',
    'shuffle',
    'concat',
    'split',
    'residual',
    'repeat',
    'multiply',
    'add',
    'route'
]);

/**
 * Layers whose keyword the lexer's statement scanner reads as a start that
 * takes values, across line breaks (parser/recovering-lexer.ts, LAYER_ARITY
 * above 0). Such a keyword can also end a statement as a name or flag (`add a
 * crop`, a parameter named `shuffle`); the scanner then takes the next line's
 * first value (a name, a number) for its argument. A test derives this list
 * from the lexer itself.
 */
export const VALUE_TAKING_KEYWORDS: ReadonlySet<string> = new Set([
    'conv',
    'dwconv',
    'deconv',
    'maxpool',
    'avgpool',
    'adaptiveavgpool',
    'adaptivemaxpool',
    'upsample',
    'zeropad',
    'dense',
    'fc',
    'shuffle',
    'crop'
]);

/** The most nodes a reparse puts in place; beyond, the full parse. */
const MAX_REPLACED = 10_000;

/** What separates statements by itself. */
const SEPARATORS: ReadonlySet<string> = new Set(['{', '}', ';']);

/** The same grammar rule that holds the statements in the document, with a header of its own. */
const WRAPPERS = { Network: 'network N {', Block: 'block b() {' } as const;

/** The fields of Langium 4.1.3's CST node classes that a move updates (cst-node-builder.js). */
interface MovableLeaf {
    _offset: number;
    _range: Range;
    root: unknown;
}
interface MovableComposite {
    _rangeCache?: Range;
    root: unknown;
}
interface MovableRoot {
    _text: string;
}

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
    (root.root as unknown as MovableRoot)._text = newText;
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

/** Line breaks as the lexer counts them: `\r\n`, `\n` and a lone `\r` are one each. */
function lineBreaks(text: string): number {
    return text.match(/\r\n?|\n/g)?.length ?? 0;
}

/** The length of the text's last line, or undefined when it has one line only. */
function lastLineLength(text: string): number | undefined {
    const match = /(?:\r\n?|\n)([^\r\n]*)$/.exec(text);
    return match ? match[1].length : undefined;
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

/** Between `from` and `to` only white space and the given comments: no token an error made the parser skip. */
function onlySpaceAndComments(text: string, from: number, to: number, comments: readonly CstNode[]): boolean {
    let at = from;
    for (const comment of comments) {
        if (!comment.hidden || !/^\s*$/.test(text.slice(at, comment.offset))) return false;
        at = comment.end;
    }
    return /^\s*$/.test(text.slice(at, to));
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

/**
 * The slice's tokens are the full text's: the character before the slice
 * ends a token by itself (or is a space), and so does the one after it. In
 * the wrapper the slice is followed by a line break; in the text a space or
 * `;` after it would still be part of a line comment that ends the slice.
 */
function charactersSeparate(text: string, start: number, end: number, items: readonly CstNode[]): boolean {
    const before = text.charAt(start - 1);
    const after = text.charAt(end);
    if (!/^[\s{};]$/.test(before)) return false;
    // A `\r\n` cut in two is one line break in the text and two in the pieces.
    if ((before === '\r' && text.charAt(start) === '\n') || (text.charAt(end - 1) === '\r' && after === '\n')) return false;
    // `/*` without its `*/` in the slice: in the text a `*/` further on may close it.
    if (unclosedComment(text, start, end, items)) return false;
    if (after === '\n' || after === '\r') return true;
    if (!/^[ \t;}]$/.test(after)) return false;
    const last = lastLeaf(items);
    return !(last && last.end === end && last.tokenType.name === 'SL_COMMENT');
}

/**
 * A `/*` in the slice that no comment of the slice covers: it is the start of
 * a comment the slice does not close (the lexer made tokens of it, or an
 * unknown word swallowed it), which a `*\/` further on in the text may close.
 */
function unclosedComment(text: string, start: number, end: number, items: readonly CstNode[]): boolean {
    const comments: CstNode[] = [];
    for (const item of items) for (const leaf of CstUtils.streamCst(item)) if (isLeafCstNode(leaf) && leaf.hidden) comments.push(leaf);
    for (let at = text.indexOf('/*', start); at >= 0 && at < end; at = text.indexOf('/*', at + 1)) {
        if (!comments.some(c => c.offset <= at && at < c.end)) return true;
    }
    return false;
}

/** The last leaf, comments included. */
function lastLeaf(nodes: readonly CstNode[]): LeafCstNode | undefined {
    let found: LeafCstNode | undefined;
    for (const node of nodes) for (const leaf of CstUtils.streamCst(node)) if (isLeafCstNode(leaf)) found = leaf;
    return found;
}

/** `b` (on `bLine`) follows `a` (ending on `aLine`): true when no statement could take both. */
function joins(a: LeafCstNode, aLine: number, b: LeafCstNode, bLine: number): boolean {
    if (SEPARATORS.has(a.tokenType.name) || SEPARATORS.has(b.tokenType.name)) return true;
    // A statement ending in such a keyword may have the lexer reading on into the next line.
    if (VALUE_TAKING_KEYWORDS.has(a.tokenType.name)) return false;
    return bLine > aLine && SAFE_STARTS.has(b.tokenType.name);
}

/** A node of the wrapper's tree, moved to `start` of the document (`at`): its offsets and positions, and its root. */
function moveInto(node: CstNode, root: unknown, headerLength: number, start: number, at: { line: number; character: number }): void {
    for (const n of CstUtils.streamCst(node)) {
        if (isLeafCstNode(n)) {
            const leaf = n as unknown as MovableLeaf;
            leaf._offset += start - headerLength;
            const { start: s, end: e } = leaf._range;
            leaf._range = { start: moved(s, headerLength, at), end: moved(e, headerLength, at) };
            leaf.root = root;
        } else {
            const composite = n as unknown as MovableComposite;
            composite._rangeCache = undefined;
            composite.root = root;
        }
    }
}

function moved(p: { line: number; character: number }, headerLength: number, at: { line: number; character: number }) {
    // Keys in the order Langium's tokenToRange writes them.
    return p.line === 0
        ? { character: p.character - headerLength + at.character, line: at.line }
        : { character: p.character, line: p.line + at.line };
}

/**
 * Every token after content[last] of the body (and after the body, up to the
 * end of the document) moves by `delta` characters and `lines` lines; those
 * on the line where the slice ended, by `columns` too. The ranges of the
 * nodes that contain them hold the same position objects, so they follow.
 */
function shiftAfter(
    body: CompositeCstNode,
    last: number,
    delta: number,
    endPosition: { line: number; character: number },
    lines: number,
    columns: number
): void {
    const move = (p: { line: number; character: number }): void => {
        if (p.line === endPosition.line && p.character >= endPosition.character) p.character += columns;
        p.line += lines;
    };
    const shift = (node: CstNode): void => {
        if (node instanceof LeafCstNodeImpl) {
            const leaf = node as unknown as MovableLeaf;
            leaf._offset += delta;
            move(leaf._range.start);
            move(leaf._range.end);
            return;
        }
        const children = (node as CompositeCstNode).content;
        for (let k = 0; k < children.length; k++) shift(children[k]);
    };
    // A character replaced by another (16 → 17) moves nothing.
    if (delta === 0 && lines === 0 && columns === 0) return;
    for (let k = last + 1; k < body.content.length; k++) shift(body.content[k]);
    for (let node: CstNode = body; node.container; node = node.container) {
        const siblings = node.container.content;
        for (let k = siblings.indexOf(node) + 1; k < siblings.length; k++) shift(siblings[k]);
    }
}
