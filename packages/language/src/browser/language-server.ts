import { EmptyFileSystem, type FileSystemProvider } from 'langium';
import { startLanguageServer, type LangiumSharedServices } from 'langium/lsp';
import { BrowserMessageReader, BrowserMessageWriter, createConnection, type Connection } from 'vscode-languageserver/browser.js';
import { createConvspecServices, type ConvspecLspServices } from '../lsp/convspec-lsp-module.js';

/** What a worker talks over: itself (`self` in a dedicated worker), a MessagePort or a Worker. */
export type BrowserPort = ConstructorParameters<typeof BrowserMessageReader>[0];

export interface BrowserLanguageServer {
    readonly connection: Connection;
    readonly shared: LangiumSharedServices;
    readonly Convspec: ConvspecLspServices;
}

/**
 * The language server in a browser (a page's Web Worker, VS Code for the
 * Web's extension host): the same services as under Node, over a message
 * port. Imports resolve against the documents the client opened, plus
 * whatever `fileSystemProvider` can list and read (none by default: the
 * playground opens every file of its page). The caller gets the services to
 * add its own requests (the playground's network view reads the analysis the
 * server already built).
 */
export function startBrowserLanguageServer(
    port: BrowserPort,
    fileSystemProvider: () => FileSystemProvider = EmptyFileSystem.fileSystemProvider
): BrowserLanguageServer {
    const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
    const { shared, Convspec } = createConvspecServices({ connection, fileSystemProvider });
    startLanguageServer(shared);
    return { connection, shared, Convspec };
}
