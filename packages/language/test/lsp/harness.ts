/**
 * Shared helpers for the language-server tests: one real server process per
 * test file (stdio, JSON-RPC), documents as an editor sends them, and small
 * accessors for what an editor renders. Build first (`npm run build`): the
 * server runs from out/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EditorSession, type Position } from './editor-session.js';
import { applyEdits, LspClient } from './lsp-client.js';

export { applyEdits, LspClient };
export { WHOLE, type Action, type Hint, type Position, type Range } from './editor-session.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_ROOT = path.resolve(PACKAGE_DIR, '../..');
export const EXAMPLES = path.join(REPO_ROOT, 'examples');

/** en-US thousands separators, computed here (never pasted from the tool). */
export const en = (n: number): string => n.toLocaleString('en-US');

export const ERROR = 1;
export const WARNING = 2;

/** Rejects when `promise` does not settle within `ms`: a hung request fails the test instead of the run. */
export function withTimeout<T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** 0-based LSP position of `needle` (plus `delta` characters) in `text`, searching from the `nth` occurrence. */
export function pos(text: string, needle: string, delta = 0, nth = 0): Position {
    let offset = -1;
    for (let i = 0; i <= nth; i++) {
        offset = text.indexOf(needle, offset + 1);
        if (offset < 0) throw new Error(`"${needle}" (occurrence ${nth}) not found`);
    }
    return positionAt(text, offset + delta);
}

export function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

/** 0-based line index of the only line containing `needle`. */
export function lineOf(text: string, needle: string): number {
    const lines = text.split('\n').flatMap((l, i) => (l.includes(needle) ? [i] : []));
    if (lines.length !== 1) throw new Error(`"${needle}" is on ${lines.length} lines, expected 1`);
    return lines[0];
}

/** The real server process in a fresh temp workspace, over stdio, with helpers bound to it. */
export class StdioSession extends EditorSession {
    readonly client: LspClient;
    private versions = new Map<string, number>();
    private counter = 0;

    private constructor(readonly dir: string) {
        super();
        this.client = new LspClient(dir);
    }

    static async start(initializationOptions?: object): Promise<StdioSession> {
        if (!fs.existsSync(path.join(PACKAGE_DIR, 'out', 'node', 'language-server.js'))) {
            throw new Error(
                `${PACKAGE_DIR}/out/node/language-server.js is missing: run \`npm run build\` in ${REPO_ROOT} before the stdio tests`
            );
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-lsp-'));
        const session = new StdioSession(dir);
        session.initializeResult = await withTimeout(session.client.initialize(dir, initializationOptions), 'initialize', 20000);
        return session;
    }

    initializeResult: any;

    async stop(): Promise<void> {
        await this.client.shutdown();
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    uri(name: string): string {
        return pathToFileURL(path.join(this.dir, name)).toString();
    }

    /** Opens a document (a fresh name unless given) and resolves with its first diagnostics. */
    async open(text: string, name = `doc${this.counter++}.conv`, onDisk = false): Promise<{ uri: string; diagnostics: any[] }> {
        const uri = this.uri(name);
        if (onDisk) fs.writeFileSync(path.join(this.dir, name), text);
        this.versions.set(uri, 1);
        this.texts.set(uri, text);
        const diagnostics = await withTimeout(this.client.open(uri, text, 1), `diagnostics after didOpen of ${name}`, 20000);
        return { uri, diagnostics };
    }

    /** Replaces the whole text (as an editor's full-sync didChange) and resolves with the new diagnostics. */
    async change(uri: string, text: string): Promise<any[]> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        this.texts.set(uri, text);
        return withTimeout(this.client.change(uri, text, version), `diagnostics after didChange v${version}`, 20000);
    }

    /**
     * The diagnostics of `uri` once they satisfy `accept`. A change to one file
     * revalidates the files that import it, and publishDiagnostics carries no
     * version: a publication already under way for the older text may arrive
     * after the next didChange, so cross-file edits wait for the settled state.
     */
    async settled(uri: string, accept: (diagnostics: any[]) => boolean, ms = 20000): Promise<any[]> {
        const deadline = Date.now() + ms;
        for (;;) {
            const latest = this.client.diagnostics.get(uri)?.diagnostics ?? [];
            if (accept(latest)) return latest;
            if (Date.now() > deadline) return latest;
            await new Promise(resolve => setTimeout(resolve, 50));
        }
    }

    /** Waits until the requests the server sent satisfy `accept` (false after `ms`). */
    async settledRequests(accept: (requests: { method: string; params: any }[]) => boolean, ms = 10000): Promise<boolean> {
        const deadline = Date.now() + ms;
        while (!accept(this.client.serverRequests)) {
            if (Date.now() > deadline) return false;
            await new Promise(resolve => setTimeout(resolve, 20));
        }
        return true;
    }

    close(uri: string): void {
        this.client.notify('textDocument/didClose', { textDocument: { uri } });
        this.versions.delete(uri);
        this.texts.delete(uri);
    }

    request<T = any>(method: string, params: unknown, ms = 10000): Promise<T> {
        return withTimeout(this.client.request<T>(method, params), method, ms);
    }

    get exited(): boolean {
        return this.client.exited;
    }
}

export const errors = (diagnostics: any[]) => diagnostics.filter(d => d.severity === ERROR);
export const codes = (diagnostics: any[]) => diagnostics.map(d => String(d.code));

/** The same diagnostic (code and range), as the client would match it. */
export function sameDiagnostic(a: any, b: any): boolean {
    return a.code === b.code && JSON.stringify(a.range) === JSON.stringify(b.range);
}
