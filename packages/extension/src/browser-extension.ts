// The extension on VS Code for the Web (the manifest's `browser` entry): the
// same commands and network view as on the desktop, the language server in
// this worker (browser-language-client.ts). Nothing here may import a Node
// built-in; the web bundle's build checks it.
import * as vscode from 'vscode';
import { activateConvspec } from './activation';
import { BrowserServerController } from './browser-language-client';

let server: BrowserServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('Convspec Language Server');
    server = new BrowserServerController(output);
    await activateConvspec(context, output, server);
}

export function deactivate(): Promise<void> | undefined {
    return server?.stop();
}
