import * as vscode from 'vscode';
import { startBrowserLanguageServer } from 'convspec-language/browser';
import { LanguageClient } from 'vscode-languageclient/browser';
import { convspecClientOptions, ServerController, type ServerConnection } from './server-controller';
import { WorkspaceFileSystemProvider } from './workspace-file-system';

/**
 * The language server on VS Code for the Web (vscode.dev, github.dev,
 * code-server's web worker host): the package's own server, run in this
 * extension host worker and talking to the client over a MessageChannel.
 * A worker of its own would need a script URL the host can load, and
 * extensions there are served from `vscode-remote:` or CDN URLs from which
 * a Worker cannot start; in-process, it reads imports and the workspace
 * through `workspace.fs` directly.
 */
export class BrowserServerController extends ServerController {
    protected connect(): ServerConnection {
        const channel = new MessageChannel();
        startBrowserLanguageServer(channel.port1, () => new WorkspaceFileSystemProvider());
        const options = convspecClientOptions(
            this.output,
            // Any scheme: github.dev's, vscode.dev's and code-server's files are not `file:`.
            [{ language: 'conv' }],
            // Files changed outside an editor (a pull, another tool): their importers are rebuilt.
            vscode.workspace.createFileSystemWatcher('**/*.conv')
        );
        // The client reads and writes a Worker's postMessage/onmessage; a MessagePort has the same two.
        const client = new LanguageClient('convspec', 'Convspec Language Server', options, channel.port2 as unknown as Worker);
        return {
            client,
            where: 'in the web extension host',
            // The old server hears nothing more; with its port closed it is garbage.
            release: () => {
                channel.port1.close();
                channel.port2.close();
            }
        };
    }
}
