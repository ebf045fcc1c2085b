import * as vscode from 'vscode';
import {
    CodeLensRequest, InlayHintRequest, LanguageClient, State, TransportKind,
    type LanguageClientOptions, type Middleware, type ServerOptions
} from 'vscode-languageclient/node';
import { codeLensTitle, hintLabel } from './hint-labels';
import { readSettings, SECTION } from './settings';

export const SHOW_NETWORK_VIEW = 'convspec.showNetworkView';

/**
 * Settings the server does not know about are applied to its answers here:
 * hints lose their parameter count or change number format, and the network
 * totals above each network (a code lens without a command) open the view.
 */
const middleware: Middleware = {
    async provideInlayHints(document, range, token, next) {
        const hints = await next(document, range, token);
        if (!hints) return hints;
        const settings = readSettings(document);
        for (const hint of hints) {
            if (typeof hint.label === 'string') hint.label = hintLabel(hint.label, settings);
        }
        return hints;
    },
    async provideCodeLenses(document, token, next) {
        const lenses = await next(document, token);
        if (!lenses) return lenses;
        const settings = readSettings(document);
        for (const lens of lenses) {
            if (!lens.command) continue;
            lens.command = {
                ...lens.command,
                title: codeLensTitle(lens.command.title, settings),
                command: lens.command.command || SHOW_NETWORK_VIEW,
                arguments: lens.command.command ? lens.command.arguments : [document.uri],
                tooltip: lens.command.command ? lens.command.tooltip : 'Show the network view'
            };
        }
        return lenses;
    }
};

/** Starts, restarts and stops the bundled language server (out/server.js, over Node IPC). */
export class ServerController implements vscode.Disposable {
    private client: LanguageClient | undefined;
    private pending: Promise<void> = Promise.resolve();

    constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.OutputChannel) {}

    start(): Promise<void> {
        return this.enqueue(async () => {
            if (this.client) return;
            const serverModule = this.context.asAbsolutePath('out/server.js');
            const serverOptions: ServerOptions = {
                run: { module: serverModule, transport: TransportKind.ipc },
                debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
            };
            const settings = readSettings();
            const clientOptions: LanguageClientOptions = {
                documentSelector: [{ scheme: 'file', language: 'conv' }, { scheme: 'untitled', language: 'conv' }],
                outputChannel: this.output,
                // `convspec.trace.server` (read by the client from its id) writes here too.
                traceOutputChannel: this.output,
                // The server ignores these today; they let it take over the settings later.
                initializationOptions: { showParameters: settings.showParameters, numberFormat: settings.numberFormat },
                synchronize: { configurationSection: SECTION },
                middleware
            };
            const client = new LanguageClient('convspec', 'Convspec Language Server', serverOptions, clientOptions);
            this.client = client;
            try {
                await client.start();
                this.output.appendLine(`[convspec] language server started (${serverModule})`);
            } catch (error) {
                this.client = undefined;
                this.output.appendLine(`[convspec] the language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
                void vscode.window.showErrorMessage('Convspec: the .conv language server failed to start. See the "Convspec Language Server" output.', 'Show Output')
                    .then(choice => { if (choice) this.output.show(true); });
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
                try { await client.stop(5000); } catch (error) {
                    this.output.appendLine(`[convspec] stopping the language server: ${error instanceof Error ? error.message : String(error)}`);
                }
            }
            if (client) await client.dispose().catch(() => undefined);
        });
    }

    /** Asks VS Code to fetch hints and lenses again after a setting changed (the server's answers are unchanged). */
    refreshPresentation(): void {
        const client = this.client;
        if (!client || client.state !== State.Running) return;
        for (const editor of vscode.window.visibleTextEditors) {
            if (editor.document.languageId !== 'conv') continue;
            client.getFeature(InlayHintRequest.method).getProvider(editor.document)?.onDidChangeInlayHints.fire();
            client.getFeature(CodeLensRequest.method).getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
        }
    }

    dispose(): void {
        void this.stop();
    }

    private enqueue(task: () => Promise<void>): Promise<void> {
        this.pending = this.pending.then(task, task);
        return this.pending;
    }
}
