import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { convspecClientOptions, ServerController, type ServerConnection } from './server-controller';

/** The desktop's language server: the bundled out/server.js, a Node process over IPC. */
export class NodeServerController extends ServerController {
    constructor(
        private readonly context: vscode.ExtensionContext,
        output: vscode.OutputChannel
    ) {
        super(output);
    }

    protected connect(): ServerConnection {
        const serverModule = this.context.asAbsolutePath('out/server.js');
        const serverOptions: ServerOptions = {
            run: { module: serverModule, transport: TransportKind.ipc },
            debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
        };
        const documentSelector = [
            { scheme: 'file', language: 'conv' },
            { scheme: 'untitled', language: 'conv' }
        ];
        const client = new LanguageClient(
            'convspec',
            'Convspec Language Server',
            serverOptions,
            convspecClientOptions(this.output, documentSelector)
        );
        return { client, where: serverModule };
    }
}
