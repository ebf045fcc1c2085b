/**
 * Documents the server has no language for, over stdio: an editor sends
 * didOpen for every file it opens (a README.md, a plaintext buffer), and on
 * 0.1 the first one ended the process ("The service registry contains no
 * services for the extension…"). After each such didOpen the process must
 * still build and answer for a real `.conv` document. A buffer whose
 * languageId is `conv` is served as conv whatever its URI (`untitled:`, a
 * `.txt` file), and released when closed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codes, StdioSession, withTimeout } from './harness.js';

const CONV = 'network N {\n  input 32x32x3\n  conv 16 3x3 pad 1\n  relu\n}\n';
const CONV_HOVER = { line: 2, character: 3 };
/** A `.conv` text with one error that names `word`, so a diagnostic shows which text was built. */
const withTypo = (word: string) => CONV.replace('  relu\n', `  ${word}\n`);

let s: StdioSession;
let conv: string;
let edits = 0;

beforeAll(async () => {
    s = await StdioSession.start();
    conv = (await s.open(CONV, 'real.conv')).uri;
});
afterAll(async () => s.stop());

function didOpen(uri: string, languageId: string, text: string): void {
    s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
}

/**
 * The server is alive and current: an edit to the real document, sent after
 * the didOpen, is built (builds run in order, so the didOpen was handled
 * first) and the hover there is answered.
 */
async function expectServing(): Promise<void> {
    const word = `typo${++edits}`;
    const diagnostics = await s.change(conv, withTypo(word));
    expect(s.exited).toBe(false);
    expect(diagnostics.map(d => d.message).join('\n')).toContain(word);
    expect(await s.hover(conv, CONV_HOVER)).toContain('conv');
}

describe('documents the server has no language for', () => {
    test.each([
        ['a markdown README.md', () => s.uri('README.md'), 'markdown', '# Notes\n\nconv 16 3x3\n'],
        ['a plaintext file', () => s.uri('notes.log'), 'plaintext', 'network N {\n'],
        ['an untitled plaintext buffer', () => 'untitled:Untitled-2', 'plaintext', 'just text\n']
    ])('%s: the server stays alive, serves .conv, and answers null for it', async (_what, uriOf, languageId, text) => {
        const uri = uriOf();
        didOpen(uri, languageId, text);
        await expectServing();
        // Edited and hovered like any open document: no crash, an empty answer.
        s.client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}more\n` }] });
        expect(await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })).toBeNull();
        s.client.notify('textDocument/didClose', { textDocument: { uri } });
        await expectServing();
        expect(s.client.diagnostics.has(uri)).toBe(false);
    });
});

describe('buffers with languageId conv are served as conv, whatever their URI', () => {
    test.each([
        ['an untitled buffer', 'untitled:Untitled-1'],
        ['a .txt file', 'file:///x/notes.txt']
    ])('%s: diagnostics and hovers, and released on close', async (_what, uri) => {
        const published = withTimeout(s.client.nextDiagnostics(uri), `diagnostics of ${uri}`, 20000);
        didOpen(uri, 'conv', withTypo('untitledTypo'));
        expect(codes(await published)).toEqual(['unknown-layer']);
        expect(await s.hover(uri, CONV_HOVER)).toContain('conv');
        await expectServing();

        // Closed, it is gone: its diagnostics are cleared and nothing of it is served.
        const cleared = withTimeout(s.client.nextDiagnostics(uri), `diagnostics of ${uri} after didClose`, 20000);
        s.client.notify('textDocument/didClose', { textDocument: { uri } });
        expect(await cleared).toEqual([]);
        expect(await s.request('textDocument/hover', { textDocument: { uri }, position: CONV_HOVER })).toBeNull();
        await expectServing();
    });
});
