import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { ConvspecServer } from './activation';
import { SHOW_NETWORK_VIEW } from './commands';
import { SECTION } from './settings';

/** Starts, restarts and stops the bundled language server (out/server.js, over Node IPC). */
export class ServerController implements ConvspecServer {
    private client: LanguageClient | undefined;
    private pending: Promise<void> = Promise.resolve();

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly output: vscode.OutputChannel
    ) {}

    start(): Promise<void> {
        return this.enqueue(async () => {
            if (this.client) return;
            const serverModule = this.context.asAbsolutePath('out/server.js');
            const serverOptions: ServerOptions = {
                run: { module: serverModule, transport: TransportKind.ipc },
                debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
            };
            const clientOptions: LanguageClientOptions = {
                documentSelector: [
                    { scheme: 'file', language: 'conv' },
                    { scheme: 'untitled', language: 'conv' }
                ],
                outputChannel: this.output,
                // `convspec.trace.server` (read by the client from its id) writes here too.
                traceOutputChannel: this.output,
                // The lenses above each network (its totals, `compare with …`) open the view, or its compare mode.
                initializationOptions: { networkViewCommand: SHOW_NETWORK_VIEW },
                // The server reads `convspec.*` itself and refreshes hints and lenses when they change.
                synchronize: { configurationSection: SECTION }
            };
            const client = new LanguageClient('convspec', 'Convspec Language Server', serverOptions, clientOptions);
            this.client = client;
            try {
                await client.start();
                this.output.appendLine(`[convspec] language server started (${serverModule})`);
            } catch (error) {
                this.client = undefined;
                this.output.appendLine(
                    `[convspec] the language server failed to start: ${error instanceof Error ? error.message : String(error)}`
                );
                void vscode.window
                    .showErrorMessage(
                        'Convspec: the .conv language server failed to start. See the "Convspec Language Server" output.',
                        'Show Output'
                    )
                    .then(choice => {
                        if (choice) this.output.show(true);
                    });
            }
        });
    }

    /** Stops the server (if it runs) and starts a fresh one; the output channel is kept. */
    async restart(): Promise<void> {
        await this.stop();
        this.output.appendLine('[convspec] restarting the language server');
        await this.start();
    }

    stop(): Promise<void> {
        return this.enqueue(async () => {
            const client = this.client;
            this.client = undefined;
            if (client && client.state !== State.Stopped) {
                try {
                    await client.stop(5000);
                } catch (error) {
                    this.output.appendLine(
                        `[convspec] stopping the language server: ${error instanceof Error ? error.message : String(error)}`
                    );
                }
            }
            if (client) await client.dispose().catch(() => undefined);
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
