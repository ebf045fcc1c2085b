import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import type * as lsp from 'vscode-languageserver-protocol/browser.js';

/*
 * LSP ↔ Monaco, as plain functions: LSP counts lines and characters from 0,
 * Monaco from 1; LSP's enums start at 1 where Monaco's start at 0. The
 * Monaco namespace is passed in, so these stay free of the editor's globals.
 */

type Monaco = typeof monaco;

export function toRange(range: lsp.Range): monaco.IRange {
    return {
        startLineNumber: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLineNumber: range.end.line + 1,
        endColumn: range.end.character + 1
    };
}

export function fromPosition(position: monaco.IPosition): lsp.Position {
    return { line: position.lineNumber - 1, character: position.column - 1 };
}

/** The part of the word at `position` before it: what a completion replaces. */
export function wordRangeAt(model: monaco.editor.ITextModel, position: monaco.IPosition): monaco.IRange {
    const word = model.getWordUntilPosition(position);
    return {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn
    };
}

export function fromRange(range: monaco.IRange): lsp.Range {
    return {
        start: { line: range.startLineNumber - 1, character: range.startColumn - 1 },
        end: { line: range.endLineNumber - 1, character: range.endColumn - 1 }
    };
}

export function toMarkerSeverity(m: Monaco, severity: lsp.DiagnosticSeverity | undefined): monaco.MarkerSeverity {
    switch (severity) {
        case 2:
            return m.MarkerSeverity.Warning;
        case 3:
            return m.MarkerSeverity.Info;
        case 4:
            return m.MarkerSeverity.Hint;
        default:
            return m.MarkerSeverity.Error;
    }
}

export function toMarker(m: Monaco, d: lsp.Diagnostic): monaco.editor.IMarkerData {
    const tags: monaco.MarkerTag[] = [];
    if (d.tags?.includes(1)) tags.push(m.MarkerTag.Unnecessary);
    if (d.tags?.includes(2)) tags.push(m.MarkerTag.Deprecated);
    return {
        ...toRange(d.range),
        severity: toMarkerSeverity(m, d.severity),
        message: d.message,
        code: d.code === undefined ? undefined : String(d.code),
        source: d.source,
        tags
    };
}

/** The same diagnostic seen as a marker and as the server sent it (markers lose `data`, which the fixes read). */
export function sameDiagnostic(marker: monaco.editor.IMarkerData, d: lsp.Diagnostic): boolean {
    const r = toRange(d.range);
    return (
        marker.message === d.message &&
        marker.startLineNumber === r.startLineNumber &&
        marker.startColumn === r.startColumn &&
        marker.endLineNumber === r.endLineNumber &&
        marker.endColumn === r.endColumn
    );
}

export function toMarkdown(content: lsp.Hover['contents']): monaco.IMarkdownString[] {
    const one = (c: lsp.MarkupContent | lsp.MarkedString): monaco.IMarkdownString => {
        if (typeof c === 'string') return { value: c };
        if ('kind' in c) return { value: c.kind === 'markdown' ? c.value : escapeMarkdown(c.value) };
        return { value: `\`\`\`${c.language}\n${c.value}\n\`\`\`` };
    };
    return Array.isArray(content) ? content.map(one) : [one(content)];
}

/** Plain text shown through Monaco's Markdown renderer stays the same text. */
export function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, c => `\\${c}`);
}

export function toDocumentation(doc: string | lsp.MarkupContent | undefined): string | monaco.IMarkdownString | undefined {
    if (doc === undefined || typeof doc === 'string') return doc;
    return doc.kind === 'markdown' ? { value: doc.value } : doc.value;
}

export function toInlayHint(m: Monaco, hint: lsp.InlayHint): monaco.languages.InlayHint {
    const label =
        typeof hint.label === 'string'
            ? hint.label
            : hint.label.map(part => ({
                  label: part.value,
                  tooltip: typeof part.tooltip === 'string' ? part.tooltip : part.tooltip?.value
              }));
    return {
        label,
        position: { lineNumber: hint.position.line + 1, column: hint.position.character + 1 },
        kind: hint.kind === 2 ? m.languages.InlayHintKind.Parameter : m.languages.InlayHintKind.Type,
        paddingLeft: hint.paddingLeft,
        paddingRight: hint.paddingRight,
        tooltip: typeof hint.tooltip === 'string' ? hint.tooltip : hint.tooltip ? { value: hint.tooltip.value } : undefined
    };
}

export function toTextEdit(edit: lsp.TextEdit): monaco.languages.TextEdit {
    return { range: toRange(edit.range), text: edit.newText };
}

/** A workspace edit over the page's files (changes or documentChanges; file creation is not something convspec offers). */
export function toWorkspaceEdit(m: Monaco, edit: lsp.WorkspaceEdit): monaco.languages.WorkspaceEdit {
    const edits: monaco.languages.IWorkspaceTextEdit[] = [];
    for (const [uri, changes] of Object.entries(edit.changes ?? {})) {
        for (const change of changes) edits.push({ resource: m.Uri.parse(uri), textEdit: toTextEdit(change), versionId: undefined });
    }
    for (const change of edit.documentChanges ?? []) {
        if (!('textDocument' in change)) continue;
        for (const e of change.edits) {
            edits.push({ resource: m.Uri.parse(change.textDocument.uri), textEdit: toTextEdit(e), versionId: undefined });
        }
    }
    return { edits };
}

/** LSP's CompletionItemKind (Text = 1 …) as Monaco's (Method = 0 …). */
const COMPLETION_KINDS: Record<number, keyof typeof monaco.languages.CompletionItemKind> = {
    1: 'Text',
    2: 'Method',
    3: 'Function',
    4: 'Constructor',
    5: 'Field',
    6: 'Variable',
    7: 'Class',
    8: 'Interface',
    9: 'Module',
    10: 'Property',
    11: 'Unit',
    12: 'Value',
    13: 'Enum',
    14: 'Keyword',
    15: 'Snippet',
    16: 'Color',
    17: 'File',
    18: 'Reference',
    19: 'Folder',
    20: 'EnumMember',
    21: 'Constant',
    22: 'Struct',
    23: 'Event',
    24: 'Operator',
    25: 'TypeParameter'
};

export function toCompletionItem(m: Monaco, item: lsp.CompletionItem, wordRange: monaco.IRange): monaco.languages.CompletionItem {
    const kind = m.languages.CompletionItemKind[COMPLETION_KINDS[item.kind ?? 1] ?? 'Text'];
    let range: monaco.IRange | monaco.languages.CompletionItemRanges = wordRange;
    let insertText = item.insertText ?? item.label;
    if (item.textEdit) {
        insertText = item.textEdit.newText;
        range =
            'range' in item.textEdit
                ? toRange(item.textEdit.range)
                : { insert: toRange(item.textEdit.insert), replace: toRange(item.textEdit.replace) };
    }
    return {
        label: item.label,
        kind,
        detail: item.detail,
        documentation: toDocumentation(item.documentation),
        sortText: item.sortText,
        filterText: item.filterText,
        insertText,
        insertTextRules: item.insertTextFormat === 2 ? m.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
        range,
        additionalTextEdits: item.additionalTextEdits?.map(toTextEdit)
    };
}

/** A definition or reference target: LSP's Location or LocationLink as Monaco's Location or LocationLink. */
export function toLocation(m: Monaco, target: lsp.Location | lsp.LocationLink): monaco.languages.Location | monaco.languages.LocationLink {
    if ('targetUri' in target) {
        return {
            uri: m.Uri.parse(target.targetUri),
            range: toRange(target.targetRange),
            targetSelectionRange: toRange(target.targetSelectionRange),
            originSelectionRange: target.originSelectionRange && toRange(target.originSelectionRange)
        };
    }
    return { uri: m.Uri.parse(target.uri), range: toRange(target.range) };
}

/** LSP's DocumentHighlightKind (Text = 1, Read, Write) as Monaco's (Text = 0, Read, Write). */
export function toDocumentHighlight(m: Monaco, highlight: lsp.DocumentHighlight): monaco.languages.DocumentHighlight {
    const kinds = m.languages.DocumentHighlightKind;
    const kind = highlight.kind === 2 ? kinds.Read : highlight.kind === 3 ? kinds.Write : kinds.Text;
    return { range: toRange(highlight.range), kind };
}

/** LSP's SymbolKind (File = 1 …) as Monaco's (File = 0 …). */
const SYMBOL_KINDS: Record<number, keyof typeof monaco.languages.SymbolKind> = {
    1: 'File',
    2: 'Module',
    3: 'Namespace',
    4: 'Package',
    5: 'Class',
    6: 'Method',
    7: 'Property',
    8: 'Field',
    9: 'Constructor',
    10: 'Enum',
    11: 'Interface',
    12: 'Function',
    13: 'Variable',
    14: 'Constant',
    15: 'String',
    16: 'Number',
    17: 'Boolean',
    18: 'Array',
    19: 'Object',
    20: 'Key',
    21: 'Null',
    22: 'EnumMember',
    23: 'Struct',
    24: 'Event',
    25: 'Operator',
    26: 'TypeParameter'
};

/** The outline: LSP's DocumentSymbol tree (what Langium sends) as Monaco's, children included. */
export function toDocumentSymbol(m: Monaco, symbol: lsp.DocumentSymbol): monaco.languages.DocumentSymbol {
    return {
        name: symbol.name,
        detail: symbol.detail ?? '',
        kind: m.languages.SymbolKind[SYMBOL_KINDS[symbol.kind] ?? 'Object'],
        tags: [],
        range: toRange(symbol.range),
        selectionRange: toRange(symbol.selectionRange),
        children: symbol.children?.map(child => toDocumentSymbol(m, child))
    };
}

/** LSP's folding range (0-based lines; kind `comment`, `imports` or `region`) as Monaco's (1-based). */
export function toFoldingRange(m: Monaco, range: lsp.FoldingRange): monaco.languages.FoldingRange {
    const kinds = m.languages.FoldingRangeKind;
    const kind =
        range.kind === 'comment'
            ? kinds.Comment
            : range.kind === 'imports'
              ? kinds.Imports
              : range.kind === 'region'
                ? kinds.Region
                : undefined;
    return { start: range.startLine + 1, end: range.endLine + 1, kind };
}
