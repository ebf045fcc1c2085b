/**
 * The page offers the VS Code extension's own snippets file, converted for
 * Monaco: every snippet, as a snippet, with its body's lines joined.
 */
import { readFileSync } from 'node:fs';
import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import * as enums from 'monaco-editor/esm/vs/editor/common/standalone/standaloneEnums.js';
import { describe, expect, test } from 'vitest';
import { snippetCompletions, type VsCodeSnippet } from '../src/snippets.js';

const snippets = JSON.parse(readFileSync(new URL('../../extension/snippets/conv.code-snippets', import.meta.url), 'utf8')) as Record<
    string,
    VsCodeSnippet
>;
const m = {
    languages: { CompletionItemKind: enums.CompletionItemKind, CompletionItemInsertTextRule: enums.CompletionItemInsertTextRule }
} as unknown as typeof monaco;
const range = { startLineNumber: 3, endLineNumber: 3, startColumn: 3, endColumn: 7 };

describe('snippets', () => {
    test("every snippet of the extension's file is offered as a snippet over the word being typed", () => {
        const items = snippetCompletions(m, snippets, range);
        expect(items.map(i => (i.label as monaco.languages.CompletionItemLabel).label)).toEqual(Object.values(snippets).map(s => s.prefix));
        for (const item of items) {
            expect(item.kind).toBe(enums.CompletionItemKind.Snippet);
            expect(item.insertTextRules).toBe(enums.CompletionItemInsertTextRule.InsertAsSnippet);
            expect(item.range).toEqual(range);
        }
    });

    test('a body of several lines is one snippet text, its lines joined by line breaks', () => {
        const repeat = snippetCompletions(m, { repeat: { prefix: 'repeat', body: ['repeat ${1:3} {', '\t$0', '}'] } }, range)[0];
        expect(repeat.insertText).toBe('repeat ${1:3} {\n\t$0\n}');
        const one = snippetCompletions(m, { pool: { prefix: 'pool', description: 'Max pooling', body: 'maxpool ${1:2x2}' } }, range)[0];
        expect(one).toMatchObject({ insertText: 'maxpool ${1:2x2}', documentation: 'Max pooling' });
    });
});
