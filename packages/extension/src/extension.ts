import * as vscode from 'vscode';
import { activateConvspec } from './activation';
import { NodeServerController } from './language-client';

let server: NodeServerController | undefined;

/** The desktop extension: the language server under Node (language-client.ts); the rest is shared with the web (activation.ts). */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('Convspec Language Server');
    server = new NodeServerController(context, output);
    await activateConvspec(context, output, server);
}

export function deactivate(): Promise<void> | undefined {
    return server?.stop();
}
