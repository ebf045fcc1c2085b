import * as vscode from 'vscode';
import { renderCompareBody, renderCompareHtml, renderNetworkBody, renderNetworkHtml } from 'convspec-language';
import { compareNetworks, comparisonHeadings, comparisonTitle, fileName, type Comparison } from './comparison';
import { analyzeTextDocument } from './network-analysis';
import { newNonce } from './nonce';
import { readSettings } from './settings';

const VIEW_TYPE = 'convspec.networkView';
const UPDATE_DELAY_MS = 250;

/** A click in the page: reveal a line (in compare mode, of side A's or B's file). */
type ViewMessage = { type: 'reveal'; line: number; side?: 'a' | 'b' };

function isRevealMessage(message: unknown): message is ViewMessage {
    const m = message as Partial<ViewMessage> | null;
    return !!m && m.type === 'reveal' && Number.isInteger(m.line) && (m.side === undefined || m.side === 'a' || m.side === 'b');
}

/**
 * The webview beside a `.conv` editor: summary table and diagram of its
 * networks (rendered by the language package, the same page as `convspec
 * draw -o x.html`). It follows edits (debounced), the active `.conv` editor
 * and the cursor; clicking a row or a box reveals the line.
 *
 * In compare mode (`compare`) it shows two networks side by side instead, as
 * `convspec diff` aligns them, and follows edits of either file; it stays on
 * that pair when another editor becomes active, until *Show Network View*
 * switches it back.
 */
export class NetworkView implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private document: vscode.TextDocument | undefined;
    private comparison: Comparison | undefined;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly extensionUri: vscode.Uri) {
        this.subscriptions.push(
            vscode.workspace.onDidChangeTextDocument(e => {
                if (e.document === this.document || this.compares(e.document.uri)) this.scheduleUpdate();
            }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (this.comparison) return;
                if (this.panel && editor?.document.languageId === 'conv' && editor.document !== this.document) {
                    this.document = editor.document;
                    void this.update(true);
                }
            }),
            vscode.window.onDidChangeTextEditorSelection(e => {
                if (
                    !this.panel ||
                    this.comparison ||
                    e.textEditor.document !== this.document ||
                    !readSettings(this.document).followCursor
                ) {
                    return;
                }
                void this.panel.webview.postMessage({ type: 'cursor', line: e.selections[0].active.line + 1 });
            }),
            vscode.workspace.onDidChangeConfiguration(e => {
                if (this.panel && e.affectsConfiguration('convspec')) void this.update(false);
            }),
            vscode.workspace.onDidCloseTextDocument(document => {
                if (document === this.document) this.document = undefined;
            })
        );
    }

    /** `uri`: from the editor title (a Uri) or from the server's code lens (a string). */
    async show(uri?: vscode.Uri | string): Promise<void> {
        const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
        const document =
            target instanceof vscode.Uri ? await vscode.workspace.openTextDocument(target) : vscode.window.activeTextEditor?.document;
        if (!document || document.languageId !== 'conv') {
            void vscode.window.showInformationMessage('Convspec: open a .conv file to see its network view.');
            return;
        }
        this.document = document;
        this.comparison = undefined;
        await this.open();
    }

    /** Opens (or reuses) the panel in compare mode on the two networks. */
    async compare(comparison: Comparison): Promise<void> {
        this.comparison = comparison;
        this.document = undefined;
        await this.open();
    }

    private compares(uri: vscode.Uri): boolean {
        const c = this.comparison;
        return !!c && (c.a.uri.toString() === uri.toString() || c.b.uri.toString() === uri.toString());
    }

    /** Creates the panel or brings it forward, then renders a whole page (the mode or the file may have changed). */
    private async open(): Promise<void> {
        if (this.panel) {
            this.panel.reveal(vscode.ViewColumn.Beside, true);
        } else {
            this.panel = vscode.window.createWebviewPanel(
                VIEW_TYPE,
                'Network',
                { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
                {
                    enableScripts: true,
                    // Nothing is loaded from disk or the network: the page is self-contained.
                    localResourceRoots: [],
                    retainContextWhenHidden: true,
                    enableFindWidget: true
                }
            );
            this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'conv-file.svg');
            this.panel.webview.onDidReceiveMessage(message => this.onMessage(message), undefined, this.subscriptions);
            this.panel.onDidDispose(
                () => {
                    this.panel = undefined;
                },
                undefined,
                this.subscriptions
            );
        }
        await this.update(true);
    }

    private scheduleUpdate(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.update(false), UPDATE_DELAY_MS);
    }

    /** Renders the current document or comparison: a whole page (new panel, file or mode) or just the body, keeping scroll. */
    private async update(wholePage: boolean): Promise<void> {
        if (this.comparison) return this.updateComparison(this.comparison, wholePage);
        const panel = this.panel;
        const document = this.document;
        if (!panel || !document) return;
        const generation = ++this.generation;
        const settings = readSettings(document);
        const analysis = await analyzeTextDocument(document);
        if (generation !== this.generation || this.panel !== panel) return; // a newer edit won
        const editor = vscode.window.visibleTextEditors.find(e => e.document === document);
        const line = editor ? editor.selection.active.line + 1 : undefined;
        panel.title = `Network: ${fileName(document.uri)}`;
        if (wholePage) {
            panel.webview.html = renderNetworkHtml(analysis, {
                title: fileName(document.uri),
                nonce: newNonce(),
                numberFormat: settings.numberFormat
            });
            if (line !== undefined && settings.followCursor) void panel.webview.postMessage({ type: 'cursor', line });
        } else {
            const html = renderNetworkBody(analysis, { numberFormat: settings.numberFormat });
            void panel.webview.postMessage({ type: 'update', html, line: settings.followCursor ? line : undefined });
        }
    }

    private async updateComparison(comparison: Comparison, wholePage: boolean): Promise<void> {
        const panel = this.panel;
        if (!panel) return;
        const generation = ++this.generation;
        const settings = readSettings(comparison.a.uri);
        const compared = await compareNetworks(comparison);
        if (generation !== this.generation || this.panel !== panel) return; // a newer edit or mode won
        const options = { numberFormat: settings.numberFormat, headings: comparisonHeadings(comparison) };
        panel.title = `Compare: ${comparison.a.name} ↔ ${comparison.b.name}`;
        if (wholePage || typeof compared === 'string') {
            // A missing network is a whole page too: its body is a sentence, not the tables.
            const title = comparisonTitle(comparison);
            panel.webview.html = renderCompareHtml(compared, { ...options, title, nonce: newNonce() });
        } else {
            void panel.webview.postMessage({ type: 'update', html: renderCompareBody(compared, options) });
        }
    }

    private async onMessage(message: unknown): Promise<void> {
        if (!isRevealMessage(message)) return;
        const side = this.comparison && message.side ? this.comparison[message.side] : undefined;
        const document = side ? await vscode.workspace.openTextDocument(side.uri) : this.document;
        if (!document) return;
        const line = Math.min(Math.max(message.line - 1, 0), document.lineCount - 1);
        const existing = vscode.window.visibleTextEditors.find(e => e.document === document);
        const start = document.lineAt(line).firstNonWhitespaceCharacterIndex;
        const range = new vscode.Range(line, start, line, start);
        const editor = await vscode.window.showTextDocument(document, {
            viewColumn: existing?.viewColumn ?? vscode.ViewColumn.One,
            selection: range,
            preserveFocus: false
        });
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.panel?.dispose();
        for (const s of this.subscriptions) s.dispose();
    }
}
