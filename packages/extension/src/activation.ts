import * as vscode from 'vscode';
import { COMPARE_NETWORKS, RESTART_SERVER, SHOW_NETWORK_VIEW } from './commands';
import { pickComparison } from './compare-picker';
import { NetworkView } from './network-view';

/** The language server as the commands see it: the desktop's (Node IPC) or the web's (in the extension host worker). */
export interface ConvspecServer extends vscode.Disposable {
    start(): Promise<void>;
    restart(): Promise<void>;
    stop(): Promise<void>;
}

/** What the server's `compare with …` lens passes after the URI (the language package's CompareRequest). */
interface CompareRequest {
    readonly compare: string;
    readonly with?: string;
}

function isCompareRequest(value: unknown): value is CompareRequest {
    const r = value as Partial<CompareRequest> | null;
    return !!r && typeof r.compare === 'string' && (r.with === undefined || typeof r.with === 'string');
}

/** A URI as the editor title passes it (a Uri) or as the server's lenses do (a string). */
function toUri(uri: unknown): vscode.Uri | undefined {
    return typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri : undefined;
}

/**
 * Everything the extension does besides starting its server, the same on
 * the desktop and on the web: the network view, its compare mode and the
 * three commands. Starts `server` last.
 */
export async function activateConvspec(
    context: vscode.ExtensionContext,
    output: vscode.OutputChannel,
    server: ConvspecServer
): Promise<void> {
    const view = new NetworkView(context.extensionUri);
    const compare = async (uri: vscode.Uri | undefined, names: { a?: string; b?: string }) => {
        const comparison = await pickComparison(uri, names);
        if (comparison) await view.compare(comparison);
    };
    context.subscriptions.push(
        output,
        server,
        view,
        // The lenses run this one command (the one the server is told about): a compare request opens compare mode.
        vscode.commands.registerCommand(SHOW_NETWORK_VIEW, (uri?: unknown, request?: unknown) =>
            isCompareRequest(request) ? compare(toUri(uri), { a: request.compare, b: request.with }) : view.show(toUri(uri))
        ),
        // From the palette: (); from other extensions or keybindings: (uri, a?, b?).
        vscode.commands.registerCommand(COMPARE_NETWORKS, (uri?: unknown, a?: unknown, b?: unknown) =>
            compare(toUri(uri), { a: typeof a === 'string' ? a : undefined, b: typeof b === 'string' ? b : undefined })
        ),
        vscode.commands.registerCommand(RESTART_SERVER, () => server.restart())
    );
    await server.start();
}
