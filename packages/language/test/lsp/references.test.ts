/**
 * The editor on 0.2 files: references to labels (hover, go-to-definition,
 * rename, completion), and the quick fixes for words and shapes that 0.2
 * names (suggestions, channels-first inputs, statements without `branch`,
 * ResNet-D's shortcut). Every fix is applied and the file re-validated.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyEdits, codes, en, errors, lineOf, pos } from './harness.js';
import { InProcessSession } from './in-process.js';

let s: InProcessSession;
beforeAll(async () => {
    s = await InProcessSession.start();
});
afterAll(async () => s.stop());

// U-Net's skip in small: enc1 is 8×8×4, the concat runs at 4×4 and crops enc1 by 2 on each side.
const UNET = [
    'network U {',
    '  input 8x8x3',
    '  enc1: conv 4 1x1',
    '  maxpool 2',
    '  conv 4 1x1',
    '  concat with enc1 crop',
    '  add2: conv 8 1x1',
    '  add add2',
    '  conv enc1.d 1x1',
    '}',
    ''
].join('\n');

describe('references to labels', () => {
    test('hover on the label in `concat with enc1 crop`: where it is, its volume, and what is read of it', async () => {
        const { uri } = await s.open(UNET);
        const hover = await s.hover(uri, pos(UNET, 'with enc1', 6));
        expect(hover).toContain('**enc1** — the output of line 3: 8×8×4');
        expect(hover).toContain('Reads `enc1` (line 3): 8×8×4, centre-cropped (2 off the left, 2 off the top)');
    });

    test('hover on the statement lists its sources; the hint shows its volume (D = 4 + 4)', async () => {
        const { uri } = await s.open(UNET);
        const line = lineOf(UNET, 'concat with');
        expect(await s.hover(uri, { line, character: 3 })).toContain('Reads `enc1`');
        expect((await s.hints(uri)).find(h => h.line === line)?.label).toBe('→ 4×4×8');
    });

    test('go-to-definition from a reference and from `enc1.d` lands on the label', async () => {
        const { uri } = await s.open(UNET);
        for (const at of [pos(UNET, 'with enc1', 6), pos(UNET, 'enc1.d', 1)]) {
            const result = await s.request<any>('textDocument/definition', { textDocument: { uri }, position: at });
            const [target] = (Array.isArray(result) ? result : [result]).filter(Boolean);
            expect((target.targetSelectionRange ?? target.range).start).toEqual(pos(UNET, 'enc1:'));
        }
    });

    test('rename a label from its declaration or from a reference: every reference follows, the colon stays', async () => {
        const { uri } = await s.open(UNET);
        for (const at of [pos(UNET, 'enc1:', 1), pos(UNET, 'with enc1', 7)]) {
            const edit = await s.request<any>('textDocument/rename', { textDocument: { uri }, position: at, newName: 'skip1' });
            expect(applyEdits(UNET, edit.changes[uri])).toBe(
                UNET.replace('enc1:', 'skip1:').replace('with enc1', 'with skip1').replace('enc1.d', 'skip1.d')
            );
        }
    });

    test('completion after `add ` offers the labels defined before the cursor, not those after it', async () => {
        const text = 'network C {\n  input 8x8x3\n  early: conv 3 1x1\n  add \n  late: conv 3 1x1\n}\n';
        const { uri } = await s.open(text);
        const labels = (await s.completion(uri, pos(text, 'add ', 4))).map(i => i.label);
        expect(labels).toContain('early');
        expect(labels).not.toContain('late');
    });

    test.each(['concat with ', 'route ', 'multiply ', 'route first, ', 'x: add '])(
        'completion after `%s` offers the earlier labels, nearest first',
        async typed => {
            const text = `network C {\n  input 8x8x3\n  first: conv 3 1x1\n  early: conv 3 1x1\n  ${typed}\n  late: conv 3 1x1\n}\n`;
            const { uri } = await s.open(text);
            const labels = (await s.completion(uri, pos(text, typed, typed.length))).map(i => i.label);
            expect(labels.filter(l => ['first', 'early', 'late', 'x'].includes(l))).toEqual(['early', 'first']);
        }
    );
});

describe('quick fixes for 0.2 diagnostics', () => {
    test('an unknown word: the suggestion is written, and the error goes', async () => {
        const text = 'network W {\n  input 8x8x3\n  Conv 4 3x3 pad 1\n  relu\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['unknown-layer']);
        const fix = (await s.actions(uri, diagnostics[0].range, diagnostics)).find(a => a.isPreferred);
        expect(fix?.title).toBe('Write `conv`');
        const after = await s.apply(uri, fix!);
        expect(after.text).toContain('  conv 4 3x3 pad 1\n');
        expect(after.diagnostics).toEqual([]);
    });

    test('an option written the PyTorch way: `bias=False` becomes `nobias`', async () => {
        const text = 'network O {\n  input 8x8x3\n  conv 4 3x3 pad 1 bias=False\n}\n';
        const { uri, diagnostics } = await s.open(text);
        const fix = (await s.actions(uri, diagnostics[0].range, diagnostics)).find(a => a.isPreferred)!;
        const after = await s.apply(uri, fix);
        expect(after.text).toContain('conv 4 3x3 pad 1 nobias\n');
        expect(after.diagnostics).toEqual([]);
        // 3·3·3·4 without the 4 biases.
        expect((await s.hints(uri)).find(h => h.line === 2)?.label).toBe(`→ 8×8×4 · ${3 * 3 * 3 * 4} params`);
    });

    test('`fxf` in a block becomes `(f)x(f)`', async () => {
        const text = 'block b(f) { conv 4 fxf }\nnetwork B {\n  input 8x8x3\n  b(3)\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(errors(diagnostics))).toEqual(['unresolved-reference']);
        expect(diagnostics[0].message).toContain('write `(f)x(f)`');
        const after = await s.apply(uri, (await s.actions(uri, diagnostics[0].range, diagnostics))[0]);
        expect(after.text).toContain('conv 4 (f)x(f)');
        expect(after.diagnostics).toEqual([]);
    });

    test("channels-first input: the fix reads it as PyTorch's C×H×W", async () => {
        const text = 'network P {\n  input 3x32x32\n  conv 8 3x3 pad 1\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['channels-first-input']);
        const after = await s.apply(uri, (await s.actions(uri, diagnostics[0].range, diagnostics))[0]);
        expect(after.text).toContain('input 32x32x3');
        expect(after.diagnostics).toEqual([]);
    });

    test('statements written straight into a concat are put into branches', async () => {
        const text = 'network K {\n  input 8x8x3\n  concat {\n    conv 4 1x1\n    conv 2 1x1\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['syntax-error', 'syntax-error']);
        const fix = (await s.actions(uri, diagnostics[0].range, [diagnostics[0]])).find(a => a.isPreferred)!;
        const after = await s.apply(uri, fix);
        expect(after.text).toContain('branch { conv 4 1x1 }\n    branch { conv 2 1x1 }');
        expect(after.diagnostics).toEqual([]);
    });

    test("ResNet's 1×1 stride-2 projection: ResNet-D's shortcut, same parameters and MACs, no more skipped pixels", async () => {
        // Body and shortcut both give 4×4×8 from 8×8×4; the shortcut's 1×1 stride 2 skips 3 of every 4 pixels.
        const text =
            'network R {\n  input 8x8x4\n  rounding floor\n  residual {\n    conv 8 3x3 stride 2 pad 1 floor\n  } shortcut {\n    conv 8 1x1 stride 2\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['stride-skips-input']);
        const warning = diagnostics.find(d => d.range.start.line === lineOf(text, 'conv 8 1x1'))!;
        const fix = (await s.actions(uri, warning.range, [warning])).find(a => /ResNet-D/.test(a.title))!;
        // MACs: conv 1×1 stride 2 at 4×4: 4·4·4·8; avgpool then conv 1×1 at 4×4: the same.
        expect(fix.title).toContain('params ±0, MACs ±0');
        const before = (await s.codeLens(uri))[0].command.title;
        const after = await s.apply(uri, fix);
        expect(after.text).toContain('avgpool 2x2 stride 2 ceil\n    conv 8 1x1\n');
        expect(after.diagnostics).toEqual([]);
        const totals = (title: string) => title.split(' · ').slice(0, 3);
        expect(totals((await s.codeLens(uri))[0].command.title)).toEqual(totals(before));
        // MACs: the body's 4·4·(3·3·4)·8 and the shortcut's 4·4·4·8, before and after.
        expect(totals(before)).toEqual([
            `${en(3 * 3 * 4 * 8 + 8 + (1 * 1 * 4 * 8 + 8))} params`,
            `${en(4 * 4 * 3 * 3 * 4 * 8 + 4 * 4 * 4 * 8)} MACs`,
            '→ 4×4×8'
        ]);
    });
});
