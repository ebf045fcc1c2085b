import type { CompareBar } from './compare-bar.js';
import type { LanguageServerConnection } from './lsp-client.js';
import type { PageFile } from './page-files.js';
import {
    COMPARE_REQUEST,
    VIEW_REQUEST,
    type CompareParams,
    type CompareResult,
    type CompareSides,
    type NumberFormat,
    type ViewParams,
    type ViewResult
} from './protocol.js';

/** How long typing must pause before the view asks for the new tables (the extension's view waits 250 ms). */
const UPDATE_DELAY_MS = 150;

/**
 * The network view beside the editor: the shared renderer's summary tables
 * and diagrams (renderNetworkBody, computed in the worker from the server's
 * analysis) inside `#convspec-view`, driven by the shared VIEW_SCRIPT (built
 * into view-script.js) through the messages the VS Code webview gets:
 * `update` with the body and the cursor line, `cursor` with a line. In
 * compare mode (the `compare with …` lens) it shows two networks of the file
 * side by side instead, with the shared COMPARE_SCRIPT's marks, until the
 * bar's button, a summary lens or another tab brings the networks back.
 */
export class NetworkView {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    private file: PageFile | undefined;
    private line = 1;
    private sides: CompareSides | undefined;
    /** How counts are written (the page's setting). */
    numberFormat: NumberFormat = 'grouped';

    constructor(
        private readonly server: LanguageServerConnection,
        private readonly root: HTMLElement,
        private readonly bar: CompareBar,
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
            const target = event.target instanceof Element ? event.target : null;
            // A compare row holds a line per side; a cell of B's columns reveals B's.
            const cell = target?.closest('tr[data-kind] td');
            const side = cell?.classList.contains('b') ? 'b' : 'a';
            const line = Number(
                cell ? cell.parentElement?.getAttribute(`data-line-${side}`) : target?.closest('[data-line]')?.getAttribute('data-line')
            );
            if (Number.isInteger(line) && line > 0) reveal(line);
        });
    }

    /** Shows `file` (another tab, which leaves compare mode) or its new text, after a pause. */
    schedule(file: PageFile, delay = UPDATE_DELAY_MS): void {
        if (file !== this.file) this.showNetworks();
        this.file = file;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.update(), delay);
    }

    /** Compare mode on two networks of `file`. */
    compare(file: PageFile, sides: CompareSides): void {
        this.file = file;
        this.sides = sides;
        this.schedule(file, 0);
    }

    /** Back from compare mode to the file's networks (at the next update). */
    showNetworks(): void {
        this.sides = undefined;
        this.bar.hide();
    }

    cursor(line: number): void {
        this.line = line;
        this.post({ type: 'cursor', line });
    }

    private async update(): Promise<void> {
        const file = this.file;
        if (!file || file.model.isDisposed()) return;
        const generation = ++this.generation;
        const sides = this.sides;
        const params: ViewParams = { uri: file.model.uri.toString(), version: file.model.getVersionId(), numberFormat: this.numberFormat };
        try {
            if (sides) {
                const compared: CompareResult = await this.server.connection.sendRequest(COMPARE_REQUEST, {
                    ...params,
                    ...sides
                } satisfies CompareParams);
                if (generation !== this.generation || sides !== this.sides) return; // a newer edit, tab or pick won
                this.sides = compared.sides;
                this.bar.show(compared.networks, compared.sides);
                this.post({ type: 'update', html: compared.html, line: this.line });
            } else {
                const result: ViewResult = await this.server.connection.sendRequest(VIEW_REQUEST, params);
                if (generation !== this.generation || this.sides) return; // a newer edit or tab won
                this.post({ type: 'update', html: result.html, line: this.line });
            }
            this.root.dataset.version = String(params.version);
        } catch (error) {
            if (generation === this.generation) console.warn('convspec: the network view was not updated', error);
        }
    }

    private post(message: unknown): void {
        window.postMessage(message, location.origin === 'null' ? '*' : location.origin);
    }
}
