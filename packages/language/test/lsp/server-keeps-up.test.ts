/**
 * Issue #10, "the server keeps up", in process: documents change through the
 * server's own DocumentUpdateHandler, as Langium's TextDocuments drive it,
 * and the timers of the build scheduling are fake, so that nothing here
 * depends on how fast the machine is. The figures themselves (seconds,
 * megabytes) are measured by scripts/bench/server.mjs.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Cancellation, DocumentState, isOperationCancelled, TextDocument, URI, type LangiumDocument } from 'langium';
import { setTextDocument, VirtualFileSystemProvider } from 'langium/test';
import type { InitializeParams } from 'vscode-languageserver';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { NetworkEvaluator } from '../../src/inference/engine.js';
import { createConvspecServices, type ConvspecLspServices } from '../../src/lsp/convspec-lsp-module.js';
import type { LangiumSharedServices } from 'langium/lsp';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
 * Whether the target of `ref` is collected within a few turns of the event loop. A handle scope of code V8 is
 * optimising at that moment may hold an object until its turn ends (the CI saw one such run); a tree the server
 * really retains survives every one of these collections.
 */
async function collectedSoon(ref: WeakRef<object>): Promise<boolean> {
    for (let turn = 0; turn < 5; turn++) {
        // deref() keeps its target for the rest of the turn, so every collection starts a new one.
        await new Promise(resolve => setImmediate(resolve));
        collectGarbage();
        if (ref.deref() === undefined) return true;
    }
    return false;
}

/** A network of `statements` layers whose one unknown word, `word`, is a diagnostic naming it. */
function network(word: string, statements = 200, name = 'Big'): string {
    const lines = [`network ${name} {`, '  input 32x32x8'];
    for (let i = 0; i < statements; i++) lines.push(i === statements >> 1 ? `  ${word}` : i % 2 ? '  relu' : '  conv 8 3x3 pad 1');
    return [...lines, '}', ''].join('\n');
}

/** An editor on the in-process server: every didOpen, didChange and didClose goes through the DocumentUpdateHandler. */
class Editor {
    readonly shared: LangiumSharedServices;
    readonly convspec: ConvspecLspServices;
    private readonly open = new Map<string, { version: number; close(): void }>();

    constructor(fileSystem = new VirtualFileSystemProvider(), workspaceFolder?: string) {
        const { shared, Convspec } = createConvspecServices({ fileSystemProvider: () => fileSystem });
        this.shared = shared;
        this.convspec = Convspec;
        const folders = workspaceFolder ? [{ uri: workspaceFolder, name: 'ws' }] : null;
        shared.workspace.WorkspaceManager.initialize({ workspaceFolders: folders } as InitializeParams);
    }

    /** The workspace scan, as `initialized` starts it; nothing is built before it. */
    async start(): Promise<this> {
        await this.shared.workspace.WorkspaceManager.initialized({});
        return this;
    }

    type(uri: string, text: string, languageId = 'conv'): void {
        const version = (this.open.get(uri)?.version ?? 0) + 1;
        this.open.get(uri)?.close();
        const document = TextDocument.create(uri, languageId, version, text);
        const registration = setTextDocument(this.shared, document);
        this.open.set(uri, { version, close: () => registration.dispose() });
        this.shared.lsp.DocumentUpdateHandler.didChangeContent?.({ document });
    }

    close(uri: string): void {
        const document = this.shared.workspace.TextDocuments.get(uri);
        // Like TextDocuments: forgotten first, then onDidClose.
        this.open.get(uri)?.close();
        this.open.delete(uri);
        if (document) this.shared.lsp.DocumentUpdateHandler.didCloseDocument?.({ document });
    }

    document(uri: string): LangiumDocument | undefined {
        return this.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
    }

    /** Lets timers and builds run, without waiting in real time, until `done` (or fails). */
    async until(done: () => boolean, what: string): Promise<void> {
        for (let step = 0; step < 200 && !done(); step++) {
            await vi.advanceTimersByTimeAsync(50);
            await new Promise(resolve => setImmediate(resolve));
        }
        if (!done()) throw new Error(`never happened: ${what}`);
    }

    /** The texts of `uri` that reached `state`, in order. */
    textsAt(state: DocumentState, uri: string): string[] {
        const texts: string[] = [];
        this.shared.workspace.DocumentBuilder.onDocumentPhase(state, document => {
            if (document.uri.toString() === uri) texts.push(document.textDocument.getText());
        });
        return texts;
    }
}

const messages = (document: LangiumDocument | undefined) => (document?.diagnostics ?? []).map(d => d.message).join('\n');

beforeEach(() => {
    // Only the build scheduling's timers: Langium's own yields (setImmediate) stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
});

describe('a burst of edits', () => {
    test('is parsed, linked and validated once, for the final text', async () => {
        const editor = await new Editor().start();
        const uri = 'file:///ws/big.conv';
        const parsed = editor.textsAt(DocumentState.Parsed, uri);
        const validated = editor.textsAt(DocumentState.Validated, uri);
        for (let k = 0; k <= 50; k++) {
            editor.type(uri, network(`typo${k}`));
            // The transport hands over one message per turn of the event loop.
            await new Promise(resolve => setImmediate(resolve));
        }
        await editor.until(() => validated.length > 0, 'a validated build');
        expect(messages(editor.document(uri))).toContain('`typo50`');
        expect(messages(editor.document(uri))).not.toContain('`typo49`');
        // No build ran for a text already outdated.
        expect(parsed).toEqual([network('typo50')]);
        expect(validated).toEqual([network('typo50')]);
    });

    test('does not reset documents it cannot affect, even those with unresolved names', async () => {
        const editor = await new Editor().start();
        const typed = 'file:///ws/typed.conv';
        const other = 'file:///ws/other.conv';
        editor.type(other, 'network O {\n  input 8x8x3\n  missing_block(4)\n}\n');
        editor.type(typed, network('typo0'));
        await editor.until(() => editor.document(other)?.state === DocumentState.Validated, 'the other document validated');
        const relinked = editor.textsAt(DocumentState.Linked, other);
        for (let k = 1; k <= 5; k++) {
            editor.type(typed, network(`typo${k}`));
            await editor.until(() => messages(editor.document(typed)).includes(`\`typo${k}\``), `edit ${k} built`);
        }
        // Hovers and hints there never waited for these builds.
        expect(relinked).toEqual([]);
        expect(editor.document(other)?.state).toBe(DocumentState.Validated);
    });
});

describe('a document just opened', () => {
    test('is built at once; an edit of it waits for the quiet period', async () => {
        const editor = await new Editor().start();
        const uri = 'file:///ws/opened.conv';
        const validated = editor.textsAt(DocumentState.Validated, uri);
        // A long text: an edit of it waits the longest quiet period (100 ms).
        editor.type(uri, network('openTypo', 3000));
        for (let turn = 0; turn < 50 && validated.length === 0; turn++) {
            await vi.advanceTimersByTimeAsync(0);
            await new Promise(resolve => setImmediate(resolve));
        }
        expect(validated).toHaveLength(1);
        editor.type(uri, network('editTypo', 3000));
        await vi.advanceTimersByTimeAsync(50);
        for (let turn = 0; turn < 20; turn++) await new Promise(resolve => setImmediate(resolve));
        expect(validated).toHaveLength(1);
        await editor.until(() => validated.length === 2, 'the edit built');
        expect(messages(editor.document(uri))).toContain('`editTypo`');
    });
});

describe('inference in a cancelled build', () => {
    test('stops before the next network, and caches nothing', async () => {
        const editor = await new Editor().start();
        const uri = 'file:///ws/many.conv';
        const text = Array.from({ length: 30 }, (_, k) => network(`typo${k}`, 20, `N${k}`)).join('\n');
        const document = editor.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
        editor.shared.workspace.LangiumDocuments.addDocument(document);
        await editor.shared.workspace.DocumentBuilder.build([document], { validation: false });

        // The edit that cancels the build arrives while the first network is evaluated.
        const newerEdit = new Cancellation.CancellationTokenSource();
        // `network` (private) evaluates one network.
        const evaluator = NetworkEvaluator.prototype as unknown as { network(...args: unknown[]): unknown };
        const evaluate = evaluator.network;
        let networks = 0;
        vi.spyOn(evaluator, 'network').mockImplementation(function (this: unknown, ...args: unknown[]) {
            if (++networks === 1) newerEdit.cancel();
            return evaluate.apply(this, args);
        });
        const validation = editor.convspec.validation.DocumentValidator.validateDocument(document, {}, newerEdit.token);
        const outcome = await validation.then(
            () => 'completed',
            (error: unknown) => (isOperationCancelled(error) ? 'cancelled' : error)
        );
        expect(outcome).toBe('cancelled');
        expect(networks).toBe(1);

        // The next build evaluates every network afresh: nothing half-done was kept.
        networks = 0;
        expect(editor.convspec.inference.Analyzer.analyze(document).networks).toHaveLength(30);
        expect(networks).toBe(30);
    });
});

describe('closing a document', () => {
    /** Opens a long document, waits for its diagnostics, and returns a weak reference to its syntax tree. */
    async function openAndBuild(editor: Editor, uri: string): Promise<WeakRef<object>> {
        editor.type(uri, `block b(c) {\n  conv c 3x3 pad 1\n}\n${network('closedTypo', 2000)}`);
        await editor.until(() => messages(editor.document(uri)).includes('closedTypo'), 'the document built');
        return new WeakRef(editor.document(uri)!.parseResult.value);
    }

    test('that is not a workspace file releases it: no document, no index entries, nothing holding its tree', async () => {
        const editor = await new Editor().start();
        const uri = 'file:///elsewhere/closed.conv';
        const tree = await openAndBuild(editor, uri);
        const released = editor.textsAt(DocumentState.Parsed, uri);
        let deleted = false;
        editor.shared.workspace.DocumentBuilder.onUpdate((_, removed) => {
            deleted ||= removed.some(r => r.toString() === uri);
        });
        editor.close(uri);
        await editor.until(() => deleted, 'the closed document deleted');

        expect(editor.shared.workspace.LangiumDocuments.hasDocument(URI.parse(uri))).toBe(false);
        expect(editor.shared.workspace.IndexManager.allElements().some(e => e.documentUri.toString() === uri)).toBe(false);
        expect(released).toEqual([]);
        // The parser keeps its last input until the next parse: another document is parsed.
        editor.type('file:///elsewhere/other.conv', network('otherTypo', 4));
        await editor.until(() => messages(editor.document('file:///elsewhere/other.conv')).includes('otherTypo'), 'other built');
        expect(await collectedSoon(tree)).toBe(true);
    });

    test('untitled and non-.conv buffers served as conv are released too', async () => {
        const editor = await new Editor().start();
        for (const uri of ['untitled:Untitled-1', 'file:///x/notes.txt']) {
            editor.type(uri, network('bufferTypo', 4));
            await editor.until(() => messages(editor.document(uri)).includes('bufferTypo'), `${uri} built`);
            editor.close(uri);
            await editor.until(() => !editor.shared.workspace.LangiumDocuments.hasDocument(URI.parse(uri)), `${uri} released`);
        }
    });

    test('that the workspace scan loads goes back to the text on disk, which other files import', async () => {
        const disk = new VirtualFileSystemProvider();
        const lib = 'file:///ws/lib.conv';
        const main = 'file:///ws/main.conv';
        disk.insert(lib, 'block stage(c) {\n  conv c 3x3 pad 1\n}\n');
        disk.insert(main, 'import "lib.conv"\nnetwork M {\n  input 8x8x3\n  stage(4)\n}\n');
        const editor = await new Editor(disk, 'file:///ws').start();
        expect(editor.document(lib)).toBeDefined();

        // Edited without saving, then closed: the editor's text is dropped, the file's is back.
        editor.type(lib, 'block stage(c) {\n  conv c 3x3 pad 1\n  unsavedTypo\n}\n');
        await editor.until(() => messages(editor.document(lib)).includes('unsavedTypo'), 'the edit built');
        editor.close(lib);
        await editor.until(() => editor.document(lib)?.textDocument.getText() === disk.readFileSync(URI.parse(lib)), 'the text on disk');
        await editor.until(() => editor.document(lib)?.state === DocumentState.Validated, 'lib.conv rebuilt');
        expect(messages(editor.document(lib))).not.toContain('unsavedTypo');
        // main.conv still calls the block of lib.conv.
        editor.type(main, disk.readFileSync(URI.parse(main)));
        await editor.until(() => editor.document(main)?.state === DocumentState.Validated, 'main.conv validated');
        expect(messages(editor.document(main))).toBe('');
    });
});
