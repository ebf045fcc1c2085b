import * as vscode from 'vscode';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { createConvspecCoreServices } from 'convspec-language/out/convspec-module.js';
import type { Model } from 'convspec-language/out/generated/ast.js';
import type { DocumentAnalysis } from 'convspec-language/out/inference/model.js';
import { resolveImport } from 'convspec-language/out/workspace/imports.js';

/*
 * The network view analyses the editor's text in the extension host with the
 * language's core services (no server round trip, no custom LSP request):
 * the same inference the server runs, on the unsaved buffer. Imported files
 * are read from open editors first, then through `workspace.fs` (so virtual
 * workspaces work), and never from outside the file's workspace folder — the
 * rule the server and the CLI follow.
 */

async function readText(uri: URI): Promise<string | undefined> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
    if (open) return open.getText();
    try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(key)));
    } catch {
        return undefined;
    }
}

function isInside(root: URI, target: URI): boolean {
    const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
    return target.scheme === root.scheme && target.authority === root.authority && target.path.startsWith(prefix);
}

export async function analyzeTextDocument(document: vscode.TextDocument): Promise<DocumentAnalysis> {
    // Fresh services per analysis: documents and caches never leak between edits.
    const { shared, Convspec } = createConvspecCoreServices(EmptyFileSystem);
    const mainUri = URI.parse(document.uri.toString());
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const root = folder ? URI.parse(folder.uri.toString()) : URI.parse(document.uri.toString()).with({ path: mainUri.path.replace(/\/[^/]*$/, '') });
    const factory = shared.workspace.LangiumDocumentFactory;
    const main = factory.fromString<Model>(document.getText(), mainUri);
    shared.workspace.LangiumDocuments.addDocument(main);
    const all: LangiumDocument[] = [main];
    const queue: LangiumDocument[] = [main];
    const seen = new Set([mainUri.toString()]);
    while (queue.length > 0) {
        const current = queue.shift()!;
        for (const imp of (current.parseResult.value as Model).imports ?? []) {
            const target = resolveImport(current.uri, imp.path ?? '');
            if (seen.has(target.toString()) || !isInside(root, target)) continue;
            seen.add(target.toString());
            const text = await readText(target);
            if (text === undefined) continue;
            const imported = factory.fromString<Model>(text, target);
            shared.workspace.LangiumDocuments.addDocument(imported);
            all.push(imported);
            queue.push(imported);
        }
    }
    await shared.workspace.DocumentBuilder.build(all, { validation: false });
    return Convspec.inference.Analyzer.analyze(main);
}
