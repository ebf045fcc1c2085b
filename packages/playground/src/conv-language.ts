import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { keywords, languageConfiguration as config } from 'convspec-playground:build-data';

export const LANGUAGE_ID = 'conv';

/**
 * `.conv` colouring for Monaco: a Monarch tokenizer over the grammar's own
 * keyword list (the one the TextMate grammar is generated with), sizes like
 * `3x3` and `28×28×192` as numbers, and the extension's language
 * configuration (comments, brackets, auto-closing, indentation).
 */
export function registerConvLanguage(m: typeof monaco): void {
    m.languages.register({ id: LANGUAGE_ID, extensions: ['.conv'], aliases: ['Convspec', 'conv'] });
    m.languages.setMonarchTokensProvider(LANGUAGE_ID, {
        keywords: [...keywords],
        tokenizer: {
            root: [
                [/[A-Za-z_][A-Za-z0-9_]*:/, 'type.identifier'],
                [/[A-Za-z_][A-Za-z0-9_]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
                [/[0-9]+(?:[x×][0-9]+)+/, 'number'],
                [/[0-9]*\.[0-9]+|[0-9]+/, 'number'],
                [/"[^"\n]*"?|'[^'\n]*'?/, 'string'],
                [/\/\/.*$/, 'comment'],
                [/\/\*/, 'comment', '@comment'],
                [/[{}()]/, '@brackets']
            ],
            comment: [
                [/[^*/]+/, 'comment'],
                [/\*\//, 'comment', '@pop'],
                [/[*/]/, 'comment']
            ]
        }
    });
    const regex = (source: string | undefined) => (source === undefined ? undefined : new RegExp(source));
    m.languages.setLanguageConfiguration(LANGUAGE_ID, {
        comments: config.comments,
        brackets: config.brackets,
        autoClosingPairs: config.autoClosingPairs,
        surroundingPairs: config.surroundingPairs?.map(([open, close]) => ({ open, close })),
        colorizedBracketPairs: config.colorizedBracketPairs,
        autoCloseBefore: config.autoCloseBefore,
        wordPattern: regex(config.wordPattern),
        indentationRules: config.indentationRules && {
            increaseIndentPattern: new RegExp(config.indentationRules.increaseIndentPattern),
            decreaseIndentPattern: new RegExp(config.indentationRules.decreaseIndentPattern)
        }
    });
}
