import { AstUtils, CstUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import type { Range, RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { isStatement, type Statement } from '../generated/ast.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Blocks and labels rename through Langium's references (blocks across
 * imports; labels within their network or block, with every `concat with`,
 * `add`, `route`, `multiply` and `L.d` that reads them). A label's token
 * includes its colon (`conv1:`), so its own edit covers the name part only.
 */
export class ConvspecRenameProvider extends DefaultRenameProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        if (!NAME.test(params.newName)) return undefined;
        const labelled = this.labelledStatementAt(document, params);
        const edit = labelled ? this.renameLabel(labelled, params.newName) : await super.rename(document, params);
        return edit && this.keepColons(edit);
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const labelled = this.labelledStatementAt(document, params);
        return (labelled && this.nameOfLabel(labelled)) ?? this.renameNodeRange(document, params.position);
    }

    /** The statement whose label token is under the cursor. */
    private labelledStatementAt(document: LangiumDocument, params: TextDocumentPositionParams): Statement | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        if (!leaf) return undefined;
        const statement = AstUtils.getContainerOfType(leaf.astNode, isStatement);
        return statement?.label && leaf.text.endsWith(':') && leaf.astNode === statement ? statement : undefined;
    }

    private nameOfLabel(statement: Statement): Range | undefined {
        const token = this.nameProvider.getNameNode(statement);
        if (!token || !statement.label) return undefined;
        const { start } = token.range;
        return { start, end: { line: start.line, character: start.character + statement.label.length } };
    }

    private renameLabel(statement: Statement, newName: string): WorkspaceEdit {
        const changes: Record<string, TextEdit[]> = {};
        for (const ref of this.references.findReferences(statement, { includeDeclaration: true })) {
            (changes[ref.sourceUri.toString()] ??= []).push({ range: ref.segment.range, newText: newName });
        }
        return { changes };
    }

    /** An edit of a label's token (`conv1:`, `pool1 :`) keeps its colon: only the name is replaced. */
    private keepColons(edit: WorkspaceEdit): WorkspaceEdit {
        const changes: Record<string, TextEdit[]> = {};
        for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
            const text = this.documents.all.find(d => d.uri.toString() === uri)?.textDocument;
            changes[uri] = edits.map(e => {
                const label = text && /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:$/.exec(text.getText(e.range));
                if (!label) return e;
                const { start } = e.range;
                return { ...e, range: { start, end: { line: start.line, character: start.character + label[1].length } } };
            });
        }
        return { changes };
    }
}
