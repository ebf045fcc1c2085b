import type { LangiumDocument } from 'langium';
import { DefaultCompletionProvider } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';

/** Whole constructs, for a statement's first word. */
const SNIPPETS: readonly { label: string; detail: string; body: string }[] = [
    { label: 'network', detail: 'network with an input', body: 'network ${1:Name} {\n  input ${2:224x224x3}\n  $0\n}' },
    { label: 'block', detail: 'reusable block with parameters', body: 'block ${1:name}(${2:c}) {\n  $0\n}' },
    { label: 'conv', detail: 'convolution: K filters, F×F, stride, padding', body: 'conv ${1:64} ${2:3x3} stride ${3:1} pad ${4:1}' },
    { label: 'maxpool', detail: 'max pooling', body: 'maxpool ${1:2x2} stride ${2:2}' },
    { label: 'avgpool', detail: 'average pooling', body: 'avgpool ${1:2x2} stride ${2:2}' },
    { label: 'concat', detail: 'branches side by side (inception)', body: 'concat {\n  branch { ${1:conv 64 1x1} }\n  branch { ${2:conv 64 3x3 pad 1} }\n}' },
    { label: 'residual', detail: 'body + identity shortcut', body: 'residual {\n  ${1:conv 64 3x3 pad 1}\n  ${2:bn}\n}' },
    { label: 'residual-projection', detail: 'body + 1×1 projection shortcut', body: 'residual {\n  ${1:conv 128 3x3 stride 2 pad 1}\n} shortcut {\n  conv ${2:128} 1x1 stride ${3:2}\n}' },
    { label: 'repeat', detail: 'the body N times', body: 'repeat ${1:2} {\n  $0\n}' }
];

/** Langium's grammar-driven keywords and block names, plus snippets at the start of a statement. */
export class ConvspecCompletionProvider extends DefaultCompletionProvider {
    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params);
        const line = document.textDocument.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
        if (!/^\s*[A-Za-z_]*$/.test(line)) return list;
        const snippets: CompletionItem[] = SNIPPETS.map(s => ({
            label: s.label,
            kind: CompletionItemKind.Snippet,
            detail: s.detail,
            insertText: s.body,
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: `~${s.label}`
        }));
        return { isIncomplete: list?.isIncomplete ?? false, items: [...(list?.items ?? []), ...snippets] };
    }
}
