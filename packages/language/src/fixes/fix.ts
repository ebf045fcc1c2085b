import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
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
    readonly diagnostic?: Diagnostic;
}

/** The statement a diagnostic or cursor position points into. */
export function statementAt(document: LangiumDocument, range: Range): Statement | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(range.start);
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, isStatement) : undefined;
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
