import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { LANGUAGE_ID } from './conv-language.js';
import type { LanguageServerConnection } from './lsp-client.js';

/** The folder the page's files live in, as the server sees them: `import "blocks.conv"` resolves inside it. */
const FOLDER = '/playground/';

/** The server refuses texts past 8,000,000 bytes (MAX_TEXT_BYTES); the page does not load them into the editor either. */
export const MAX_FILE_BYTES = 8_000_000;

/**
 * Why a name cannot be a file of the page, or undefined when it can: a
 * relative path of `.conv` files, without `..`, empty parts or control
 * characters, so that every import between the page's files resolves as it
 * would on disk.
 */
export function fileNameProblem(name: string): string | undefined {
    if (!name.endsWith('.conv')) return 'a file name ends in .conv';
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/[\u0000-\u001f\u007f-\u009f\\]/.test(name)) return 'a file name has no control characters or backslashes';
    if (name.length > 200) return 'a file name has at most 200 characters';
    if (name.split('/').some(part => part === '' || part === '.' || part === '..'))
        return 'a file name is a path without empty, . or .. parts';
    return undefined;
}

export interface PageFile {
    readonly name: string;
    readonly model: monaco.editor.ITextModel;
}

/**
 * The page's files: one Monaco model each, every one open on the server
 * (didOpen, then the whole text on each change), so hints, diagnostics and
 * imports work across them as across a workspace's open editors.
 */
export class PageFiles {
    private readonly list: PageFile[] = [];
    private readonly subscriptions = new Map<string, monaco.IDisposable>();
    private readonly changeListeners: ((file: PageFile) => void)[] = [];

    constructor(
        private readonly m: typeof monaco,
        private readonly server: LanguageServerConnection
    ) {}

    get files(): readonly PageFile[] {
        return this.list;
    }

    find(name: string): PageFile | undefined {
        return this.list.find(f => f.name === name);
    }

    byModel(model: monaco.editor.ITextModel | null): PageFile | undefined {
        return this.list.find(f => f.model === model);
    }

    onDidChange(listener: (file: PageFile) => void): void {
        this.changeListeners.push(listener);
    }

    uriOf(name: string): monaco.Uri {
        return this.m.Uri.from({ scheme: 'file', path: FOLDER + name });
    }

    /** Adds a file, or replaces the text of the file of that name (a file dropped again). */
    put(name: string, text: string): PageFile {
        const problem = fileNameProblem(name);
        if (problem) throw new Error(problem);
        const existing = this.find(name);
        if (existing) {
            if (existing.model.getValue() !== text) existing.model.setValue(text);
            return existing;
        }
        const model = this.m.editor.createModel(text, LANGUAGE_ID, this.uriOf(name));
        // convspec's examples and formatter indent by two spaces; a messy file must not teach the editor otherwise.
        model.updateOptions({ tabSize: 2, indentSize: 2, insertSpaces: true });
        const file = { name, model };
        this.list.push(file);
        const uri = model.uri.toString();
        this.server.didOpen(uri, model.getVersionId(), text);
        this.subscriptions.set(
            uri,
            model.onDidChangeContent(() => {
                this.server.didChange(uri, model.getVersionId(), model.getValue());
                for (const listener of this.changeListeners) listener(file);
            })
        );
        return file;
    }

    remove(name: string): void {
        const index = this.list.findIndex(f => f.name === name);
        if (index < 0) return;
        const [file] = this.list.splice(index, 1);
        const uri = file.model.uri.toString();
        this.subscriptions.get(uri)?.dispose();
        this.subscriptions.delete(uri);
        this.server.didClose(uri);
        file.model.dispose();
    }

    removeAll(): void {
        for (const file of [...this.list]) this.remove(file.name);
    }

    /** A name not yet taken: `untitled.conv`, `untitled-2.conv`, … */
    freshName(stem = 'untitled'): string {
        for (let k = 1; ; k++) {
            const name = k === 1 ? `${stem}.conv` : `${stem}-${k}.conv`;
            if (!this.find(name)) return name;
        }
    }
}
