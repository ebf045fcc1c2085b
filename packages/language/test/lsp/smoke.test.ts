import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LspClient } from './lsp-client.js';

let client: LspClient;
let dir: string;
beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-lsp-'));
    client = new LspClient(dir);
    await client.initialize(dir);
});
afterAll(async () => client.shutdown());

test('smoke', async () => {
    const uri = pathToFileURL(path.join(dir, 'a.conv')).toString();
    const diags = await client.open(uri, 'network A {\n  input 10x10x3\n  conv 16 3x3 stride 2\n}\n');
    console.log(JSON.stringify(diags));
    const hints = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } });
    console.log(JSON.stringify(hints));
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
    console.log(JSON.stringify(hover));
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags } });
    console.log(JSON.stringify(actions.map((a: any) => [a.title, a.isPreferred])));
    expect(diags.length).toBe(1);
});
