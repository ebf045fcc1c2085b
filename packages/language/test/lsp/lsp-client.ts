import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expectNoLeak } from '../message-check.js';

const defaultServerBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/convspec-language-server.js');

interface Pending {
    resolve(value: unknown): void;
    reject(error: Error): void;
}

/**
 * A minimal LSP client: the real server process, JSON-RPC with
 * Content-Length framing over its stdin/stdout, as an editor talks to it.
 */
export class LspClient {
    private readonly process: ChildProcessWithoutNullStreams;
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, Pending>();
    private readonly diagnosticWaiters: { uri: string; version?: number; resolve(d: unknown[]): void }[] = [];
    readonly diagnostics = new Map<string, { version?: number; diagnostics: any[] }>();
    /** What the client answers to `workspace/configuration`, by section (null when absent, as an editor without settings). */
    settings: Record<string, unknown> = {};
    /** The requests the server sent to the client, in order. */
    readonly serverRequests: { method: string; params: any }[] = [];
    stderr = '';

    /** `serverBin`: another server script, e.g. the one an installed package put in node_modules/.bin. */
    constructor(cwd: string, serverBin = defaultServerBin) {
        this.process = spawn(process.execPath, [serverBin, '--stdio'], { cwd });
        this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
        this.process.stderr.on('data', (chunk: Buffer) => {
            this.stderr += chunk.toString();
        });
        this.process.on('exit', () => {
            for (const p of this.pending.values()) p.reject(new Error(`server exited: ${this.stderr}`));
        });
    }

    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
            if (this.buffer.length < headerEnd + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
            this.buffer = this.buffer.subarray(headerEnd + 4 + length);
            this.dispatch(message);
        }
    }

    private dispatch(message: any): void {
        if (message.id !== undefined && message.method === undefined) {
            const p = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (message.error) p?.reject(new Error(`${message.error.code}: ${message.error.message}`));
            else p?.resolve(message.result);
        } else if (message.method === 'textDocument/publishDiagnostics') {
            const { uri, version, diagnostics } = message.params;
            for (const d of diagnostics) expectNoLeak(d.message, `a diagnostic published for ${uri}`);
            this.diagnostics.set(uri, { version, diagnostics });
            for (const w of [...this.diagnosticWaiters]) {
                if (w.uri === uri && (w.version === undefined || version === undefined || w.version === version)) {
                    this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(w), 1);
                    w.resolve(diagnostics);
                }
            }
        } else if (message.id !== undefined && message.method) {
            // Server-to-client requests (configuration, registration, refresh): answer like a plain editor.
            this.serverRequests.push({ method: message.method, params: message.params });
            const result =
                message.method === 'workspace/configuration'
                    ? message.params.items.map((item: { section?: string }) => this.settings[item.section ?? ''] ?? null)
                    : null;
            this.write({ jsonrpc: '2.0', id: message.id, result });
        }
    }

    private write(message: object): void {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        this.process.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
        this.process.stdin.write(body);
    }

    request<T = any>(method: string, params: unknown): Promise<T> {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
            this.write({ jsonrpc: '2.0', id, method, params });
        });
    }

    notify(method: string, params: unknown): void {
        this.write({ jsonrpc: '2.0', method, params });
    }

    /** Resolves with the next diagnostics published for `uri` (at `version`, if given). */
    nextDiagnostics(uri: string, version?: number): Promise<any[]> {
        return new Promise(resolve => this.diagnosticWaiters.push({ uri, version, resolve }));
    }

    /** `initializationOptions` as a client sends them (the VS Code extension names its network-view command). */
    async initialize(rootDir: string, initializationOptions?: object): Promise<any> {
        const result = await this.request('initialize', {
            processId: process.pid,
            initializationOptions,
            rootUri: pathToFileURL(rootDir).toString(),
            workspaceFolders: [{ uri: pathToFileURL(rootDir).toString(), name: 'ws' }],
            capabilities: {
                textDocument: {
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    codeAction: {
                        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite'] } },
                        isPreferredSupport: true
                    },
                    inlayHint: {},
                    publishDiagnostics: { relatedInformation: true }
                },
                workspace: {
                    configuration: true,
                    workspaceFolders: true,
                    didChangeConfiguration: { dynamicRegistration: true },
                    inlayHint: { refreshSupport: true },
                    codeLens: { refreshSupport: true }
                }
            }
        });
        this.notify('initialized', {});
        return result;
    }

    async open(uri: string, text: string, version = 1): Promise<any[]> {
        const diagnostics = this.nextDiagnostics(uri, version);
        this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'conv', version, text } });
        return diagnostics;
    }

    async change(uri: string, text: string, version: number): Promise<any[]> {
        const diagnostics = this.nextDiagnostics(uri, version);
        this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        return diagnostics;
    }

    async shutdown(): Promise<void> {
        try {
            await Promise.race([this.request('shutdown', null), new Promise(r => setTimeout(r, 2000))]);
            this.notify('exit', null);
        } finally {
            setTimeout(() => this.process.kill(), 500);
        }
    }

    get exited(): boolean {
        return this.process.exitCode !== null;
    }
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(
    text: string,
    edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]
): string {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
    const offset = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
    return [...edits]
        .sort((a, b) => offset(b.range.start) - offset(a.range.start))
        .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
