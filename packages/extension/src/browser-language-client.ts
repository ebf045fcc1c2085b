import * as vscode from 'vscode';
import { startBrowserLanguageServer } from 'convspec-language/browser';
import { LanguageClient, State, type LanguageClientOptions } from 'vscode-languageclient/browser';
import type { ConvspecServer } from './activation';
import { SHOW_NETWORK_VIEW } from './commands';
import { SECTION } from './settings';
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
export class BrowserServerController implements ConvspecServer {
    private client: LanguageClient | undefined;
    private channel: MessageChannel | undefined;
    private pending: Promise<void> = Promise.resolve();

    constructor(private readonly output: vscode.OutputChannel) {}

    start(): Promise<void> {
        return this.enqueue(async () => {
            if (this.client) return;
            const channel = new MessageChannel();
            startBrowserLanguageServer(channel.port1, () => new WorkspaceFileSystemProvider());
            const clientOptions: LanguageClientOptions = {
                // Any scheme: github.dev's, vscode.dev's and code-server's files are not `file:`.
                documentSelector: [{ language: 'conv' }],
                outputChannel: this.output,
                traceOutputChannel: this.output,
                initializationOptions: { networkViewCommand: SHOW_NETWORK_VIEW },
                synchronize: {
                    configurationSection: SECTION,
                    // Files changed outside an editor (a pull, another tool): their importers are rebuilt.
                    fileEvents: vscode.workspace.createFileSystemWatcher('**/*.conv')
                }
            };
            // The client reads and writes a Worker's postMessage/onmessage; a MessagePort has the same two.
            const client = new LanguageClient('convspec', 'Convspec Language Server', clientOptions, channel.port2 as unknown as Worker);
            this.client = client;
            this.channel = channel;
            try {
                await client.start();
                this.output.appendLine('[convspec] language server started (in the web extension host)');
            } catch (error) {
                this.client = undefined;
                this.output.appendLine(
                    `[convspec] the language server failed to start: ${error instanceof Error ? error.message : String(error)}`
                );
                void vscode.window.showErrorMessage(
                    'Convspec: the .conv language server failed to start. See the "Convspec Language Server" output.'
                );
            }
        });
    }

    async restart(): Promise<void> {
        await this.stop();
        this.output.appendLine('[convspec] restarting the language server');
        await this.start();
    }

    stop(): Promise<void> {
        return this.enqueue(async () => {
            const client = this.client;
            this.client = undefined;
            if (client && client.state !== State.Stopped) await client.stop(5000).catch(() => undefined);
            if (client) await client.dispose().catch(() => undefined);
            // The old server hears nothing more; with its port closed it is garbage.
            this.channel?.port1.close();
            this.channel?.port2.close();
            this.channel = undefined;
        });
    }

    dispose(): void {
        void this.stop();
    }

    private enqueue(task: () => Promise<void>): Promise<void> {
        this.pending = this.pending.then(task, task);
        return this.pending;
    }
}
