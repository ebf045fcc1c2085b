/**
 * Formatting through textDocument/formatting: canonical spacing and
 * indentation, idempotent (formatting the result yields no edits), comments
 * kept byte for byte, and the meaning (every hint) unchanged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyEdits, errors, EXAMPLES } from './harness.js';
import { InProcessSession } from './in-process.js';

let s: InProcessSession;
beforeAll(async () => {
    s = await InProcessSession.start();
});
afterAll(async () => s.stop());

const COMMENTS = /\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g;

/** Formats, applies, sends; resolves with the formatted text. */
async function formatOnce(uri: string, text: string, options?: object): Promise<string> {
    const edits = await s.format(uri, options);
    const formatted = applyEdits(text, edits);
    await s.change(uri, formatted);
    return formatted;
}

test('a messy network becomes canonical', async () => {
    const messy = [
        'network   Messy{',
        'input 28x28x192',
        '      c1:conv 96   3x3 stride 1   pad 1',
        '  relu',
        '',
        '',
        '',
        '    concat {  branch { conv 8 1x1 }',
        '  branch{ maxpool 3x3 stride 1 pad 1}',
        '}',
        '}'
    ].join('\n');
    const expected = [
        'network Messy {',
        '  input 28x28x192',
        '  c1: conv 96 3x3 stride 1 pad 1',
        '  relu',
        '',
        '  concat { branch { conv 8 1x1 }',
        '    branch { maxpool 3x3 stride 1 pad 1 }',
        '  }',
        '}',
        ''
    ].join('\n');
    const { uri } = await s.open(messy);
    const formatted = await formatOnce(uri, messy);
    expect(formatted).toBe(expected);
    expect(await s.format(uri)).toEqual([]);
});

test('comments are kept byte for byte, and formatting twice changes nothing', async () => {
    const text = [
        '/* header ─ with unicode: 28×28×192, ⌊112.5⌋ */',
        'block  b(c,s) {   // trailing   comment with   spaces',
        '      conv c*4 1x1 stride s   /* inline */ pad 0',
        '  repeat s - 1 {relu}',
        '}',
        '// between',
        'network N {',
        '\tinput 16x16x3',
        '\t\tx: b( 2 , 1 )  //  two  spaces',
        '\tconv 4 3x3 pad 1;relu;  bn',
        '}',
        ''
    ].join('\n');
    const { uri } = await s.open(text);
    const formatted = await formatOnce(uri, text);
    const before = text.match(COMMENTS)!;
    const after = formatted.match(COMMENTS)!;
    expect(after).toEqual(before);
    expect(await s.format(uri)).toEqual([]);
    // the expressions keep their meaning
    expect(formatted).toContain('conv c*4 1x1');
    expect(formatted).toMatch(/repeat s - 1 \{/);
    expect(formatted).toContain('x: b(2, 1)');
});

test('a unary minus stays unary, a binary minus stays binary', async () => {
    const text = 'block m(c) {\n  conv c-1 1x1\n  conv c - 1 1x1\n  repeat -1 { relu }\n}\n';
    const { uri } = await s.open(text);
    const formatted = await formatOnce(uri, text);
    expect(formatted).toContain('conv c-1 1x1');
    expect(formatted).toContain('conv c - 1 1x1');
    expect(formatted).toMatch(/repeat -1 \{/);
});

test('tabs when the editor asks for them', async () => {
    const text = 'network T {\n  input 8x8x3\n  residual {\n    relu\n  }\n}\n';
    const { uri } = await s.open(text);
    const formatted = await formatOnce(uri, text, { tabSize: 4, insertSpaces: false });
    expect(formatted).toBe('network T {\n\tinput 8x8x3\n\tresidual {\n\t\trelu\n\t}\n}\n');
});

test('CRLF stays CRLF', async () => {
    const text = 'network W {\r\n    input 8x8x3\r\n  relu // c\r\n}\r\n';
    const { uri } = await s.open(text);
    const formatted = await formatOnce(uri, text);
    expect(formatted).toBe('network W {\r\n  input 8x8x3\r\n  relu // c\r\n}\r\n');
});

test('a file with a syntax error is not reformatted (no edits, no failure)', async () => {
    const text = 'network E {\n      input 8x8x3\n  conv 4 3x3 stride\n}\n';
    const { uri } = await s.open(text);
    expect(await s.format(uri)).toEqual([]);
});

describe('examples', () => {
    const files = fs
        .readdirSync(EXAMPLES, { recursive: true })
        .map(String)
        .filter(f => f.endsWith('.conv'));
    test.each(files)('%s: idempotent, comments identical, hints and diagnostics unchanged', async file => {
        const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
        const { uri, diagnostics } = await s.open(text, `fmt-${path.basename(file)}`);
        const hintsBefore = (await s.hints(uri)).map(h => h.label);
        const formatted = await formatOnce(uri, text);
        expect(formatted.match(COMMENTS)).toEqual(text.match(COMMENTS));
        expect(await s.format(uri)).toEqual([]);
        expect((await s.hints(uri)).map(h => h.label)).toEqual(hintsBefore);
        expect(errors(await s.change(uri, formatted)).length).toBe(errors(diagnostics).length);
    });
});
