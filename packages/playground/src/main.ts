import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/editor/editor.all.js';
// What the full Monaco build adds to the editor core and a desktop user reaches for: the command palette (F1), go to
// line (Ctrl+G), the outline (Ctrl+Shift+O) and peeking at references.
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoSymbolQuickAccess.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneHelpQuickAccess.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/referenceSearch/standaloneReferenceSearch.js';
import { examples, snippets } from 'convspec-playground:build-data';
import { LANGUAGE_ID, registerConvLanguage } from './conv-language.js';
import { downloadText, withExtension } from './downloads.js';
import { LanguageServerConnection } from './lsp-client.js';
import { CompareBar } from './compare-bar.js';
import { connectMonaco } from './monaco-adapter.js';
import { NetworkView } from './network-view.js';
import { hideNotice, showNotice } from './notice.js';
import { fileNameProblem, MAX_FILE_BYTES, PageFiles, type PageFile } from './page-files.js';
import { EXPORT_REQUEST, type ExportFormat, type ExportParams, type ExportResult } from './protocol.js';
import { loadSettings, numberFormatOf, saveSettings, serverSettings, type PageSettings } from './settings.js';
import { decodeShareFragment, encodeShareFragment, isShareFragment, ShareLinkError, type SharedState } from './share.js';
import { registerSnippets } from './snippets.js';
import { Tabs } from './tabs.js';

/*
 * The playground page: Monaco on the left, the network view on the right,
 * the language server in a worker. Every file comes from this page (examples
 * are bundled, the rest is typed, opened, dropped or decoded from the link's
 * fragment): nothing is fetched from anywhere at run time.
 */

const DEFAULT_EXAMPLE = 'seed.conv';

/**
 * What the lenses above each network run (the server's `networkViewCommand`): with the document's URI, the
 * network view; with a CompareRequest after it (`compare with …`), the compare view.
 */
const VIEW_COMMAND = 'convspec.playground.showView';

self.MonacoEnvironment = { getWorker: () => new Worker('editor.worker.js') };

/*
 * Monaco withdraws its own pending work (a hover or a code lens an edit made
 * stale) by rejecting it with an Error named `Canceled`, and a few of its code
 * paths leave that rejection unhandled (monaco-editor issue #2382). It is not
 * an error of the page: exactly those are dropped, everything else still shows.
 */
window.addEventListener('unhandledrejection', event => {
    const reason: unknown = event.reason;
    if (reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled') event.preventDefault();
});

function element<T extends HTMLElement>(id: string): T {
    const el = document.getElementById(id);
    if (!el) throw new Error(`the page has no #${id}`);
    return el as T;
}

async function main(): Promise<void> {
    registerConvLanguage(monaco);
    const server = new LanguageServerConnection(new Worker('server.js'));
    await server.initialize({ networkViewCommand: VIEW_COMMAND });
    connectMonaco(monaco, server, LANGUAGE_ID);
    registerSnippets(monaco, LANGUAGE_ID, snippets);
    let settings = loadSettings();
    server.didChangeConfiguration(serverSettings(settings));

    const files = new PageFiles(monaco, server);
    const editor = monaco.editor.create(element('editor'), {
        model: null,
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 14,
        inlayHints: { enabled: 'on' },
        lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.On },
        fixedOverflowWidgets: true,
        scrollBeyondLastLine: false,
        bracketPairColorization: { enabled: true }
    });
    const bar = new CompareBar(
        element('compare-bar'),
        sides => {
            const file = active();
            if (file) view.compare(file, sides);
        },
        () => {
            const file = active();
            view.showNetworks();
            if (file) view.schedule(file, 0);
        }
    );
    const view = new NetworkView(server, element('convspec-view'), bar, line => {
        editor.revealLineInCenter(line);
        editor.setPosition({ lineNumber: line, column: (editor.getModel()?.getLineFirstNonWhitespaceColumn(line) ?? 0) || 1 });
        editor.focus();
    });
    const tabs = new Tabs(element('tabs'), {
        select: file => activate(file),
        close: file => {
            const current = active();
            files.remove(file.name);
            if (files.files.length === 0) files.put('main.conv', '');
            // Closing another tab keeps the one being edited.
            activate(current && current !== file ? current : files.files[0]);
        },
        create: name => {
            const problem = fileNameProblem(name);
            if (problem) return problem;
            if (files.find(name)) return `${name} is already open`;
            activate(files.put(name, ''));
            return undefined;
        },
        freshName: () => files.freshName()
    });

    function activate(file: PageFile): void {
        if (editor.getModel() !== file.model) editor.setModel(file.model);
        tabs.render(files.files, file);
        view.cursor(editor.getPosition()?.lineNumber ?? 1);
        view.schedule(file, 0);
    }
    const active = () => files.byModel(editor.getModel());

    monaco.editor.registerCommand(VIEW_COMMAND, (_accessor, uri: unknown, request: unknown) => {
        const file = typeof uri === 'string' ? files.byModel(monaco.editor.getModel(monaco.Uri.parse(uri))) : undefined;
        if (!file) return;
        activate(file);
        const compare = (request as { compare?: unknown } | undefined)?.compare;
        const other = (request as { with?: unknown } | undefined)?.with;
        if (typeof compare === 'string') view.compare(file, { a: compare, b: typeof other === 'string' ? other : undefined });
        else view.showNetworks();
    });

    // Go to definition, a reference or an outline entry in another page file: its tab comes to the front there.
    monaco.editor.registerEditorOpener({
        openCodeEditor(_source, resource, selectionOrPosition) {
            const file = files.byModel(monaco.editor.getModel(resource));
            if (!file) return false;
            activate(file);
            if (selectionOrPosition && 'startLineNumber' in selectionOrPosition) {
                editor.setSelection(selectionOrPosition);
                editor.revealRangeInCenter(selectionOrPosition);
            } else if (selectionOrPosition) {
                editor.setPosition(selectionOrPosition);
                editor.revealPositionInCenter(selectionOrPosition);
            }
            return true;
        }
    });

    // Settings: number format and parameters in hints, as the extension's `convspec.*`.
    view.numberFormat = settings.numberFormat;
    const formatPicker = element<HTMLSelectElement>('number-format');
    const showParameters = element<HTMLInputElement>('show-params');
    formatPicker.value = settings.numberFormat;
    showParameters.checked = settings.showParameters;
    const applySettings = (next: PageSettings) => {
        settings = next;
        saveSettings(settings);
        server.didChangeConfiguration(serverSettings(settings));
        view.numberFormat = settings.numberFormat;
        const file = active();
        if (file) view.schedule(file, 0);
    };
    formatPicker.addEventListener('change', () => applySettings({ ...settings, numberFormat: numberFormatOf(formatPicker.value) }));
    showParameters.addEventListener('change', () => applySettings({ ...settings, showParameters: showParameters.checked }));

    files.onDidChange(file => {
        if (file === active()) view.schedule(file);
    });
    editor.onDidChangeCursorPosition(e => view.cursor(e.position.lineNumber));

    function load(state: SharedState): void {
        files.removeAll();
        const opened = state.files.map(f => files.put(f.name, f.text));
        activate(opened[state.active] ?? opened[0]);
    }

    function openEmpty(why: string): void {
        load({ files: [{ name: 'main.conv', text: '' }], active: 0 });
        showNotice(why, 'error');
    }

    async function loadFromLocation(): Promise<void> {
        const hash = location.hash;
        if (!hash || hash === '#') {
            const example = examples.find(e => e.name === DEFAULT_EXAMPLE) ?? examples[0];
            load({ files: [example], active: 0 });
            return;
        }
        try {
            const state = await decodeShareFragment(hash);
            const bad = state.files.map(f => fileNameProblem(f.name)).find(p => p !== undefined);
            if (bad) throw new ShareLinkError(`it names a file that cannot be opened (${bad})`);
            load(state);
            hideNotice();
        } catch (error) {
            const why = error instanceof ShareLinkError ? error.message : 'it could not be read';
            const kind = isShareFragment(hash) ? 'This share link is broken' : 'This link is not a share link';
            openEmpty(`${kind}: ${why}. The editor starts empty; nothing of the link was used.`);
        }
    }

    // Examples: bundled at build time.
    const picker = element<HTMLSelectElement>('examples');
    for (const example of examples) picker.add(new Option(example.name, example.name));
    picker.addEventListener('change', () => {
        const example = examples.find(e => e.name === picker.value);
        picker.value = '';
        if (!example) return;
        activate(files.find(example.name) ?? files.put(example.name, example.text));
    });

    // Opening files: the picker and drag-and-drop.
    async function openFiles(list: FileList | null): Promise<void> {
        let last: PageFile | undefined;
        const refused: string[] = [];
        for (const file of Array.from(list ?? [])) {
            const name = file.name;
            const problem = fileNameProblem(name) ?? (file.size > MAX_FILE_BYTES ? 'it is larger than 8,000,000 bytes' : undefined);
            if (problem) {
                refused.push(`${name}: ${problem}`);
                continue;
            }
            last = files.put(name, await file.text());
        }
        if (last) activate(last);
        if (refused.length > 0) showNotice(`Not opened: ${refused.join('; ')}.`, 'error');
    }
    const fileInput = element<HTMLInputElement>('file-input');
    element('open').addEventListener('click', () => fileInput.click());
    fileInput.addEventListener('change', () => {
        void openFiles(fileInput.files).finally(() => (fileInput.value = ''));
    });
    document.addEventListener('dragover', event => {
        event.preventDefault();
        document.body.classList.add('dropping');
    });
    document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
    document.addEventListener('drop', event => {
        event.preventDefault();
        document.body.classList.remove('dropping');
        void openFiles(event.dataTransfer?.files ?? null);
    });

    // Downloads.
    element('download-conv').addEventListener('click', () => {
        const file = active();
        if (file) downloadText(withExtension(file.name, '.conv'), file.model.getValue(), 'text/plain;charset=utf-8');
    });
    async function download(format: ExportFormat): Promise<void> {
        const file = active();
        if (!file) return;
        const params: ExportParams = {
            uri: file.model.uri.toString(),
            version: file.model.getVersionId(),
            format,
            numberFormat: settings.numberFormat
        };
        let result: ExportResult;
        try {
            result = await server.connection.sendRequest(EXPORT_REQUEST, params);
        } catch (error) {
            result = { refused: `Not exported: ${error instanceof Error ? error.message : String(error)}` };
        }
        if ('refused' in result) {
            showNotice(result.refused, 'error');
            return;
        }
        if (format === 'svg') downloadText(withExtension(file.name, '.svg'), result.text, 'image/svg+xml');
        else downloadText(withExtension(file.name, '.py'), result.text, 'text/x-python;charset=utf-8');
    }
    element('download-pytorch').addEventListener('click', () => void download('pytorch'));
    element('download-svg').addEventListener('click', () => void download('svg'));
    element('format').addEventListener('click', () => void editor.getAction('editor.action.formatDocument')?.run());

    // Share: the files in the fragment.
    const shareLink = element<HTMLInputElement>('share-link');
    element('share').addEventListener('click', async () => {
        const current = active();
        const state: SharedState = {
            files: files.files.map(f => ({ name: f.name, text: f.model.getValue() })),
            active: current ? files.files.indexOf(current) : 0
        };
        const fragment = await encodeShareFragment(state);
        history.replaceState(null, '', fragment);
        shareLink.value = location.href;
        element('share-box').hidden = false;
        shareLink.select();
        navigator.clipboard?.writeText(location.href).then(
            () => showNotice(`Link copied (${location.href.length.toLocaleString('en-US')} characters): it holds the text of every tab.`),
            () => showNotice(`Link ready (${location.href.length.toLocaleString('en-US')} characters): copy it from the box.`)
        );
    });
    element('notice-close').addEventListener('click', hideNotice);
    window.addEventListener('hashchange', () => void loadFromLocation());

    await loadFromLocation();
    editor.focus();
    document.body.dataset.ready = 'true';
}

main().catch(error => {
    console.error(error);
    showNotice(`The playground could not start: ${error instanceof Error ? error.message : String(error)}`, 'error');
});
