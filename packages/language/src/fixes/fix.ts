import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { isStatement, type Conv, type DwConv, type Pool, type Statement } from '../generated/ast.js';

/**
 * A fix or refactoring as plain text edits: the language server turns it into
 * a CodeAction, `convspec fix` applies it to the file.
 */
export interface ConvFix {
    readonly title: string;
    readonly kind: 'quickfix' | 'refactor.rewrite';
    readonly isPreferred: boolean;
    readonly edits: TextEdit[];
}

/**
 * Every statement whose text the range touches, outermost first: a selected
 * line, a selection over several statements, or a cursor inside one.
 */
export function statementsInRange(document: LangiumDocument, range: Range): Statement[] {
    const text = document.textDocument;
    const start = text.offsetAt(range.start);
    const end = text.offsetAt(range.end);
    const touched: Statement[] = [];
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        const cst = node.$cstNode;
        if (!isStatement(node) || !cst) continue;
        // A cursor (empty range) touches the statement it sits in, ends included.
        if (cst.offset <= end && start <= cst.end) touched.push(node);
    }
    return touched;
}

export function nodeRange(node: AstNode): Range | undefined {
    return node.$cstNode?.range;
}

/** Insert `text` right after the node. */
export function insertAfter(node: AstNode, text: string): TextEdit | undefined {
    const range = nodeRange(node);
    return range && { range: { start: range.end, end: range.end }, newText: text };
}

export function replaceNode(node: AstNode, text: string): TextEdit | undefined {
    const range = nodeRange(node);
    return range && { range, newText: text };
}

/** The sliding-window layers, whose padding a fix can change. */
export function isWindowLayer(node: unknown): node is Conv | DwConv | Pool {
    const type = (node as { $type?: string } | undefined)?.$type;
    return type === 'Conv' || type === 'DwConv' || type === 'Pool';
}

/** `N` when both axes agree, `WxH` when they do not. */
export function sizeText(w: number, h: number): string {
    return w === h ? String(w) : `${w}x${h}`;
}
