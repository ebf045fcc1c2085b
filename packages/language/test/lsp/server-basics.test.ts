/**
 * The stdio server as an editor meets it: the capabilities it announces on
 * `initialize`, and diagnostics pushed on didOpen and after every didChange.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codes, errors, ERROR, Session } from './harness.js';

let s: Session;
beforeAll(async () => {
    s = await Session.start();
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
