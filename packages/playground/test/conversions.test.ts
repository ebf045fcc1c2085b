/**
 * The Monaco ↔ LSP conversions of the playground's adapter, in Node: Monaco's
 * enums are its own (standaloneEnums.js, the values the editor uses), LSP's
 * constants come from vscode-languageserver-protocol, so every expected kind
 * is named on both sides rather than written as a number.
 */
import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import * as enums from 'monaco-editor/esm/vs/editor/common/standalone/standaloneEnums.js';
import {
    CompletionItemKind,
    DiagnosticSeverity,
    DiagnosticTag,
    DocumentHighlightKind,
    FoldingRangeKind,
    InlayHintKind,
    InsertTextFormat,
    SymbolKind
} from 'vscode-languageserver-protocol';
import { describe, expect, test } from 'vitest';
import {
    escapeMarkdown,
    fromPosition,
    fromRange,
    sameDiagnostic,
    toCompletionItem,
    toDocumentHighlight,
    toDocumentSymbol,
    toFoldingRange,
    toInlayHint,
    toLocation,
    toMarker,
    toRange,
    toWorkspaceEdit
} from '../src/conversions.js';

/** The parts of the Monaco namespace the conversions read. */
const m = {
    MarkerSeverity: enums.MarkerSeverity,
    MarkerTag: enums.MarkerTag,
    Uri: { parse: (uri: string) => ({ uri }) },
    languages: {
        CompletionItemKind: enums.CompletionItemKind,
        CompletionItemInsertTextRule: enums.CompletionItemInsertTextRule,
        DocumentHighlightKind: enums.DocumentHighlightKind,
        InlayHintKind: enums.InlayHintKind,
        SymbolKind: enums.SymbolKind,
        FoldingRangeKind: { Comment: 'comment', Imports: 'imports', Region: 'region' }
    }
} as unknown as typeof monaco;

const lspRange = (l1: number, c1: number, l2: number, c2: number) => ({
    start: { line: l1, character: c1 },
    end: { line: l2, character: c2 }
});
// LSP counts from 0, Monaco from 1: every line and column is one more.
const monacoRange = (l1: number, c1: number, l2: number, c2: number) => ({
    startLineNumber: l1 + 1,
    startColumn: c1 + 1,
    endLineNumber: l2 + 1,
    endColumn: c2 + 1
});

describe('positions and ranges', () => {
    test('LSP lines and characters are Monaco lines and columns minus one, both ways', () => {
        expect(toRange(lspRange(0, 0, 4, 7))).toEqual(monacoRange(0, 0, 4, 7));
        expect(fromRange(monacoRange(2, 3, 2, 9))).toEqual(lspRange(2, 3, 2, 9));
        expect(fromPosition({ lineNumber: 1, column: 1 })).toEqual({ line: 0, character: 0 });
    });
});

describe('diagnostics', () => {
    const warning = {
        range: lspRange(3, 2, 3, 22),
        severity: DiagnosticSeverity.Warning,
        message: '(10 − 3 + 2·0)/2 + 1 = 4.5 is not an integer',
        code: 'non-integer-output',
        source: 'convspec',
        tags: [DiagnosticTag.Unnecessary]
    };

    test('a diagnostic is a marker of the same severity, range, message, code and tags', () => {
        expect(toMarker(m, warning)).toEqual({
            ...monacoRange(3, 2, 3, 22),
            severity: enums.MarkerSeverity.Warning,
            message: warning.message,
            code: 'non-integer-output',
            source: 'convspec',
            tags: [enums.MarkerTag.Unnecessary]
        });
        expect(toMarker(m, { range: lspRange(0, 0, 0, 1), message: 'x' }).severity).toBe(enums.MarkerSeverity.Error);
    });

    test('a marker is matched back to the diagnostic it came from (markers lose the data the fixes read)', () => {
        const marker = toMarker(m, warning);
        expect(sameDiagnostic(marker, warning)).toBe(true);
        expect(sameDiagnostic(marker, { ...warning, range: lspRange(3, 2, 3, 21) })).toBe(false);
        expect(sameDiagnostic(marker, { ...warning, message: 'another' })).toBe(false);
    });
});

describe('hints, completion and edits', () => {
    test('an inlay hint keeps its label and padding, at the position plus one', () => {
        const hint = toInlayHint(m, {
            position: { line: 5, character: 14 },
            label: '→ 26×26×96',
            kind: InlayHintKind.Type,
            paddingLeft: true
        });
        expect(hint).toMatchObject({
            label: '→ 26×26×96',
            position: { lineNumber: 6, column: 15 },
            kind: enums.InlayHintKind.Type,
            paddingLeft: true
        });
        expect(toInlayHint(m, { position: { line: 0, character: 0 }, label: 'c:', kind: InlayHintKind.Parameter }).kind).toBe(
            enums.InlayHintKind.Parameter
        );
    });

    test('a completion item keeps its kind by name, and a snippet stays a snippet', () => {
        const word = monacoRange(0, 2, 0, 5);
        const keyword = toCompletionItem(m, { label: 'relu6', kind: CompletionItemKind.Keyword }, word);
        expect(keyword).toMatchObject({ label: 'relu6', kind: enums.CompletionItemKind.Keyword, insertText: 'relu6', range: word });
        const snippet = toCompletionItem(
            m,
            {
                label: 'conv',
                kind: CompletionItemKind.Snippet,
                insertTextFormat: InsertTextFormat.Snippet,
                insertText: 'conv ${1:64} ${2:3x3}'
            },
            word
        );
        expect(snippet.kind).toBe(enums.CompletionItemKind.Snippet);
        expect(snippet.insertTextRules).toBe(enums.CompletionItemInsertTextRule.InsertAsSnippet);
    });

    test('a workspace edit, as changes or document changes, edits each named file', () => {
        const edit = toWorkspaceEdit(m, {
            changes: { 'file:///page/a.conv': [{ range: lspRange(1, 2, 1, 9), newText: 'conv 96 1x1' }] },
            documentChanges: [
                { textDocument: { uri: 'file:///page/b.conv', version: 3 }, edits: [{ range: lspRange(0, 0, 0, 0), newText: 'x' }] }
            ]
        });
        expect(edit.edits).toEqual([
            {
                resource: { uri: 'file:///page/a.conv' },
                textEdit: { range: monacoRange(1, 2, 1, 9), text: 'conv 96 1x1' },
                versionId: undefined
            },
            { resource: { uri: 'file:///page/b.conv' }, textEdit: { range: monacoRange(0, 0, 0, 0), text: 'x' }, versionId: undefined }
        ]);
    });

    test('plain text through the Markdown renderer: markup characters are escaped, a hostile name stays text', () => {
        expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert\\(1\\)\\>');
        expect(escapeMarkdown('a*b_c')).toBe('a\\*b\\_c');
    });
});

describe('navigation: definition, references, highlights, outline, folding', () => {
    test('a Location and a LocationLink become Monaco targets in the same file and range', () => {
        expect(toLocation(m, { uri: 'file:///page/blocks.conv', range: lspRange(0, 6, 0, 13) })).toEqual({
            uri: { uri: 'file:///page/blocks.conv' },
            range: monacoRange(0, 6, 0, 13)
        });
        expect(
            toLocation(m, {
                targetUri: 'file:///page/blocks.conv',
                targetRange: lspRange(0, 0, 3, 1),
                targetSelectionRange: lspRange(0, 6, 0, 13),
                originSelectionRange: lspRange(4, 2, 4, 9)
            })
        ).toEqual({
            uri: { uri: 'file:///page/blocks.conv' },
            range: monacoRange(0, 0, 3, 1),
            targetSelectionRange: monacoRange(0, 6, 0, 13),
            originSelectionRange: monacoRange(4, 2, 4, 9)
        });
    });

    test('highlight kinds by name; no kind is text', () => {
        expect(toDocumentHighlight(m, { range: lspRange(1, 0, 1, 4), kind: DocumentHighlightKind.Write }).kind).toBe(
            enums.DocumentHighlightKind.Write
        );
        expect(toDocumentHighlight(m, { range: lspRange(1, 0, 1, 4), kind: DocumentHighlightKind.Read }).kind).toBe(
            enums.DocumentHighlightKind.Read
        );
        expect(toDocumentHighlight(m, { range: lspRange(1, 0, 1, 4) }).kind).toBe(enums.DocumentHighlightKind.Text);
    });

    test('the outline keeps names, kinds by name and the tree', () => {
        const symbol = toDocumentSymbol(m, {
            name: 'UsesBlocks',
            kind: SymbolKind.Class,
            range: lspRange(2, 0, 5, 1),
            selectionRange: lspRange(2, 8, 2, 18),
            children: [{ name: 'squeeze', kind: SymbolKind.Function, range: lspRange(4, 2, 4, 13), selectionRange: lspRange(4, 2, 4, 9) }]
        });
        expect(symbol).toMatchObject({
            name: 'UsesBlocks',
            kind: enums.SymbolKind.Class,
            range: monacoRange(2, 0, 5, 1),
            selectionRange: monacoRange(2, 8, 2, 18)
        });
        expect(symbol.children?.[0]).toMatchObject({ name: 'squeeze', kind: enums.SymbolKind.Function, detail: '' });
        expect(
            toDocumentSymbol(m, {
                name: 'T',
                kind: SymbolKind.TypeParameter,
                range: lspRange(0, 0, 0, 1),
                selectionRange: lspRange(0, 0, 0, 1)
            }).kind
        ).toBe(enums.SymbolKind.TypeParameter);
    });

    test('folding ranges: lines plus one, the comment kind kept', () => {
        expect(toFoldingRange(m, { startLine: 2, endLine: 5, kind: FoldingRangeKind.Comment })).toEqual({
            start: 3,
            end: 6,
            kind: 'comment'
        });
        expect(toFoldingRange(m, { startLine: 0, endLine: 9 })).toEqual({ start: 1, end: 10, kind: undefined });
    });
});
