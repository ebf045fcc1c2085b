/**
 * Quick fixes and the 1×1-reduction refactor, tested the way an editor uses
 * them: request the actions for a diagnostic, apply the edit, send didChange,
 * and check the file now validates cleaner than before.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codes, en, errors, lineOf, sameDiagnostic, type Action } from './harness.js';
import { InProcessSession } from './in-process.js';

let s: InProcessSession;
beforeAll(async () => {
    s = await InProcessSession.start();
});
afterAll(async () => s.stop());

/** The actions offered for one diagnostic (the editor asks with the diagnostic's range and the diagnostic). */
async function fixesFor(uri: string, diagnostic: any): Promise<Action[]> {
    const all = await s.actions(uri, diagnostic.range, [diagnostic]);
    return all.filter(a => a.diagnostics?.some(d => sameDiagnostic(d, diagnostic)));
}

/** Applies each action to a fresh copy of `text` and checks the result validates with fewer errors and no new error codes. */
async function expectEachFixHelps(text: string, actions: Action[], uriOf: string): Promise<void> {
    const before = errors(await s.change(uriOf, text));
    for (const action of actions) {
        await s.change(uriOf, text);
        const { text: fixed, diagnostics } = await s.apply(uriOf, action);
        const after = errors(diagnostics);
        expect(after.length, `"${action.title}" left ${JSON.stringify(codes(after))} in:\n${fixed}`).toBeLessThan(before.length);
        for (const code of codes(after)) expect(codes(before), `"${action.title}" introduced ${code}`).toContain(code);
    }
    await s.change(uriOf, text);
}

const preferredCount = (actions: Action[]) => actions.filter(a => a.isPreferred).length;

describe('non-integer-output', () => {
    test('no padding can work (10 − 3 = 7 odd, stride 2): pad same, floor (preferred), input 11 and 9', async () => {
        const text = 'network A {\n  input 10x10x3\n  conv1: conv 16 3x3 stride 2\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['non-integer-output']);
        const fixes = await fixesFor(uri, diagnostics[0]);
        const titles = fixes.map(f => f.title);
        expect(
            titles.some(t => /padding to \d/.test(t)),
            titles.join('\n')
        ).toBe(false);
        // pad same: ⌈10/2⌉ = 5; floor: ⌊4.5⌋ = 4
        expect(titles.some(t => /pad same/.test(t) && t.includes('5×5×16'))).toBe(true);
        const floor = fixes.find(f => /floor/i.test(f.title))!;
        expect(floor.title).toContain('4×4×16');
        expect(floor.isPreferred).toBe(true);
        expect(preferredCount(fixes)).toBe(1);
        // (11 − 3)/2 + 1 = 5 and (9 − 3)/2 + 1 = 4
        expect(titles.some(t => t.includes('11×11×3'))).toBe(true);
        expect(titles.some(t => t.includes('9×9×3'))).toBe(true);
        await expectEachFixHelps(text, fixes, uri);
    });

    test('odd stride: the nearest padding below and above, the nearer one preferred', async () => {
        // W = 12, F = 3, S = 3, P = 1: (12 − 3 + 2)/3 + 1 = 14/3 ≈ 4.67.
        // 12 − 3 + 2P ≡ 0 (mod 3) ⇔ P ≡ 0 (mod 3): below P = 0 → (12 − 3)/3 + 1 = 4, above P = 3 → (12 − 3 + 6)/3 + 1 = 6.
        const text = 'network P {\n  input 12x12x3\n  conv 8 3x3 stride 3 pad 1\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['non-integer-output']);
        const fixes = await fixesFor(uri, diagnostics[0]);
        const below = fixes.find(f => /padding to 0\b/.test(f.title));
        const above = fixes.find(f => /padding to 3\b/.test(f.title));
        expect(below?.title, fixes.map(f => f.title).join('\n')).toContain('4×4×8');
        expect(above?.title).toContain('6×6×8');
        // |0 − 1| = 1 < |3 − 1| = 2
        expect(below!.isPreferred).toBe(true);
        expect(preferredCount(fixes)).toBe(1);
        expect((await s.apply(uri, below!)).text).toContain('conv 8 3x3 stride 3 pad 0\n');
        await expectEachFixHelps(text, fixes, uri);
    });

    test('only a padding above exists: "Set padding to 1 → 5×5×16" (13 − 3 + 2·1 = 12, 12/3 + 1 = 5)', async () => {
        const text = 'network Q {\n  input 13x13x3\n  conv 16 3x3 stride 3\n}\n';
        const { uri, diagnostics } = await s.open(text);
        const fixes = await fixesFor(uri, diagnostics[0]);
        const pad = fixes.find(f => /padding to 1\b/.test(f.title))!;
        expect(pad.title).toContain('5×5×16');
        expect(pad.isPreferred).toBe(true);
        expect((await s.apply(uri, pad)).text).toContain('conv 16 3x3 stride 3 pad 1\n');
        await expectEachFixHelps(text, fixes, uri);
    });

    test('non-square input: the padding is per axis (pad 0x1 and pad 3x1)', async () => {
        // 20×21, 5×5, stride 3, pad 1.  W: (20 − 5 + 2)/3 + 1 = 17/3 + 1 (invalid); H: (21 − 5 + 2)/3 + 1 = 7.
        // W tiles when 15 + 2P ≡ 0 (mod 3) ⇔ P ≡ 0 (mod 3): P = 0 → (20 − 5)/3 + 1 = 6, P = 3 → (20 − 5 + 6)/3 + 1 = 8.
        const text = 'network NS {\n  input 20x21x8\n  conv 8 5x5 stride 3 pad 1\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['non-integer-output']);
        const fixes = await fixesFor(uri, diagnostics[0]);
        const low = fixes.find(f => f.title.includes('0x1'));
        const high = fixes.find(f => f.title.includes('3x1'));
        expect(low?.title, fixes.map(f => f.title).join('\n')).toContain('6×7×8');
        expect(high?.title).toContain('8×7×8');
        expect(low!.isPreferred).toBe(true);
        expect(preferredCount(fixes)).toBe(1);
        expect((await s.apply(uri, low!)).text).toContain('conv 8 5x5 stride 3 pad 0x1\n');
        // Input: W ≡ 0 (mod 3) with H kept: 21×21×8 above, 18×21×8 below.
        expect(fixes.some(f => f.title.includes('21×21×8'))).toBe(true);
        expect(fixes.some(f => f.title.includes('18×21×8'))).toBe(true);
        await expectEachFixHelps(text, fixes, uri);
    });

    test('a pool never gets a padding above ⌊F/2⌋ (maxpool 3×3 stride 3 on 11: only P ≡ 2 (mod 3) tiles, 2 > 1)', async () => {
        // (11 − 3 + 2P)/3: 8 + 2P ≡ 0 (mod 3) ⇔ P ≡ 2 (mod 3); PyTorch caps pool padding at ⌊3/2⌋ = 1.
        const text = 'network MP {\n  input 11x11x4\n  maxpool 3x3 stride 3\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['non-integer-output']);
        const fixes = await fixesFor(uri, diagnostics[0]);
        expect(fixes.filter(f => /padding to/.test(f.title)).map(f => f.title)).toEqual([]);
        expect(preferredCount(fixes)).toBe(1);
        await expectEachFixHelps(text, fixes, uri);
    });

    test('a pool gets a padding within ⌊F/2⌋ (maxpool 3×3 stride 3 on 10: P = 1 → (10 − 3 + 2)/3 + 1 = 4)', async () => {
        const text = 'network MP2 {\n  input 10x10x4\n  maxpool 3x3 stride 3\n}\n';
        const { uri, diagnostics } = await s.open(text);
        const fixes = await fixesFor(uri, diagnostics[0]);
        const pad = fixes.find(f => /padding to 1\b/.test(f.title));
        expect(pad?.title, fixes.map(f => f.title).join('\n')).toContain('4×4×4');
        expect(pad!.isPreferred).toBe(true);
        await expectEachFixHelps(text, fixes, uri);
    });

    test('fixes keep an existing trailing comment and the label', async () => {
        const text = 'network C {\n  input 13x13x3\n  c1: conv 16 3x3 stride 3   // keep me\n}\n';
        const { uri, diagnostics } = await s.open(text);
        for (const fix of await fixesFor(uri, diagnostics[0])) {
            await s.change(uri, text);
            const { text: fixed } = await s.apply(uri, fix);
            expect(fixed).toContain('  c1: conv 16 3x3 stride 3');
            expect(fixed).toContain('   // keep me\n');
        }
    });
});

describe('input size (AlexNet as the 2012 paper draws it)', () => {
    // conv1 on 224: (224 − 11)/4 + 1 = 54.25. A size W works when every stage tiles:
    //   conv1 11/4: W = 4m + 3 → m + 1... precisely (W − 11)/4 + 1 = m − 1 with W = 4m + 3;
    //   pool1 3/2 needs m − 1 − 3 even ⇒ m even; → m/2 − 1
    //   conv2 5×5 pad 2 keeps it; pool2 needs m/2 − 4 even ⇒ m ≡ 0 (mod 4); → m/4 − 1
    //   conv3-5 pad 1 keep it; pool5 needs m/4 − 4 even ⇒ m ≡ 0 (mod 8)
    // so W = 32k + 3: 195 (k = 6) and 227 (k = 7). 227 is the size the paper should have said.
    const ALEXNET = [
        'network AlexNet2012 {',
        '  input 224x224x3',
        '  conv1: conv 96 11x11 stride 4',
        '  relu',
        '  pool1: maxpool 3x3 stride 2',
        '  conv2: conv 256 5x5 pad 2',
        '  relu',
        '  pool2: maxpool 3x3 stride 2',
        '  conv3: conv 384 3x3 pad 1',
        '  conv4: conv 384 3x3 pad 1',
        '  conv5: conv 256 3x3 pad 1',
        '  pool5: maxpool 3x3 stride 2',
        '  flatten',
        '  fc6: dense 4096',
        '  fc7: dense 4096',
        '  fc8: dense 1000',
        '}',
        ''
    ].join('\n');
    let uri: string;
    let diagnostics: any[];
    beforeAll(async () => {
        ({ uri, diagnostics } = await s.open(ALEXNET));
    });

    test('the first error (conv1) offers 227×227×3 (and 195×195×3); applying it leaves no error', async () => {
        const first = diagnostics.find(d => d.code === 'non-integer-output' && d.range.start.line === lineOf(ALEXNET, 'conv1:'));
        expect(first).toBeDefined();
        const fixes = await fixesFor(uri, first);
        const to227 = fixes.find(f => f.title.includes('227×227×3'));
        expect(to227, fixes.map(f => f.title).join('\n')).toBeDefined();
        expect(fixes.some(f => f.title.includes('195×195×3'))).toBe(true);
        expect(preferredCount(fixes)).toBe(1);
        const { text, diagnostics: after } = await s.apply(uri, to227!);
        expect(text).toContain('  input 227x227x3\n');
        expect(errors(after)).toEqual([]);
        // (227 − 11)/4 + 1 = 55 → 27 → 27 → 13 → 13 → 6: 6·6·256 into fc6
        const hints = await s.hints(uri);
        expect(hints.find(h => h.line === lineOf(ALEXNET, 'pool5:'))?.label).toBe('→ 6×6×256');
        await s.change(uri, ALEXNET);
    });

    test('later errors in the same network do not repeat the input-size fix', async () => {
        const later = diagnostics.filter(d => d.code === 'non-integer-output' && d.range.start.line > lineOf(ALEXNET, 'conv1:'));
        expect(later.length).toBeGreaterThan(0);
        for (const d of later) {
            const fixes = await fixesFor(uri, d);
            expect(fixes.some(f => f.title.includes('227×227×3'))).toBe(false);
            expect(preferredCount(fixes)).toBe(1);
        }
    });

    test('with the cursor on the `input` line, the same fix is a code action', async () => {
        const line = lineOf(ALEXNET, 'input 224x224x3');
        for (const character of [2, 8, 12]) {
            const actions = await s.actions(uri, { start: { line, character }, end: { line, character } }, []);
            const to227 = actions.find(a => a.title.includes('227×227×3'));
            expect(to227, `at ${character}: ${actions.map(a => a.title).join('\n')}`).toBeDefined();
        }
        const actions = await s.actions(uri, { start: { line, character: 8 }, end: { line, character: 8 } }, []);
        const { diagnostics: after } = await s.apply(
            uri,
            actions.find(a => a.title.includes('227×227×3'))!
        );
        expect(errors(after)).toEqual([]);
        await s.change(uri, ALEXNET);
    });

    test('a valid network offers no input-size action', async () => {
        const text = ALEXNET.replace('224x224x3', '227x227x3');
        const { uri: u, diagnostics: d } = await s.open(text);
        expect(errors(d)).toEqual([]);
        const line = lineOf(text, 'input');
        const actions = await s.actions(u, { start: { line, character: 8 }, end: { line, character: 8 } }, []);
        expect(actions.filter(a => /input/i.test(a.title))).toEqual([]);
    });

    test('no input size works (concat of a 2×2/2 pool and a 3×3/2 pad-1 conv needs W even and W odd): none offered', async () => {
        // branch 1: (W − 2)/2 needs W even; branch 2: (W + 2 − 3)/2 needs W odd.
        const text =
            'network X {\n  input 16x16x4\n  concat {\n    branch { maxpool 2x2 stride 2 }\n    branch { conv 4 3x3 stride 2 pad 1 }\n  }\n}\n';
        const { uri: u, diagnostics: d } = await s.open(text);
        expect(codes(errors(d))).toContain('non-integer-output');
        for (const diag of errors(d)) {
            const fixes = await fixesFor(u, diag);
            expect(fixes.filter(f => /input to/i.test(f.title)).map(f => f.title)).toEqual([]);
        }
    });
});

describe('residual-mismatch', () => {
    test('depth only: a 1×1 projection to the body depth (preferred)', async () => {
        const text = 'network R1 {\n  input 8x8x8\n  residual {\n    conv 16 3x3 pad 1\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['residual-mismatch']);
        const fixes = await fixesFor(uri, diagnostics[0]);
        expect(fixes.length).toBeGreaterThan(0);
        expect(fixes[0].title).toContain('conv 16 1x1');
        expect(preferredCount(fixes)).toBe(1);
        const { text: fixed, diagnostics: after } = await s.apply(
            uri,
            fixes.find(f => f.isPreferred)!
        );
        expect(fixed).toMatch(/shortcut \{\s*conv 16 1x1\s*\}/);
        expect(errors(after)).toEqual([]);
    });

    test('stride 2 on an odd input: shortcut { conv 16 1x1 stride 2 } ((33 − 1)/2 + 1 = 17 = body)', async () => {
        // body: (33 + 2 − 3)/2 + 1 = 17 → 17×17×16
        const text = 'network R2 {\n  input 33x33x8\n  residual {\n    conv 16 3x3 stride 2 pad 1\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['residual-mismatch']);
        const fixes = await fixesFor(uri, diagnostics[0]);
        const fix = fixes.find(f => f.isPreferred)!;
        expect(fix.title).toContain('conv 16 1x1 stride 2');
        const { text: fixed, diagnostics: after } = await s.apply(uri, fix);
        expect(fixed).toMatch(/shortcut \{\s*conv 16 1x1 stride 2\s*\}/);
        expect(errors(after)).toEqual([]);
    });

    test('an existing wrong shortcut is replaced, not duplicated', async () => {
        const text = 'network R3 {\n  input 8x8x8\n  residual {\n    conv 16 3x3 pad 1\n  } shortcut {\n    conv 12 1x1\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        const fixes = await fixesFor(uri, diagnostics[0]);
        const { text: fixed, diagnostics: after } = await s.apply(
            uri,
            fixes.find(f => f.isPreferred)!
        );
        expect(fixed.match(/shortcut/g)?.length).toBe(1);
        expect(errors(after)).toEqual([]);
    });

    test('ResNet under `rounding floor` (56 → 28 at stride 2): projection conv 128 1x1 stride 2, ⌊(56 − 1)/2 + 1⌋ = ⌊28.5⌋ = 28', async () => {
        // body: ⌊(56 + 2 − 3)/2 + 1⌋ = ⌊28.5⌋ = 28 → 28×28×128; identity gives 56×56×64.
        // torchvision's downsample is exactly this 1×1 stride-2 conv, and the network floors.
        const text = 'network R4 {\n  input 56x56x64\n  rounding floor\n  residual {\n    conv 128 3x3 stride 2 pad 1\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(errors(diagnostics))).toEqual(['residual-mismatch']);
        const fixes = await fixesFor(uri, errors(diagnostics)[0]);
        expect(
            fixes.map(f => f.title),
            'no projection offered'
        ).toEqual([expect.stringContaining('conv 128 1x1 stride 2')]);
        const { diagnostics: after } = await s.apply(uri, fixes[0]);
        expect(errors(after)).toEqual([]);
    });
});

describe('concat-mismatch', () => {
    test("the padding that aligns the branch: branch 2's 3×3 conv gets pad 1 ((32 + 2 − 3)/1 + 1 = 32)", async () => {
        const text = 'network K {\n  input 32x32x8\n  concat {\n    branch { conv 4 1x1 }\n    branch { conv 4 3x3 }\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['concat-mismatch']);
        const fixes = await fixesFor(uri, diagnostics[0]);
        expect(preferredCount(fixes)).toBe(1);
        const fix = fixes.find(f => f.isPreferred)!;
        expect(fix.title).toMatch(/pad 1|padding 1|with 1/);
        const { text: fixed, diagnostics: after } = await s.apply(uri, fix);
        expect(fixed).toContain('branch { conv 4 3x3 pad 1 }');
        expect(errors(after)).toEqual([]);
        // 32×32×(4 + 4)
        expect((await s.hints(uri)).find(h => h.line === 5)?.label).toBe(`→ 32×32×8 · ${1 * 1 * 8 * 4 + 4 + 3 * 3 * 8 * 4 + 4} params`);
    });

    test('a wrong existing padding is replaced (pad 2 → pad 1)', async () => {
        // pad 2: (32 + 4 − 3)/1 + 1 = 34 ≠ 32
        const text = 'network K2 {\n  input 32x32x8\n  concat {\n    branch { conv 4 1x1 }\n    branch { conv 4 3x3 pad 2 }\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        const fixes = await fixesFor(uri, diagnostics[0]);
        const { text: fixed, diagnostics: after } = await s.apply(
            uri,
            fixes.find(f => f.isPreferred)!
        );
        expect(fixed).toContain('branch { conv 4 3x3 pad 1 }');
        expect(errors(after)).toEqual([]);
    });

    test('when the odd branch cannot be padded down, the other branch is padded up (3×3 without pad next to a 1×1)', async () => {
        // branch 1: (32 − 3)/1 + 1 = 30, branch 2: 32. A 1×1 cannot shrink to 30; `pad 1` on branch 1 gives 32.
        const text = 'network K3 {\n  input 32x32x8\n  concat {\n    branch { conv 4 3x3 }\n    branch { conv 4 1x1 }\n  }\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['concat-mismatch']);
        const fixes = await fixesFor(uri, diagnostics[0]);
        expect(
            fixes.map(f => f.title),
            'no concat fix offered'
        ).not.toEqual([]);
        const { text: fixed, diagnostics: after } = await s.apply(uri, fixes.find(f => f.isPreferred) ?? fixes[0]);
        expect(fixed).toContain('branch { conv 4 3x3 pad 1 }');
        expect(errors(after)).toEqual([]);
    });
});

describe('refactor: insert a 1×1 reduction', () => {
    const TEXT = 'network FD {\n  input 28x28x192\n  conv3x3: conv 96 3x3\n}\n';
    const F = 3,
        D1 = 192,
        K = 96;

    test('titles state the parameters saved, computed from F·F·D1·K + K → D1·R + R + F·F·R·K + K', async () => {
        const { uri } = await s.open(TEXT);
        const line = lineOf(TEXT, 'conv3x3:');
        const actions = await s.actions(uri, { start: { line, character: 12 }, end: { line, character: 12 } }, []);
        const refactors = actions.filter(a => /1×1 reduction/.test(a.title));
        expect(refactors.length, actions.map(a => a.title).join('\n')).toBeGreaterThan(0);
        const before = F * F * D1 * K + K;
        for (const r of refactors) {
            expect(r.kind).toMatch(/^refactor/);
            const R = Number(/to (\d+) channels/.exec(r.title)?.[1] ?? /\b(\d+)\b/.exec(r.title)?.[1]);
            expect(R).toBeGreaterThan(0);
            expect(R).toBeLessThan(D1);
            const after = D1 * R + R + F * F * R * K + K;
            const saved = before - after;
            expect(r.title).toContain(`−${en(saved)} params`);
            expect(r.title).toContain(`−${Math.round((100 * saved) / before)}%`);
        }
        // R = 96: 165,984 − (18,432 + 96 + 82,944 + 96) = 64,416 (39%)
        expect(refactors.some(r => r.title.includes('−64,416 params, −39%'))).toBe(true);
    });

    test('applying it inserts the 1×1 conv, the network totals drop by exactly the saved amount, and nothing breaks', async () => {
        const { uri } = await s.open(TEXT);
        const line = lineOf(TEXT, 'conv3x3:');
        const actions = await s.actions(uri, { start: { line, character: 4 }, end: { line, character: 4 } }, []);
        const refactor = actions.find(a => /1×1 reduction/.test(a.title))!;
        const R = Number(/to (\d+) channels/.exec(refactor.title)![1]);
        const { text, diagnostics } = await s.apply(uri, refactor);
        expect(errors(diagnostics)).toEqual([]);
        expect(text).toContain(`conv ${R} 1x1`);
        expect(text).toContain('conv3x3: conv 96 3x3');
        const lens = await s.codeLens(uri);
        expect(lens[0].command.title).toContain(`${en(D1 * R + R + F * F * R * K + K)} params`);
        const hints = await s.hints(uri);
        // still 26×26×96 at the end
        expect(hints.some(h => h.label.startsWith('→ 26×26×96'))).toBe(true);
    });

    test('bias off: before F·F·D1·K, after D1·R + F·F·R·K', async () => {
        const text = 'network NB {\n  input 28x28x192\n  bias off\n  c: conv 128 5x5 pad 2\n}\n';
        const { uri } = await s.open(text);
        const line = lineOf(text, 'c: conv');
        const refactors = (await s.actions(uri, { start: { line, character: 6 }, end: { line, character: 6 } }, [])).filter(a =>
            /1×1 reduction/.test(a.title)
        );
        expect(refactors.length).toBeGreaterThan(0);
        const before = 5 * 5 * 192 * 128;
        for (const r of refactors) {
            const R = Number(/to (\d+) channels/.exec(r.title)![1]);
            const saved = before - (192 * R + 5 * 5 * R * 128);
            expect(r.title).toContain(`−${en(saved)} params, −${Math.round((100 * saved) / before)}%`);
        }
    });

    test('not offered on a 1×1 conv, nor on a shallow input', async () => {
        const text = 'network NO {\n  input 28x28x3\n  a: conv 64 3x3\n  b: conv 32 1x1\n}\n';
        const { uri } = await s.open(text);
        for (const label of ['a: conv', 'b: conv']) {
            const line = lineOf(text, label);
            const actions = await s.actions(uri, { start: { line, character: 5 }, end: { line, character: 5 } }, []);
            expect(
                actions.filter(a => /reduction/.test(a.title)).map(a => a.title),
                label
            ).toEqual([]);
        }
    });

    test('a whole selected line (column 0 to its end, as an editor sends it) still offers the refactor', async () => {
        // Review bug: only the start of the range was looked at, and column 0 lies before the statement.
        const text = 'network SL {\n  input 28x28x192\n  concat {\n    branch { conv 128 3x3 pad 1 }\n    branch { conv 64 1x1 }\n  }\n}\n';
        const { uri } = await s.open(text);
        const line = lineOf(text, 'conv 128 3x3');
        const lineText = text.split('\n')[line];
        const actions = await s.actions(uri, { start: { line, character: 0 }, end: { line, character: lineText.length } }, []);
        const refactors = actions.filter(a => /1×1 reduction/.test(a.title));
        // D1 = 192, K = 128, R = 96: 3·3·192·128 + 128 − (192·96 + 96 + 3·3·96·128 + 128) = 92,064
        expect(
            refactors.map(r => r.title),
            actions.map(a => a.title).join('\n')
        ).toContain(
            `Insert a 1×1 reduction to 96 channels before this 3×3 conv (−${en(3 * 3 * 192 * 128 + 128 - (192 * 96 + 96 + 3 * 3 * 96 * 128 + 128))} params, −${Math.round((100 * (3 * 3 * 192 * 128 + 128 - (192 * 96 + 96 + 3 * 3 * 96 * 128 + 128))) / (3 * 3 * 192 * 128 + 128))}%)`
        );
    });

    test('a range over several statements offers the actions of each of them', async () => {
        const text = 'network SR {\n  input 28x28x192\n  conv 96 3x3 pad 1\n  conv 64 5x5 pad 2\n}\n';
        const { uri } = await s.open(text);
        const first = lineOf(text, 'conv 96 3x3');
        const last = lineOf(text, 'conv 64 5x5');
        const actions = await s.actions(uri, { start: { line: first, character: 0 }, end: { line: last, character: 19 } }, []);
        const titles = actions.filter(a => /1×1 reduction/.test(a.title)).map(a => a.title);
        expect(
            titles.some(t => t.includes('before this 3×3 conv')),
            titles.join('\n')
        ).toBe(true);
        expect(
            titles.some(t => t.includes('before this 5×5 conv')),
            titles.join('\n')
        ).toBe(true);
    });

    test('context.only = quickfix hides the refactor', async () => {
        const { uri } = await s.open(TEXT);
        const line = lineOf(TEXT, 'conv3x3:');
        const actions = await s.actions(uri, { start: { line, character: 12 }, end: { line, character: 12 } }, [], ['quickfix']);
        expect(actions.filter(a => /reduction/.test(a.title))).toEqual([]);
    });
});

test('every diagnostic with fixes has exactly one preferred fix (examples/invalid and a mixed file)', async () => {
    const text = [
        'network M {',
        '  input 10x10x8',
        '  conv 8 3x3 stride 2',
        '}',
        'network M2 {',
        '  input 12x12x8',
        '  conv 8 3x3 stride 3 pad 1',
        '  residual {',
        '    conv 16 3x3 pad 1',
        '  }',
        '}',
        'network M3 {',
        '  input 16x16x8',
        '  concat {',
        '    branch { conv 4 1x1 }',
        '    branch { conv 4 3x3 }',
        '  }',
        '}',
        ''
    ].join('\n');
    const { uri, diagnostics } = await s.open(text);
    expect(errors(diagnostics).length).toBeGreaterThanOrEqual(3);
    for (const d of errors(diagnostics)) {
        const fixes = await fixesFor(uri, d);
        if (fixes.length > 0)
            expect(preferredCount(fixes), `${d.code} at line ${d.range.start.line + 1}: ${fixes.map(f => f.title).join(' | ')}`).toBe(1);
    }
});
