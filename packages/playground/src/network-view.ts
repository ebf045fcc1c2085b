import type { LanguageServerConnection } from './lsp-client.js';
import type { PageFile } from './page-files.js';
import { VIEW_REQUEST, type NumberFormat, type ViewParams, type ViewResult } from './protocol.js';

/** How long typing must pause before the view asks for the new tables (the extension's view waits 250 ms). */
const UPDATE_DELAY_MS = 150;

/**
 * The network view beside the editor: the shared renderer's summary tables
 * and diagrams (renderNetworkBody, computed in the worker from the server's
 * analysis) inside `#convspec-view`, driven by the shared VIEW_SCRIPT (built
 * into view-script.js) through the messages the VS Code webview gets:
 * `update` with the body and the cursor line, `cursor` with a line.
 */
export class NetworkView {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    private file: PageFile | undefined;
    private line = 1;
    /** How counts are written (the page's setting). */
    numberFormat: NumberFormat = 'grouped';

    constructor(
        private readonly server: LanguageServerConnection,
        private readonly root: HTMLElement,
        reveal: (line: number) => void
    ) {
        // Only this page talks to the view script: a frame or opener posting `update` would be writing HTML into it.
        window.addEventListener(
            'message',
            event => {
                if (event.source !== window) event.stopImmediatePropagation();
            },
            true
        );
        root.addEventListener('click', event => {
            const el = event.target instanceof Element ? event.target.closest('[data-line]') : null;
            const line = Number(el?.getAttribute('data-line'));
            if (Number.isInteger(line) && line > 0) reveal(line);
        });
    }

    /** Shows `file` (another tab) or its new text, after a pause. */
    schedule(file: PageFile, delay = UPDATE_DELAY_MS): void {
        this.file = file;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.update(), delay);
    }

    cursor(line: number): void {
        this.line = line;
        this.post({ type: 'cursor', line });
    }

    private async update(): Promise<void> {
        const file = this.file;
        if (!file || file.model.isDisposed()) return;
        const generation = ++this.generation;
        const params: ViewParams = { uri: file.model.uri.toString(), version: file.model.getVersionId(), numberFormat: this.numberFormat };
        try {
            const result: ViewResult = await this.server.connection.sendRequest(VIEW_REQUEST, params);
            if (generation !== this.generation) return; // a newer edit or tab won
            this.post({ type: 'update', html: result.html, line: this.line });
            this.root.dataset.version = String(params.version);
        } catch (error) {
            if (generation === this.generation) console.warn('convspec: the network view was not updated', error);
        }
    }

    private post(message: unknown): void {
        window.postMessage(message, location.origin === 'null' ? '*' : location.origin);
    }
}
