import * as vscode from 'vscode';
import { analyzeSources, type DocumentAnalysis, type TextReader } from 'convspec-language';

/*
 * The network view analyses the editor's text in the extension host with the
 * language package's API (no server round trip, no custom LSP request): the
 * same inference the server runs, on the unsaved buffer. Imported files are
 * read from open editors first, then through `workspace.fs` (so virtual
 * workspaces work), and never from outside the file's workspace folder — the
 * package's one import loader applies that rule for the CLI too.
 */

async function readText(uri: string): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
    if (open) return open.getText();
    try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
    } catch {
        return undefined;
    }
}

export async function analyzeTextDocument(document: vscode.TextDocument): Promise<DocumentAnalysis> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const root = folder?.uri ?? vscode.Uri.joinPath(document.uri, '..');
    const main = document.uri.toString();
    const read: TextReader = async uri => (uri.toString() === main ? document.getText() : readText(uri.toString()));
    const [file] = await analyzeSources([main], { root: root.toString(), read, validation: false });
    return file.analysis;
}
