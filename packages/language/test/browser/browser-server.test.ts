/**
 * The browser entry (`convspec/browser`) as a page or VS Code for the Web
 * meets it: the server on one end of a MessageChannel (Node has the same
 * MessagePort as browsers), a JSON-RPC client on the other. Imports resolve
 * between open documents (the playground opens every file of its page) and
 * through the file system the caller passes (the web extension's
 * `workspace.fs`), read asynchronously during the workspace scan.
 */
import { VirtualFileSystemProvider } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import {
    BrowserMessageReader,
    BrowserMessageWriter,
    createProtocolConnection,
    type Diagnostic,
    type InitializeResult,
    type InlayHint,
    type ProtocolConnection
} from 'vscode-languageserver/browser.js';
import { startBrowserLanguageServer } from '../../src/browser/language-server.js';

const WORKSPACE = 'file:///w';
const BLOCKS = 'block squeeze(c) {\n  conv c 1x1\n}\n';
const MAIN = 'import "lib/blocks.conv"\n\nnetwork M {\n  input 28x28x192\n  squeeze(96)\n  conv 16 3x3 stride 2\n}\n';
// squeeze(96) on 28×28×192: a 1×1 conv, 1·1·192·96 + 96 parameters.
const SQUEEZE_HINT = `→ 28×28×96 · ${(1 * 1 * 192 * 96 + 96).toLocaleString('en-US')} params`;

interface Client {
    readonly rpc: ProtocolConnection;
    readonly initialized: InitializeResult;
    readonly diagnostics: Map<string, Diagnostic[]>;
    readonly channel: InstanceType<typeof MessageChannel>;
}

let open: Client | undefined;
afterEach(() => {
    open?.rpc.dispose();
    open?.channel.port1.close();
    open?.channel.port2.close();
    open = undefined;
});

async function connect(files?: VirtualFileSystemProvider): Promise<Client> {
    const channel = new MessageChannel();
    startBrowserLanguageServer(channel.port1, files ? () => files : undefined);
    const rpc = createProtocolConnection(new BrowserMessageReader(channel.port2), new BrowserMessageWriter(channel.port2));
    const diagnostics = new Map<string, Diagnostic[]>();
    rpc.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
        diagnostics.set(p.uri, p.diagnostics);
    });
    rpc.onRequest('client/registerCapability', () => null);
    rpc.listen();
    const initialized: InitializeResult = await rpc.sendRequest('initialize', {
        processId: null,
        rootUri: files ? WORKSPACE : null,
        workspaceFolders: files ? [{ uri: WORKSPACE, name: 'w' }] : null,
        capabilities: {}
    });
    await rpc.sendNotification('initialized', {});
    open = { rpc, initialized, diagnostics, channel };
    return open;
}

async function didOpen(c: Client, uri: string, text: string): Promise<void> {
    await c.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'conv', version: 1, text } });
}

async function diagnosticsOf(c: Client, uri: string): Promise<Diagnostic[]> {
    for (let waited = 0; waited < 20_000; waited += 20) {
        const found = c.diagnostics.get(uri);
        if (found) return found;
        await new Promise(r => setTimeout(r, 20));
    }
    throw new Error(`no diagnostics for ${uri}`);
}

async function hintLabels(c: Client, uri: string): Promise<string[]> {
    const hints: InlayHint[] = await c.rpc.sendRequest('textDocument/inlayHint', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }
    });
    return hints.map(h => (typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join('')));
}

const codes = (list: Diagnostic[]) => list.map(d => d.code);

describe('the language server over a MessagePort', () => {
    test('announces the editor features a page maps', async () => {
        const caps = (await connect()).initialized.capabilities;
        expect(caps.inlayHintProvider).toBeTruthy();
        expect(caps.hoverProvider).toBeTruthy();
        expect(caps.codeActionProvider).toBeTruthy();
        expect(caps.completionProvider).toBeTruthy();
        expect(caps.documentFormattingProvider).toBeTruthy();
    });

    test('imports resolve between open documents (the playground: every file of the page is open)', async () => {
        const c = await connect();
        await didOpen(c, `${WORKSPACE}/lib/blocks.conv`, BLOCKS);
        await didOpen(c, `${WORKSPACE}/main.conv`, MAIN);
        // (28 − 3 + 2·0)/2 + 1 = 13.5 after the squeeze: the one error; the import and the call resolve.
        expect(codes(await diagnosticsOf(c, `${WORKSPACE}/main.conv`))).toEqual(['non-integer-output']);
        expect(await hintLabels(c, `${WORKSPACE}/main.conv`)).toContain(SQUEEZE_HINT);
    });

    test('without the imported file the import is reported, and the server keeps answering', async () => {
        const c = await connect();
        await didOpen(c, `${WORKSPACE}/main.conv`, MAIN);
        expect(codes(await diagnosticsOf(c, `${WORKSPACE}/main.conv`))).toEqual(
            expect.arrayContaining(['unresolved-import', 'unknown-block'])
        );
        expect(await hintLabels(c, `${WORKSPACE}/main.conv`)).toContain('→ 28×28×192');
    });

    test('imports resolve through the file system it is given (the web extension: workspace.fs), files never opened', async () => {
        const files = new VirtualFileSystemProvider();
        files.insert(`${WORKSPACE}/lib/blocks.conv`, BLOCKS);
        files.insert(`${WORKSPACE}/main.conv`, MAIN);
        const c = await connect(files);
        await didOpen(c, `${WORKSPACE}/main.conv`, MAIN);
        expect(codes(await diagnosticsOf(c, `${WORKSPACE}/main.conv`))).toEqual(['non-integer-output']);
        expect(await hintLabels(c, `${WORKSPACE}/main.conv`)).toContain(SQUEEZE_HINT);
    });
});
