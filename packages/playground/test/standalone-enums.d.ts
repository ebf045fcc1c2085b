// Monaco ships its enums as a plain module (no DOM, loadable in Node) without declarations: these are the ones the
// conversions read, typed as the editor API declares them.
declare module 'monaco-editor/esm/vs/editor/common/standalone/standaloneEnums.js' {
    import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
    export const MarkerSeverity: typeof monaco.MarkerSeverity;
    export const MarkerTag: typeof monaco.MarkerTag;
    export const CompletionItemKind: typeof monaco.languages.CompletionItemKind;
    export const CompletionItemInsertTextRule: typeof monaco.languages.CompletionItemInsertTextRule;
    export const DocumentHighlightKind: typeof monaco.languages.DocumentHighlightKind;
    export const InlayHintKind: typeof monaco.languages.InlayHintKind;
    export const SymbolKind: typeof monaco.languages.SymbolKind;
}
