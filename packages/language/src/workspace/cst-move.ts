import { CstUtils, isLeafCstNode, LeafCstNodeImpl, type CompositeCstNode, type CstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';

/*
 * Moving CST nodes: the statements a reparse made (statement-reparse.ts) to
 * their place in the document, and every token after them by the length the
 * edit added or removed. Langium's CST nodes keep their offsets and ranges
 * in private fields (Langium 4.1.3, cst-node-builder.js); the reparse test
 * compares every node with a full parse, so a change there fails it.
 */

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

/** The root holds the document's text, which every node's `text` reads: the new text, once the nodes are moved. */
export function setRootText(root: CstNode, text: string): void {
    (root.root as unknown as MovableRoot)._text = text;
}

/** Line breaks as the lexer counts them: `\r\n`, `\n` and a lone `\r` are one each. */
export function lineBreaks(text: string): number {
    return text.match(/\r\n?|\n/g)?.length ?? 0;
}

/** The length of the text's last line, or undefined when it has one line only. */
export function lastLineLength(text: string): number | undefined {
    const match = /(?:\r\n?|\n)([^\r\n]*)$/.exec(text);
    return match ? match[1].length : undefined;
}

/** A node of the wrapper's tree, moved to `start` of the document (`at`): its offsets and positions, and its root. */
export function moveInto(node: CstNode, root: unknown, headerLength: number, start: number, at: { line: number; character: number }): void {
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
export function shiftAfter(
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
