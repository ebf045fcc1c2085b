import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { wordRangeAt } from './conversions.js';

/** A VS Code snippet as the extension contributes it (snippets/conv.code-snippets). */
export interface VsCodeSnippet {
    readonly prefix: string;
    readonly description?: string;
    readonly body: string | readonly string[];
}

/**
 * The extension's snippets as Monaco completion items over `range` (the word
 * being typed): the same file, so the page and VS Code offer the same ones.
 * Monaco, like VS Code, turns the bodies' tabs into the model's indentation.
 */
export function snippetCompletions(
    m: typeof monaco,
    snippets: Readonly<Record<string, VsCodeSnippet>>,
    range: monaco.IRange
): monaco.languages.CompletionItem[] {
    return Object.entries(snippets).map(([name, snippet]) => ({
        label: { label: snippet.prefix, description: name === snippet.prefix ? 'snippet' : name },
        kind: m.languages.CompletionItemKind.Snippet,
        documentation: snippet.description,
        insertText: typeof snippet.body === 'string' ? snippet.body : snippet.body.join('\n'),
        insertTextRules: m.languages.CompletionItemInsertTextRule.InsertAsSnippet,
        // After the server's keyword of the same name.
        sortText: `~${snippet.prefix}`,
        range
    }));
}

/** Registers the snippets for `languageId`, as VS Code offers an extension's. */
export function registerSnippets(m: typeof monaco, languageId: string, snippets: Readonly<Record<string, VsCodeSnippet>>): void {
    m.languages.registerCompletionItemProvider(languageId, {
        provideCompletionItems(model, position) {
            return { suggestions: snippetCompletions(m, snippets, wordRangeAt(model, position)) };
        }
    });
}
