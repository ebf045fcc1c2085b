import {
    BrowserMessageReader,
    BrowserMessageWriter,
    createProtocolConnection,
    type ClientCapabilities,
    type Diagnostic,
    type InitializeResult,
    type ProtocolConnection,
    type PublishDiagnosticsParams,
    type ServerCapabilities
} from 'vscode-languageserver-protocol/browser.js';

/** What the page tells the server it can do: the features the Monaco adapter maps, nothing more. */
const CAPABILITIES: ClientCapabilities = {
    textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
        publishDiagnostics: { relatedInformation: false, codeDescriptionSupport: false, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        inlayHint: {},
        codeAction: {
            isPreferredSupport: true,
            dataSupport: false,
            codeActionLiteralSupport: {
                codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'refactor.extract', 'source'] }
            }
        },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        formatting: {},
        codeLens: {},
        signatureHelp: { signatureInformation: { documentationFormat: ['markdown', 'plaintext'] } },
        rename: { prepareSupport: false }
    },
    workspace: { inlayHint: { refreshSupport: true }, configuration: false, workspaceFolders: false }
};

/**
 * The page's end of the language server: a JSON-RPC connection to the worker
 * (the same messages VS Code sends over IPC), initialised with the features
 * the Monaco adapter maps.
 */
export class LanguageServerConnection {
    readonly connection: ProtocolConnection;
    capabilities: ServerCapabilities = {};
    private readonly diagnosticListeners: ((uri: string, diagnostics: Diagnostic[]) => void)[] = [];
    private readonly refreshListeners: (() => void)[] = [];

    constructor(worker: Worker) {
        this.connection = createProtocolConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            for (const listener of this.diagnosticListeners) listener(params.uri, params.diagnostics);
        });
        this.connection.onRequest('workspace/inlayHint/refresh', () => {
            for (const listener of this.refreshListeners) listener();
            return null;
        });
        // Langium registers its file watcher dynamically; the page's files change only through didChange.
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onNotification('window/logMessage', (params: { message: string }) => console.info(`[server] ${params.message}`));
        this.connection.listen();
    }

    /** `initializationOptions` as the VS Code extension sends them (`networkViewCommand`: what the lenses run). */
    async initialize(initializationOptions: object = {}): Promise<void> {
        const result: InitializeResult = await this.connection.sendRequest('initialize', {
            processId: null,
            rootUri: null,
            capabilities: CAPABILITIES,
            initializationOptions,
            workspaceFolders: null
        });
        this.capabilities = result.capabilities;
        await this.connection.sendNotification('initialized', {});
    }

    onDiagnostics(listener: (uri: string, diagnostics: Diagnostic[]) => void): void {
        this.diagnosticListeners.push(listener);
    }

    /** The server asks for hints again (a setting changed, a file another one imports changed). */
    onInlayHintRefresh(listener: () => void): void {
        this.refreshListeners.push(listener);
    }

    /** The user's `convspec.*` settings; the server re-renders hints and lenses and asks for them again. */
    didChangeConfiguration(settings: object): void {
        void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { convspec: settings } });
    }

    didOpen(uri: string, version: number, text: string): void {
        void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'conv', version, text } });
    }

    /** The whole text each time: the page's files are small, and a full replacement cannot drift. */
    didChange(uri: string, version: number, text: string): void {
        void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    didClose(uri: string): void {
        void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
}
