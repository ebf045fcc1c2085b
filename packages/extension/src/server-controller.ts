import * as vscode from 'vscode';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import type { ConvspecServer } from './activation';
import { SHOW_NETWORK_VIEW } from './commands';
import { SECTION } from './settings';

/**
 * The client options of both hosts (desktop: language-client.ts; web:
 * browser-language-client.ts), which differ only in the documents they serve
 * and in who reports file changes.
 */
export function convspecClientOptions(
    output: vscode.OutputChannel,
    documentSelector: DocumentSelector,
    fileEvents?: vscode.FileSystemWatcher
): LanguageClientOptions {
    return {
        documentSelector,
        outputChannel: output,
        // `convspec.trace.server` (read by the client from its id) writes here too.
        traceOutputChannel: output,
        // The lenses above each network (its totals, `compare with …`) open the view, or its compare mode.
        initializationOptions: { networkViewCommand: SHOW_NETWORK_VIEW },
        // The server reads `convspec.*` itself and refreshes hints and lenses when they change.
        synchronize: { configurationSection: SECTION, fileEvents }
    };
}

/** A language server a host has started: its client, where it runs (for the log), and what to free after it stops. */
export interface ServerConnection {
    readonly client: BaseLanguageClient;
    readonly where: string;
    release?(): void;
}

/**
 * Starts, restarts and stops a host's language server, one operation at a
 * time (a restart while starting waits for the start), and says in the
 * output channel and a notification when it fails to start.
 */
export abstract class ServerController implements ConvspecServer {
    private connection: ServerConnection | undefined;
    private pending: Promise<void> = Promise.resolve();

    constructor(protected readonly output: vscode.OutputChannel) {}

    /** A new, not yet started, server and client. */
    protected abstract connect(): ServerConnection;

    start(): Promise<void> {
        return this.enqueue(async () => {
            if (this.connection) return;
            const connection = this.connect();
            this.connection = connection;
            try {
                await connection.client.start();
                this.output.appendLine(`[convspec] language server started (${connection.where})`);
            } catch (error) {
                this.connection = undefined;
                connection.release?.();
                this.output.appendLine(`[convspec] the language server failed to start: ${messageOf(error)}`);
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
            const connection = this.connection;
            this.connection = undefined;
            if (!connection) return;
            if (connection.client.needsStop()) {
                await connection.client.stop(5000).catch(error => {
                    this.output.appendLine(`[convspec] stopping the language server: ${messageOf(error)}`);
                });
            }
            await connection.client.dispose().catch(() => undefined);
            connection.release?.();
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

function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
