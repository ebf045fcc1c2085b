/** Made by build.mjs from the repository's files: nothing here is fetched at run time. */
declare module 'convspec-playground:build-data' {
    /** The grammar's keywords (from the TextMate grammar Langium generates). */
    export const keywords: readonly string[];
    /** The extension's language-configuration.json: comments, brackets, auto-closing pairs, word pattern. */
    export const languageConfiguration: {
        readonly comments?: { readonly lineComment?: string; readonly blockComment?: [string, string] };
        readonly brackets?: [string, string][];
        readonly autoClosingPairs?: { readonly open: string; readonly close: string; readonly notIn?: string[] }[];
        readonly surroundingPairs?: [string, string][];
        readonly colorizedBracketPairs?: [string, string][];
        readonly autoCloseBefore?: string;
        readonly indentationRules?: { readonly increaseIndentPattern: string; readonly decreaseIndentPattern: string };
        readonly wordPattern?: string;
    };
    /** The extension's snippets (snippets/conv.code-snippets): name → prefix, description and body lines. */
    export const snippets: Readonly<
        Record<string, { readonly prefix: string; readonly description?: string; readonly body: string | readonly string[] }>
    >;
    /** The language package's version (the PyTorch export's header names it). */
    export const version: string;
    /** examples/*.conv and examples/invalid/*.conv: path below examples/ → text. */
    export const examples: readonly { readonly name: string; readonly text: string }[];
}
