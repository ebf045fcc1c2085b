import { CstUtils, AstUtils, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import type { Range, RenameParams, TextDocumentPositionParams, WorkspaceEdit } from 'vscode-languageserver';
import { isStatement } from '../generated/ast.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Blocks rename through Langium's references (across imports). A label's token
 * includes its colon (`conv1:`), so labels get an edit of the name part only.
 */
export class ConvspecRenameProvider extends DefaultRenameProvider {
    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        if (!NAME.test(params.newName)) return undefined;
        const label = this.labelRange(document, params);
        if (label) return { changes: { [document.uri.toString()]: [{ range: label, newText: params.newName }] } };
        return super.rename(document, params);
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        return this.labelRange(document, params) ?? this.renameNodeRange(document, params.position);
    }

    private labelRange(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        if (!leaf) return undefined;
        const statement = AstUtils.getContainerOfType(leaf.astNode, isStatement);
        if (!statement?.label || !leaf.text.endsWith(':') || leaf.astNode !== statement) return undefined;
        const { start } = leaf.range;
        return { start, end: { line: start.line, character: start.character + statement.label.length } };
    }
}
