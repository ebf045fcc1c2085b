/**
 * Completion (keywords, block names, snippets) and signature help for block
 * calls, including half-typed calls that do not parse yet.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pos } from './harness.js';
import { InProcessSession } from './in-process.js';

let s: InProcessSession;
beforeAll(async () => {
    s = await InProcessSession.start();
});
afterAll(async () => s.stop());

const labels = (items: any[]) => items.map(i => i.label as string);

describe('completion', () => {
    const TEXT = [
        'block stage(w, n, s) {',
        '  conv w 3x3 stride s pad 1',
        '  ',
        '}',
        'block tail() {',
        '  relu',
        '}',
        'network N {',
        '  input 32x32x3',
        '  conv 8 3x3 pad 1',
        '  ',
        '  residual {',
        '    ',
        '  }',
        '}',
        '',
        ''
    ].join('\n');
    let uri: string;
    beforeAll(async () => {
        ({ uri } = await s.open(TEXT));
    });

    const LAYER_KEYWORDS = [
        'conv',
        'dwconv',
        'maxpool',
        'avgpool',
        'relu',
        'bn',
        'dense',
        'flatten',
        'dropout',
        'concat',
        'residual',
        'repeat',
        'globalavgpool'
    ];

    test('at the start of a statement in a network: layer keywords and block names', async () => {
        const items = await s.completion(uri, { line: 10, character: 2 });
        const got = labels(items);
        for (const k of LAYER_KEYWORDS) expect(got, `missing ${k}`).toContain(k);
        expect(got).toContain('stage');
        expect(got).toContain('tail');
    });

    test('at the start of a statement in a block body and inside a residual', async () => {
        for (const at of [
            { line: 2, character: 2 },
            { line: 12, character: 4 }
        ]) {
            const got = labels(await s.completion(uri, at));
            for (const k of ['conv', 'relu', 'maxpool', 'bn']) expect(got, `missing ${k} at ${JSON.stringify(at)}`).toContain(k);
            expect(got, `block names at ${JSON.stringify(at)}`).toContain('tail');
        }
    });

    test('snippets at the start of a statement (conv with stride/pad placeholders, residual, concat)', async () => {
        const items = await s.completion(uri, { line: 10, character: 2 });
        const snippets = items.filter(i => i.insertTextFormat === 2);
        expect(snippets.length).toBeGreaterThan(0);
        const conv = snippets.find(i => /conv/.test(i.label));
        expect(conv?.insertText ?? conv?.textEdit?.newText).toMatch(/\$\{1/);
        expect(snippets.some(i => /residual/.test(i.label))).toBe(true);
        expect(snippets.some(i => /concat/.test(i.label))).toBe(true);
    });

    test('at the top level: network, block, import', async () => {
        const got = labels(await s.completion(uri, { line: 15, character: 0 }));
        expect(got).toContain('network');
        expect(got).toContain('block');
        // `input` is not a top-level word
        expect(got).not.toContain('input');
    });

    test('after a kernel: the options (stride, pad, dilation, …)', async () => {
        const text = 'network O {\n  input 8x8x3\n  conv 4 3x3 \n}\n';
        const { uri: u } = await s.open(text);
        const got = labels(await s.completion(u, { line: 2, character: 13 }));
        for (const k of ['stride', 'pad', 'dilation', 'groups']) expect(got).toContain(k);
    });

    test('after `pad `: same and valid', async () => {
        const text = 'network O2 {\n  input 8x8x3\n  conv 4 3x3 pad \n}\n';
        const { uri: u } = await s.open(text);
        const got = labels(await s.completion(u, { line: 2, character: 17 }));
        expect(got).toContain('same');
        expect(got).toContain('valid');
    });

    test('after `rounding `: strict, floor, ceil', async () => {
        const text = 'network O3 {\n  input 8x8x3\n  rounding \n}\n';
        const { uri: u } = await s.open(text);
        const got = labels(await s.completion(u, { line: 2, character: 11 }));
        expect(got).toEqual(expect.arrayContaining(['strict', 'floor', 'ceil']));
    });

    test('after a label (`c: `): layer keywords and block names', async () => {
        const text = 'block stage(w) { conv w 1x1 }\nnetwork O5 {\n  input 8x8x3\n  c: \n}\n';
        const { uri: u } = await s.open(text);
        const got = labels(await s.completion(u, { line: 3, character: 5 }));
        for (const k of ['conv', 'relu', 'maxpool', 'dense']) expect(got, `missing ${k}`).toContain(k);
        expect(got).toContain('stage');
    });

    test('a half-typed block name completes to the block', async () => {
        const text = 'block stage(w) { conv w 1x1 }\nnetwork O4 {\n  input 8x8x3\n  sta\n}\n';
        const { uri: u } = await s.open(text);
        const got = labels(await s.completion(u, { line: 3, character: 5 }));
        expect(got).toContain('stage');
    });
});

describe('signature help', () => {
    const BLOCK = 'block stage(w, n, s) {\n  conv w 3x3 stride s pad 1\n}\n';

    async function help(text: string, needle: string, delta: number) {
        const { uri } = await s.open(text);
        return s.request<any>('textDocument/signatureHelp', {
            textDocument: { uri },
            position: pos(text, needle, delta),
            context: { triggerKind: 2, triggerCharacter: ',', isRetrigger: false }
        });
    }

    test('inside `stage(64, |` (half-typed, does not parse): the signature with activeParameter 1', async () => {
        const text = `${BLOCK}network N {\n  input 32x32x3\n  stage(64, \n}\n`;
        const h = await help(text, 'stage(64, ', 'stage(64, '.length);
        expect(h).toBeTruthy();
        const sig = h.signatures[h.activeSignature ?? 0];
        expect(sig.label).toMatch(/stage\(w, n, s\)/);
        expect(sig.parameters.length).toBe(3);
        expect(h.activeParameter ?? sig.activeParameter).toBe(1);
        // the highlighted parameter is `n`
        const p = sig.parameters[1].label;
        expect(typeof p === 'string' ? p : sig.label.slice(p[0], p[1])).toBe('n');
    });

    test('right after `(`: activeParameter 0; after the second comma: 2', async () => {
        const text = `${BLOCK}network N {\n  input 32x32x3\n  stage(64, 2, 1)\n}\n`;
        expect((await help(text, 'stage(64', 'stage('.length)).activeParameter).toBe(0);
        expect((await help(text, 'stage(64', 'stage(64, 2, '.length)).activeParameter).toBe(2);
    });

    test('with a label and for a block from an imported file', async () => {
        await s.open('block lib_block(a, b) { conv a 1x1 }\n', 'siglib.conv', true);
        const text = 'import "siglib.conv"\nnetwork N {\n  input 8x8x3\n  l1: lib_block(4, \n}\n';
        const h = await help(text, 'lib_block(4, ', 'lib_block(4, '.length);
        expect(h.signatures[0].label).toMatch(/lib_block\(a, b\)/);
        expect(h.activeParameter).toBe(1);
    });

    test('a block of a file that is not imported gets no signature (validation says unknown-block there)', async () => {
        await s.open('block hidden_block(a, b) { conv a 1x1 }\n', 'sighidden.conv', true);
        const text = 'network N {\n  input 8x8x3\n  hidden_block(4, 2)\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(diagnostics.map((d: any) => d.code)).toContain('unknown-block');
        const h = await s.request<any>('textDocument/signatureHelp', {
            textDocument: { uri },
            position: pos(text, 'hidden_block(4', 'hidden_block('.length),
            context: { triggerKind: 1, isRetrigger: false }
        });
        expect(h).toBeFalsy();
    });

    test('outside any call: no signature (null), no failure', async () => {
        const text = `${BLOCK}network N {\n  input 32x32x3\n  relu\n}\n`;
        expect(await help(text, 'relu', 2)).toBeFalsy();
    });
});
