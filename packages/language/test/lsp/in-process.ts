/**
 * The language server's providers in process: the same services the stdio
 * server runs (`createConvspecServices`), documents opened and changed the
 * way Langium's DocumentUpdateHandler does it (a TextDocument, then
 * `DocumentBuilder.update`), requests dispatched to the provider each LSP
 * method maps to, and every answer passed through JSON as it would cross the
 * wire. A test file gets one session: no process, no framing, no waiting for
 * notifications.
 */
import { EmptyFileSystem, TextDocument, URI } from 'langium';
import { setTextDocument } from 'langium/test';
import { createConvspecServices, type ConvspecLspServices } from '../../src/lsp/convspec-lsp-module.js';
import type { LangiumSharedServices } from 'langium/lsp';
import { expectNoLeak } from '../message-check.js';
import { EditorSession } from './editor-session.js';

let sessions = 0;

/**
 * JSON in and out, as over the wire: `undefined` fields vanish, class
 * instances become plain objects. No answer may show a JavaScript value.
 */
function wire<T>(value: T, what: string): T {
    if (value === undefined) return null as T;
    const json = JSON.stringify(value);
    expectNoLeak(json, what);
    return JSON.parse(json);
}

export class InProcessSession extends EditorSession {
    private readonly shared: LangiumSharedServices;
    readonly services: ConvspecLspServices;
    private readonly versions = new Map<string, number>();
    private readonly disposers = new Map<string, { dispose(): void }>();
    private counter = 0;
    /** The folder every document of this session lives in. */
    readonly dir = `/session-${++sessions}`;
    /** In process nothing can exit; kept so tests read alike over stdio and here. */
    readonly exited = false;

    private constructor() {
        super();
        const { shared, Convspec } = createConvspecServices({ ...EmptyFileSystem });
        this.shared = shared;
        this.services = Convspec;
    }

    static async start(): Promise<InProcessSession> {
        return new InProcessSession();
    }

    async stop(): Promise<void> {
        for (const d of this.disposers.values()) d.dispose();
    }

    uri(name: string): string {
        return URI.file(`${this.dir}/${name}`).toString();
    }

    /** The user's `convspec.*` settings, as an editor's didChangeConfiguration sends them. */
    configure(settings: object): void {
        this.shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { convspec: settings } });
    }

    /** Opens a document (a fresh name unless given) and resolves with its diagnostics. `onDisk` has no meaning here. */
    async open(text: string, name = `doc${this.counter++}.conv`, _onDisk = false): Promise<{ uri: string; diagnostics: any[] }> {
        const uri = this.uri(name);
        this.versions.set(uri, 1);
        return { uri, diagnostics: await this.sync(uri, text, 1) };
    }

    /** Replaces the whole text and resolves with the new diagnostics. */
    async change(uri: string, text: string): Promise<any[]> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        return this.sync(uri, text, version);
    }

    /** In process every build has finished when `change` resolves: the diagnostics are settled. */
    async settled(uri: string, _accept: (diagnostics: any[]) => boolean): Promise<any[]> {
        return this.diagnostics(uri);
    }

    close(uri: string): void {
        this.disposers.get(uri)?.dispose();
        this.disposers.delete(uri);
        this.texts.delete(uri);
    }

    private async sync(uri: string, text: string, version: number): Promise<any[]> {
        this.disposers.get(uri)?.dispose();
        this.disposers.set(uri, setTextDocument(this.shared, TextDocument.create(uri, 'conv', version, text)));
        this.texts.set(uri, text);
        await this.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        return this.diagnostics(uri);
    }

    private diagnostics(uri: string): any[] {
        return wire(this.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))?.diagnostics ?? [], `diagnostics of ${uri}`);
    }

    private document(uri: string) {
        const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        if (!document) throw new Error(`${uri} is not open`);
        return document;
    }

    /** The provider behind each LSP request, called as Langium's request handlers call it. */
    async request<T = any>(method: string, params: any): Promise<T> {
        const document = this.document(params.textDocument.uri);
        const lsp = this.services.lsp;
        const call = async (): Promise<unknown> => {
            switch (method) {
                case 'textDocument/inlayHint':
                    return lsp.InlayHintProvider?.getInlayHints(document, params);
                case 'textDocument/hover':
                    return lsp.HoverProvider?.getHoverContent(document, params);
                case 'textDocument/codeAction':
                    return lsp.CodeActionProvider?.getCodeActions(document, params);
                case 'textDocument/codeLens':
                    return lsp.CodeLensProvider?.provideCodeLens(document, params);
                case 'textDocument/completion':
                    return lsp.CompletionProvider?.getCompletion(document, params);
                case 'textDocument/signatureHelp':
                    return lsp.SignatureHelp?.provideSignatureHelp(document, params);
                case 'textDocument/formatting':
                    return lsp.Formatter?.formatDocument(document, params);
                case 'textDocument/documentSymbol':
                    return lsp.DocumentSymbolProvider?.getSymbols(document, params);
                case 'textDocument/foldingRange':
                    return lsp.FoldingRangeProvider?.getFoldingRanges(document, params);
                case 'textDocument/definition':
                    return lsp.DefinitionProvider?.getDefinition(document, params);
                case 'textDocument/references':
                    return lsp.ReferencesProvider?.findReferences(document, params);
                case 'textDocument/rename':
                    return lsp.RenameProvider?.rename(document, params);
                case 'textDocument/prepareRename':
                    return lsp.RenameProvider?.prepareRename(document, params);
                default:
                    throw new Error(`no provider for ${method} in the in-process session`);
            }
        };
        return wire((await call()) as T, method);
    }
}
