import * as vscode from 'vscode';
import { ServerController, SHOW_NETWORK_VIEW } from './language-client';
import { NetworkView } from './network-view';

let server: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('Convspec Language Server');
    server = new ServerController(context, output);
    const view = new NetworkView(context.extensionUri);
    context.subscriptions.push(
        output,
        server,
        view,
        vscode.commands.registerCommand(SHOW_NETWORK_VIEW, (uri?: vscode.Uri | string) => view.show(uri)),
        vscode.commands.registerCommand('convspec.restartServer', () => server?.restart())
    );
    await server.start();
}

export function deactivate(): Promise<void> | undefined {
    return server?.stop();
}
