/**
 * Code lens, document symbols, folding, and go-to-definition / references /
 * rename for blocks across an imported file and for labels.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyEdits, codes, en, errors, lineOf, pos } from './harness.js';
import { InProcessSession } from './in-process.js';

let s: InProcessSession;
beforeAll(async () => {
    s = await InProcessSession.start();
});
afterAll(async () => s.stop());

describe('code lens', () => {
    const TEXT = [
        'network FilterDepth {',
        '  input 28x28x192',
        '  conv3x3: conv 96 3x3',
        '}',
        '',
        'network OneByOne {',
        '  input 32x32x6',
        '  reduce: conv 5 1x1',
        '}',
        ''
    ].join('\n');

    test('one totals lens per network, on its line, with total params, MACs and output volume', async () => {
        const { uri } = await s.open(TEXT);
        // With two networks each also has a `compare with …` lens (test/lsp/code-lens.test.ts).
        const lenses = (await s.codeLens(uri)).filter(l => !(l.command?.title as string).startsWith('compare with'));
        expect(lenses.map(l => l.range.start.line)).toEqual([0, 5]);
        // 3·3·192·96 + 96 params; 26·26·3·3·192·96 MACs → 26×26×96
        const a = lenses[0].command.title as string;
        expect(a).toContain(`${en(3 * 3 * 192 * 96 + 96)} params`);
        expect(a).toContain(en(26 * 26 * 3 * 3 * 192 * 96));
        expect(a).toContain('26×26×96');
        // 1·1·6·5 + 5 params; 32·32·6·5 MACs → 32×32×5
        const b = lenses[1].command.title as string;
        expect(b).toContain(`${1 * 1 * 6 * 5 + 5} params`);
        expect(b).toContain(en(32 * 32 * 6 * 5));
        expect(b).toContain('32×32×5');
    });

    test('the lens also states activation memory (spec §7: params, MACs, output volume, activation memory)', async () => {
        const { uri } = await s.open(TEXT);
        const title = (await s.codeLens(uri))[0].command.title as string;
        expect(title).toMatch(/\d(\.\d+)? ?(B|KB|MB|GB|KiB|MiB|GiB)\b/);
    });

    test('the lens follows edits', async () => {
        const { uri } = await s.open(TEXT);
        await s.change(uri, TEXT.replace('conv 96 3x3', 'conv 48 3x3'));
        const title = (await s.codeLens(uri))[0].command.title as string;
        expect(title).toContain(`${en(3 * 3 * 192 * 48 + 48)} params`);
        expect(title).toContain('26×26×48');
    });
});

describe('document symbols and folding', () => {
    const TEXT = [
        '// header',
        'block unit(c) {',
        '  u1: conv c 3x3 pad 1',
        '  relu',
        '}',
        'network Reduced {',
        '  input 28x28x192',
        '  bias off',
        '  reduced: concat {',
        '    branch { conv 64 1x1 }',
        '    branch {',
        '      reduce3x3: conv 96 1x1',
        '      conv 128 3x3 pad 1',
        '    }',
        '    branch {',
        '      maxpool 3x3 stride 1 pad 1',
        '      poolproj: conv 32 1x1',
        '    }',
        '  }',
        '  tail: unit(16)',
        '}',
        ''
    ].join('\n');
    let uri: string;
    beforeAll(async () => {
        ({ uri } = await s.open(TEXT));
    });

    const flatten = (symbols: any[]): any[] => symbols.flatMap(x => [x, ...flatten(x.children ?? [])]);

    test('networks and blocks at the top level, labelled layers (also nested ones) under them', async () => {
        const symbols = await s.symbols(uri);
        expect(symbols.map(x => x.name).sort()).toEqual(['Reduced', 'unit']);
        const network = symbols.find(x => x.name === 'Reduced');
        const inNetwork = flatten(network.children ?? []).map(x => x.name);
        for (const label of ['reduced', 'reduce3x3', 'poolproj', 'tail']) expect(inNetwork).toContain(label);
        const block = symbols.find(x => x.name === 'unit');
        expect(flatten(block.children ?? []).map(x => x.name)).toContain('u1');
        // Ranges: the network spans its declaration, the selection is its name.
        expect(network.range.start.line).toBe(lineOf(TEXT, 'network Reduced'));
        expect(network.range.end.line).toBe(TEXT.split('\n').length - 2);
        expect(network.selectionRange.start).toEqual(pos(TEXT, 'Reduced {'));
    });

    test('folding ranges for the network, the block and the concat with its branches', async () => {
        const folds = (await s.request<any[]>('textDocument/foldingRange', { textDocument: { uri } })) ?? [];
        const starts = folds.map(f => f.startLine);
        expect(starts).toContain(lineOf(TEXT, 'block unit'));
        expect(starts).toContain(lineOf(TEXT, 'network Reduced'));
        expect(starts).toContain(lineOf(TEXT, 'reduced: concat'));
        expect(starts).toContain(lineOf(TEXT, 'reduce3x3') - 1);
        for (const f of folds) expect(f.endLine).toBeGreaterThan(f.startLine);
    });
});

describe('blocks across an imported file', () => {
    const LIB = [
        '// the library',
        'block stage(c, n) {',
        '  repeat n {',
        '    conv c 3x3 pad 1',
        '    relu',
        '  }',
        '  maxpool 2x2',
        '}',
        ''
    ].join('\n');
    const MAIN = ['import "lib.conv"', 'network M {', '  input 32x32x3', '  s1: stage(16, 2)', '  s2: stage(32, 1)', '}', ''].join('\n');
    let lib: string;
    let main: string;
    beforeAll(async () => {
        ({ uri: lib } = await s.open(LIB, 'lib.conv', true));
        let diagnostics: any[];
        ({ uri: main, diagnostics } = await s.open(MAIN, 'main.conv', true));
        expect(errors(diagnostics)).toEqual([]);
    });

    test('the imported block is evaluated: s1 → 16×16×16, s2 → 8×8×32', async () => {
        // stage(16, 2) on 32×32×3: conv 3·3·3·16 + 16, conv 3·3·16·16 + 16, pool 2×2 → 16×16×16
        // stage(32, 1) on 16×16×16: conv 3·3·16·32 + 32, pool → 8×8×32
        const hints = await s.hints(main);
        expect(hints.find(h => h.line === 3)?.label).toBe(`→ 16×16×16 · ${en(3 * 3 * 3 * 16 + 16 + 3 * 3 * 16 * 16 + 16)} params`);
        expect(hints.find(h => h.line === 4)?.label).toBe(`→ 8×8×32 · ${en(3 * 3 * 16 * 32 + 32)} params`);
    });

    test('go-to-definition from a call jumps to the block in lib.conv', async () => {
        const result = await s.request<any>('textDocument/definition', { textDocument: { uri: main }, position: pos(MAIN, 'stage(16', 2) });
        const targets = (Array.isArray(result) ? result : [result]).filter(Boolean);
        expect(targets.length).toBe(1);
        const t = targets[0];
        expect(t.targetUri ?? t.uri).toBe(lib);
        const range = t.targetSelectionRange ?? t.range;
        expect(range.start).toEqual(pos(LIB, 'stage(c'));
    });

    test('references of the block: its declaration and both calls', async () => {
        const refs = await s.request<any[]>('textDocument/references', {
            textDocument: { uri: main },
            position: pos(MAIN, 'stage(32', 1),
            context: { includeDeclaration: true }
        });
        const where = refs
            .map(r => `${r.uri === lib ? 'lib' : r.uri === main ? 'main' : r.uri}:${r.range.start.line}:${r.range.start.character}`)
            .sort();
        const m1 = pos(MAIN, 'stage(16');
        const m2 = pos(MAIN, 'stage(32');
        const d = pos(LIB, 'stage(c');
        expect(where).toEqual(
            [`lib:${d.line}:${d.character}`, `main:${m1.line}:${m1.character}`, `main:${m2.line}:${m2.character}`].sort()
        );
    });

    test('references from the declaration side (in lib.conv) find the calls in main.conv', async () => {
        const refs = await s.request<any[]>('textDocument/references', {
            textDocument: { uri: lib },
            position: pos(LIB, 'stage(c', 1),
            context: { includeDeclaration: false }
        });
        expect(refs.filter(r => r.uri === main).length).toBe(2);
    });

    test('rename of the block from a call edits both files; applied, everything still resolves', async () => {
        const prepare = await s.request<any>('textDocument/prepareRename', {
            textDocument: { uri: main },
            position: pos(MAIN, 'stage(16', 1)
        });
        const prepared = prepare?.range ?? prepare;
        expect(prepared.start).toEqual(pos(MAIN, 'stage(16'));
        const edit = await s.request<any>('textDocument/rename', {
            textDocument: { uri: main },
            position: pos(MAIN, 'stage(16', 1),
            newName: 'vgg_stage'
        });
        const changes = edit.changes ?? Object.fromEntries((edit.documentChanges ?? []).map((c: any) => [c.textDocument.uri, c.edits]));
        expect(Object.keys(changes).sort()).toEqual([lib, main].sort());
        const newLib = applyEdits(LIB, changes[lib]);
        const newMain = applyEdits(MAIN, changes[main]);
        expect(newLib).toBe(LIB.replace('block stage(', 'block vgg_stage('));
        expect(newMain).toBe(MAIN.replace('stage(16', 'vgg_stage(16').replace('stage(32', 'vgg_stage(32'));
        await s.change(lib, newLib);
        await s.change(main, newMain);
        const after = await s.settled(main, d => errors(d).length === 0);
        expect(codes(errors(after))).toEqual([]);
        expect((await s.hints(main)).find(h => h.line === 4)?.label).toBe(`→ 8×8×32 · ${en(3 * 3 * 16 * 32 + 32)} params`);
        // and back, from the declaration side this time
        const back = await s.request<any>('textDocument/rename', {
            textDocument: { uri: lib },
            position: pos(newLib, 'vgg_stage', 1),
            newName: 'stage'
        });
        const backChanges = back.changes ?? Object.fromEntries((back.documentChanges ?? []).map((c: any) => [c.textDocument.uri, c.edits]));
        expect(applyEdits(newLib, backChanges[lib])).toBe(LIB);
        expect(applyEdits(newMain, backChanges[main])).toBe(MAIN);
        await s.change(lib, LIB);
        await s.change(main, MAIN);
        expect(errors(await s.settled(main, d => errors(d).length === 0))).toEqual([]);
    });

    test('hover on the block name in lib.conv lists the calls made from main.conv', async () => {
        const h = await s.hover(lib, pos(LIB, 'stage(c', 1));
        expect(h).toMatch(/2 calls/);
        expect(h).toContain('32×32×3');
        expect(h).toContain('16×16×16');
    });

    test('lines inside the imported block show the volumes of its first call (from main.conv)', async () => {
        const hints = await s.hints(lib);
        const conv = hints.find(h => h.line === lineOf(LIB, 'conv c 3x3'));
        expect(conv?.label).toBe(`→ 32×32×16 · ${en(3 * 3 * 3 * 16 + 16)} params`);
    });
});

describe('labels', () => {
    test('rename a label: only the name changes, the colon (and spacing) stay', async () => {
        const text = 'network L {\n  input 8x8x3\n  conv1: conv 4 3x3 pad 1\n  pool1 : maxpool 2x2\n}\n';
        const { uri } = await s.open(text);
        const edit = await s.request<any>('textDocument/rename', {
            textDocument: { uri },
            position: pos(text, 'conv1:', 2),
            newName: 'stem'
        });
        expect(applyEdits(text, edit.changes[uri])).toBe(text.replace('conv1:', 'stem:'));
        const edit2 = await s.request<any>('textDocument/rename', { textDocument: { uri }, position: pos(text, 'pool1', 1), newName: 'p' });
        expect(applyEdits(text, edit2.changes[uri])).toBe(text.replace('pool1 :', 'p :'));
    });

    test('a rename to a non-identifier is refused (no edit, no crash)', async () => {
        const text = 'network L2 {\n  input 8x8x3\n  conv1: conv 4 3x3 pad 1\n}\n';
        const { uri } = await s.open(text);
        let result: any;
        try {
            result = await s.request<any>('textDocument/rename', {
                textDocument: { uri },
                position: pos(text, 'conv1:', 1),
                newName: '1bad name'
            });
        } catch (e) {
            result = undefined; // an error response is an acceptable refusal
        }
        const edits = result?.changes?.[uri] ?? [];
        expect(edits.every((e: any) => !e.newText.includes(' '))).toBe(true);
    });

    test('a renamed label keeps the file valid and the hint on its line', async () => {
        const text = 'network L3 {\n  input 8x8x3\n  conv1: conv 4 3x3 pad 1\n}\n';
        const { uri } = await s.open(text);
        const edit = await s.request<any>('textDocument/rename', {
            textDocument: { uri },
            position: pos(text, 'conv1', 0),
            newName: 'first_conv'
        });
        const renamed = applyEdits(text, edit.changes[uri]);
        expect(renamed).toContain('  first_conv: conv 4 3x3 pad 1\n');
        expect(errors(await s.change(uri, renamed))).toEqual([]);
        // (8 + 2 − 3)/1 + 1 = 8; 3·3·3·4 + 4
        expect((await s.hints(uri)).find(h => h.line === 2)?.label).toBe(`→ 8×8×4 · ${3 * 3 * 3 * 4 + 4} params`);
    });
});
