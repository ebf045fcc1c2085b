/**
 * The real server process over stdio, as an editor meets it: the
 * capabilities it announces on `initialize`, diagnostics pushed on didOpen
 * and after every didChange, a hint, a hover, a quick fix applied, and the
 * user's settings taken from the client. The providers themselves are tested
 * in process (the other files here); this file is the smoke test of the
 * process, the transport and the wiring.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codes, en, errors, ERROR, lineOf, StdioSession } from './harness.js';

let s: StdioSession;
beforeAll(async () => {
    // As the VS Code extension starts it: the network totals above a network open its view.
    s = await StdioSession.start({ networkViewCommand: 'convspec.showNetworkView' });
});
afterAll(async () => s.stop());

describe('initialize', () => {
    test('announces every editor feature the issue lists', () => {
        const caps = s.initializeResult.capabilities;
        expect(caps.inlayHintProvider).toBeTruthy();
        expect(caps.hoverProvider).toBeTruthy();
        expect(caps.codeActionProvider).toBeTruthy();
        expect(caps.codeLensProvider).toBeTruthy();
        expect(caps.completionProvider).toBeTruthy();
        expect(caps.signatureHelpProvider).toBeTruthy();
        expect(caps.signatureHelpProvider.triggerCharacters).toEqual(expect.arrayContaining(['(', ',']));
        expect(caps.documentFormattingProvider).toBeTruthy();
        expect(caps.renameProvider).toBeTruthy();
        expect(caps.documentSymbolProvider).toBeTruthy();
        expect(caps.foldingRangeProvider).toBeTruthy();
        expect(caps.definitionProvider).toBeTruthy();
        expect(caps.referencesProvider).toBeTruthy();
        expect(caps.textDocumentSync).toBeTruthy();
    });

    test('code actions announce quickfix and refactor kinds when the client supports literals', () => {
        const cap = s.initializeResult.capabilities.codeActionProvider;
        // `true` is allowed by LSP; if kinds are listed they must include ours.
        if (typeof cap === 'object' && cap.codeActionKinds) {
            expect(cap.codeActionKinds).toEqual(expect.arrayContaining(['quickfix']));
        }
    });
});

describe('diagnostics', () => {
    // (10 − 3 + 2·0)/2 + 1 = 4.5: the seed article's invalid case.
    const BROKEN = 'network B {\n  input 10x10x3\n  conv1: conv 16 3x3 stride 2\n}\n';
    // (11 − 3 + 2·0)/2 + 1 = 5: the article's remedy.
    const FIXED = BROKEN.replace('10x10x3', '11x11x3');

    test('pushed on didOpen with code, severity, a narrow range and the arithmetic', async () => {
        const { diagnostics } = await s.open(BROKEN);
        expect(codes(diagnostics)).toEqual(['non-integer-output']);
        const d = diagnostics[0];
        expect(d.severity).toBe(ERROR);
        expect(d.range.start.line).toBe(2);
        expect(d.range.end.line).toBe(2);
        // The range covers the offending tokens, not the whole file or the label.
        expect(d.range.start.character).toBeGreaterThan('  conv1:'.length - 1);
        expect(d.message).toContain('4.5');
        expect(d.message).toMatch(/\(10 − 3 \+ 2·0\)\/2 \+ 1 = 4\.5/);
    });

    test('re-published after didChange: fixed, broken again, and a new error elsewhere', async () => {
        const { uri } = await s.open(BROKEN);
        expect(errors(await s.change(uri, FIXED))).toEqual([]);
        expect(codes(await s.change(uri, BROKEN))).toEqual(['non-integer-output']);
        // A second network with an unknown block: two different problems, two diagnostics.
        const two = `${FIXED}network C {\n  input 8x8x3\n  nope(3)\n}\n`;
        const after = await s.change(uri, two);
        expect(codes(errors(after))).toEqual(['unknown-block']);
        expect(after[0].range.start.line).toBe(6);
    });

    test('a syntax error is a diagnostic, not a crash, and hints keep working above it', async () => {
        const { uri, diagnostics } = await s.open('network P {\n  input 8x8x3\n  conv 4 3x3 pad 1\n  conv 4 3x3 stride\n}\n');
        expect(errors(diagnostics).length).toBeGreaterThan(0);
        const hints = await s.hints(uri);
        // (8 + 2·1 − 3)/1 + 1 = 8; 3·3·3·4 + 4 = 112
        expect(hints.find(h => h.line === 2)?.label).toBe(`→ 8×8×4 · ${3 * 3 * 3 * 4 + 4} params`);
        expect(s.exited).toBe(false);
    });
});

describe('the editor features over the wire', () => {
    // The seed's 28×28×192 through 96 3×3 filters: (28 − 3)/1 + 1 = 26; 3·3·192·96 + 96 parameters.
    const SEED = 'network S {\n  input 28x28x192\n  conv3x3: conv 96 3x3\n}\n';
    const PARAMS = 3 * 3 * 192 * 96 + 96;

    test('an inlay hint and a hover with the worked formula', async () => {
        const { uri, diagnostics } = await s.open(SEED);
        expect(diagnostics).toEqual([]);
        const line = lineOf(SEED, 'conv3x3:');
        expect((await s.hints(uri)).find(h => h.line === line)?.label).toBe(`→ 26×26×96 · ${en(PARAMS)} params`);
        const hover = await s.hover(uri, { line, character: 12 });
        expect(hover).toContain('(28 − 3 + 2·0)/1 + 1 = 26');
        expect(hover).toContain('3×3×192');
    });

    test('a quick fix, applied as an editor applies it, clears the error', async () => {
        // (10 − 3 + 2·0)/2 + 1 = 4.5; no padding can fix it (10 − 3 odd, stride even): floor is preferred → ⌊4.5⌋ = 4.
        const text = 'network F {\n  input 10x10x3\n  conv 16 3x3 stride 2\n}\n';
        const { uri, diagnostics } = await s.open(text);
        expect(codes(diagnostics)).toEqual(['non-integer-output']);
        const actions = await s.actions(uri, diagnostics[0].range, diagnostics);
        const preferred = actions.find(a => a.isPreferred);
        expect(preferred?.title).toBe('Round down like PyTorch (floor) → 4×4×16');
        const after = await s.apply(uri, preferred!);
        expect(after.text).toContain('conv 16 3x3 stride 2 floor');
        expect(errors(after.diagnostics)).toEqual([]);
    });

    test('settings come from the client: a change asks it to refresh hints and lenses, which then follow the settings', async () => {
        const { uri } = await s.open(SEED);
        const line = lineOf(SEED, 'conv3x3:');
        s.client.settings = { convspec: { numberFormat: 'compact', hints: { showParameters: true } } };
        const before = s.client.serverRequests.length;
        s.client.notify('workspace/didChangeConfiguration', { settings: s.client.settings });
        const refreshed = await s.settledRequests(requests =>
            ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh'].every(m => requests.slice(before).some(r => r.method === m))
        );
        expect(refreshed).toBe(true);
        // 165,984 in three significant digits.
        expect((await s.hints(uri)).find(h => h.line === line)?.label).toBe('→ 26×26×96 · 166K params');
        const [lens] = await s.codeLens(uri);
        expect(lens.command.title).toMatch(/^166K params · /);
        expect(lens.command.command).toBe('convspec.showNetworkView');
        expect(lens.command.arguments).toEqual([uri]);
        s.client.settings = { convspec: { numberFormat: 'grouped', hints: { showParameters: false } } };
        s.client.notify('workspace/didChangeConfiguration', { settings: s.client.settings });
        await s.settledRequests(() => true);
        expect((await s.hints(uri)).find(h => h.line === line)?.label).toBe('→ 26×26×96');
        // The hover keeps the exact worked arithmetic whatever the settings.
        expect(await s.hover(uri, { line, character: 12 })).toContain(en(PARAMS));
        s.client.settings = {};
        s.client.notify('workspace/didChangeConfiguration', { settings: { convspec: {} } });
    });
});
