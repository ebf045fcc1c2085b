import type { AstNodeDescription, LangiumDocument, ReferenceInfo, Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionContext, type LangiumServices } from 'langium/lsp';
import type { CompletionItem, CompletionList, CompletionParams } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import type { Model } from '../generated/ast.js';
import { labelledBefore } from '../names/suggestions.js';
import { NETWORK_SETTINGS, STATEMENT_KEYWORDS } from '../names/vocabulary.js';
import { visibleElements } from '../workspace/imports.js';

interface Snippet {
    readonly label: string;
    readonly detail: string;
    readonly body: string;
    readonly topLevel: boolean;
}

/** Whole constructs, for a statement's first word. */
const SNIPPETS: readonly Snippet[] = [
    { label: 'network', detail: 'network with an input', body: 'network ${1:Name} {\n  input ${2:224x224x3}\n  $0\n}', topLevel: true },
    { label: 'block', detail: 'reusable block with parameters', body: 'block ${1:name}(${2:c}) {\n  $0\n}', topLevel: true },
    {
        label: 'conv',
        detail: 'convolution: K filters, F×F, stride, padding',
        body: 'conv ${1:64} ${2:3x3} stride ${3:1} pad ${4:1}',
        topLevel: false
    },
    { label: 'maxpool', detail: 'max pooling', body: 'maxpool ${1:2x2} stride ${2:2}', topLevel: false },
    { label: 'avgpool', detail: 'average pooling', body: 'avgpool ${1:2x2} stride ${2:2}', topLevel: false },
    {
        label: 'concat',
        detail: 'branches side by side (inception)',
        body: 'concat {\n  branch { ${1:conv 64 1x1} }\n  branch { ${2:conv 64 3x3 pad 1} }\n}',
        topLevel: false
    },
    { label: 'residual', detail: 'body + identity shortcut', body: 'residual {\n  ${1:conv 64 3x3 pad 1}\n  ${2:bn}\n}', topLevel: false },
    {
        label: 'residual-projection',
        detail: 'body + 1×1 projection shortcut',
        body: 'residual {\n  ${1:conv 128 3x3 stride 2 pad 1}\n} shortcut {\n  conv ${2:128} 1x1 stride ${3:2}\n}',
        topLevel: false
    },
    { label: 'repeat', detail: 'the body N times', body: 'repeat ${1:2} {\n  $0\n}', topLevel: false },
    {
        label: 'multiply-gate',
        detail: 'squeeze-and-excitation: x ⊙ gate(x)',
        body: 'multiply {\n  globalavgpool\n  conv ${1:16} 1x1\n  relu\n  conv ${2:64} 1x1\n  sigmoid\n}',
        topLevel: false
    },
    {
        label: 'split',
        detail: 'channel split into branches (ShuffleNet)',
        body: 'split {\n  branch { }\n  branch { ${1:conv 58 1x1} }\n}',
        topLevel: false
    }
];

/** Every word that starts a statement, from the one vocabulary the suggestions use too. */
const LAYER_KEYWORDS = STATEMENT_KEYWORDS;

const TOP_LEVEL = ['network', 'block', 'import'];

/**
 * `add `, `route a, `, `multiply `, `concat with `: where a label goes. One
 * place answers them all, nearest label first: Langium's completion parser
 * stops at `add`, `route` and `multiply` (they may also name a block,
 * `add(…)`), and lists the others in file order.
 */
const LABEL_POSITION = /^\s*(?:[A-Za-z_]\w*\s*:\s*)?(?:add|route|multiply|concat\s+with)\s+(?:[A-Za-z_]\w*\s*,\s*)*[A-Za-z_]*$/;

interface CursorContext {
    /** Braces open at the cursor, innermost last, each with the word before it. */
    readonly open: string[];
    /** The cursor is where a statement (or a declaration) begins: after a label at most. */
    readonly statementStart: boolean;
}

/** Reads the text before the cursor, comments skipped, to know which statements may start there. */
function cursorContext(text: string, offset: number, linePrefix: string): CursorContext {
    const before = text.slice(0, offset).replace(/\/\*[\s\S]*?(\*\/|$)|\/\/[^\n]*/g, m => ' '.repeat(m.length));
    const open: string[] = [];
    const braces = /([A-Za-z_]\w*(?:\s*\([^()]*\))?)?\s*([{}])/g;
    for (let m; (m = braces.exec(before));) {
        if (m[2] === '{') open.push((m[1] ?? '').replace(/\(.*$/s, '').trim());
        else open.pop();
    }
    return { open, statementStart: /^\s*(?:[A-Za-z_]\w*\s*:\s*)?[A-Za-z_]*$/.test(linePrefix) };
}

/**
 * Langium's grammar-driven completion, plus what it cannot see on its own:
 * every statement keyword and visible block name where a statement may begin
 * (the optional label in front of each statement hides them from its
 * follow-set computation), and snippets for whole constructs.
 */
export class ConvspecCompletionProvider extends DefaultCompletionProvider {
    constructor(private readonly convServices: LangiumServices) {
        super(convServices);
    }

    /** Where Langium completes a label itself (`L` before `.d`, a reference list continued on the next line): only the earlier ones. */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        if (refInfo.property !== 'target' && refInfo.property !== 'label') return candidates;
        return candidates.filter(d => (d.node?.$cstNode?.offset ?? Infinity) < context.offset);
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params);
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const linePrefix = document.textDocument.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
        if (LABEL_POSITION.test(linePrefix)) {
            return { isIncomplete: false, items: this.labelsBefore(document, offset) };
        }
        const context = cursorContext(text, offset, linePrefix);
        if (!context.statementStart) return list;
        const items = [...(list?.items ?? [])];
        const known = new Set(items.map(i => i.label));
        const add = (item: CompletionItem) => {
            if (!known.has(item.label)) {
                known.add(item.label);
                items.push(item);
            }
        };
        const keyword = (label: string, sortText = `1${label}`) => add({ label, kind: CompletionItemKind.Keyword, sortText });
        const depth = context.open.length;
        const inside = context.open[depth - 1];
        const hasLabel = /:/.test(linePrefix);
        if (depth === 0) {
            if (!hasLabel) TOP_LEVEL.forEach(k => keyword(k));
        } else if (inside === 'concat' || inside === 'split') {
            keyword('branch');
        } else {
            LAYER_KEYWORDS.forEach(k => keyword(k));
            const inNetworkBody = depth === 1 && /^network\b/.test(this.openerLine(text, offset));
            if (inNetworkBody && !hasLabel) NETWORK_SETTINGS.forEach(k => keyword(k, `0${k}`));
            for (const name of this.visibleBlocks(document)) {
                add({ label: name, kind: CompletionItemKind.Function, detail: 'block', sortText: `2${name}` });
            }
        }
        for (const s of SNIPPETS) {
            if (s.topLevel !== (depth === 0) || (hasLabel && s.topLevel) || inside === 'concat' || inside === 'split') continue;
            items.push({
                label: s.label,
                kind: CompletionItemKind.Snippet,
                detail: s.detail,
                insertText: s.body,
                insertTextFormat: InsertTextFormat.Snippet,
                sortText: `~${s.label}`
            });
        }
        return { isIncomplete: list?.isIncomplete ?? false, items };
    }

    /** The declaration line of the innermost open brace, e.g. `network A {`. */
    private openerLine(text: string, offset: number): string {
        let depth = 0;
        for (let i = offset - 1; i >= 0; i--) {
            if (text[i] === '}') depth++;
            else if (text[i] === '{') {
                if (depth === 0) {
                    const lineStart = text.lastIndexOf('\n', i) + 1;
                    return text.slice(lineStart, i).trim();
                }
                depth--;
            }
        }
        return '';
    }

    /** The labels of the network or block around `offset` defined before it, nearest first. */
    private labelsBefore(document: LangiumDocument, offset: number): CompletionItem[] {
        const model = document.parseResult.value as Model;
        // The last declaration starting before the cursor: a half-typed statement may end it early.
        const owner = model.declarations.filter(d => (d.$cstNode?.offset ?? Infinity) < offset).at(-1);
        if (!owner) return [];
        return labelledBefore(owner, offset)
            .reverse()
            .map((n, i) => ({
                label: n.label ?? '',
                kind: CompletionItemKind.Reference,
                detail: `line ${(n.$cstNode?.range.start.line ?? 0) + 1}`,
                sortText: String(i).padStart(4, '0')
            }));
    }

    private visibleBlocks(document: LangiumDocument): string[] {
        return [...new Set(visibleElements(this.convServices.shared, document, 'Block').map(d => d.name))];
    }
}
