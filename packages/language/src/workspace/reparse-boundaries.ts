import { CstUtils, isLeafCstNode, type CstNode, type LeafCstNode } from 'langium';
import { NETWORK_SETTINGS, OPTION_WORDS, STATEMENT_KEYWORDS } from '../names/vocabulary.js';

/*
 * Where a reparse (statement-reparse.ts) may cut the text: the tokens and
 * characters that meet at each end of the reparsed statements must be read
 * as they would be in a full parse, by the lexer (and its statement scanner,
 * parser/recovering-lexer.ts) and by the parser.
 */

/** Words that start a statement yet can also continue one: `add a crop`, a `bias` setting or option. */
const CONTINUING_STARTS: ReadonlySet<string> = new Set<string>(['crop', ...OPTION_WORDS]);

/**
 * Tokens that start a statement and can continue none: the statement and
 * setting keywords but those above (so not an option word, number,
 * operator, `x`, `,`, `.`, `(` or brace, nor `shortcut` or `with`). Names and
 * unknown words qualify: after a whole statement nothing takes a name.
 */
const SAFE_STARTS: ReadonlySet<string> = new Set([
    'LABEL',
    'ID',
    'UNKNOWN_STATEMENT',
    ...[...NETWORK_SETTINGS, ...STATEMENT_KEYWORDS].filter(word => !CONTINUING_STARTS.has(word))
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

/** What separates statements by itself. */
const SEPARATORS: ReadonlySet<string> = new Set(['{', '}', ';']);

/**
 * The slice's tokens are the full text's: the character before the slice
 * ends a token by itself (or is a space), and so does the one after it. In
 * the wrapper the slice is followed by a line break; in the text a space or
 * `;` after it would still be part of a line comment that ends the slice.
 */
export function charactersSeparate(text: string, start: number, end: number, items: readonly CstNode[]): boolean {
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
export function joins(a: LeafCstNode, aLine: number, b: LeafCstNode, bLine: number): boolean {
    if (SEPARATORS.has(a.tokenType.name) || SEPARATORS.has(b.tokenType.name)) return true;
    // A statement ending in such a keyword may have the lexer reading on into the next line.
    if (VALUE_TAKING_KEYWORDS.has(a.tokenType.name)) return false;
    return bLine > aLine && SAFE_STARTS.has(b.tokenType.name);
}

/** Between `from` and `to` only white space and the given comments: no token an error made the parser skip. */
export function onlySpaceAndComments(text: string, from: number, to: number, comments: readonly CstNode[]): boolean {
    let at = from;
    for (const comment of comments) {
        if (!comment.hidden || !/^\s*$/.test(text.slice(at, comment.offset))) return false;
        at = comment.end;
    }
    return /^\s*$/.test(text.slice(at, to));
}
