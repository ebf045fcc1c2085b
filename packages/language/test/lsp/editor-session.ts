/**
 * What an editor asks of a language server, as the tests use it, over any
 * transport: the real process over stdio (harness.ts) or the services in
 * process (in-process.ts). Subclasses say how a request travels and how a
 * document changes; the rest is here once.
 */
import { applyEdits } from './lsp-client.js';

export interface Position {
    line: number;
    character: number;
}
export interface Range {
    start: Position;
    end: Position;
}
export interface Hint {
    line: number;
    character: number;
    label: string;
    tooltip: string;
}
export interface Action {
    title: string;
    kind?: string;
    isPreferred?: boolean;
    diagnostics?: any[];
    edit?: { changes?: Record<string, any[]> };
}

export const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };

export abstract class EditorSession {
    /** The latest text of each open document, as the editor holds it. */
    readonly texts = new Map<string, string>();

    abstract request<T = any>(method: string, params: unknown): Promise<T>;

    /** Replaces the whole text (as an editor's full-sync didChange) and resolves with the new diagnostics. */
    abstract change(uri: string, text: string): Promise<any[]>;

    async hints(uri: string, range: Range = WHOLE): Promise<Hint[]> {
        const result = await this.request<any[] | null>('textDocument/inlayHint', { textDocument: { uri }, range });
        return (result ?? []).map(h => ({
            line: h.position.line,
            character: h.position.character,
            label: typeof h.label === 'string' ? h.label : h.label.map((p: any) => p.value).join(''),
            tooltip: typeof h.tooltip === 'string' ? h.tooltip : (h.tooltip?.value ?? '')
        }));
    }

    async hover(uri: string, position: Position): Promise<string | undefined> {
        const result = await this.request<any>('textDocument/hover', { textDocument: { uri }, position });
        if (!result) return undefined;
        const c = result.contents;
        if (typeof c === 'string') return c;
        if (Array.isArray(c)) return c.map(x => (typeof x === 'string' ? x : x.value)).join('\n');
        return c.value;
    }

    async actions(uri: string, range: Range, diagnostics: any[] = [], only?: string[]): Promise<Action[]> {
        return (
            (await this.request<Action[] | null>('textDocument/codeAction', {
                textDocument: { uri },
                range,
                context: { diagnostics, ...(only ? { only } : {}) }
            })) ?? []
        );
    }

    async format(uri: string, options: object = { tabSize: 2, insertSpaces: true }): Promise<any[]> {
        return (await this.request<any[] | null>('textDocument/formatting', { textDocument: { uri }, options })) ?? [];
    }

    async codeLens(uri: string): Promise<any[]> {
        return (await this.request<any[] | null>('textDocument/codeLens', { textDocument: { uri } })) ?? [];
    }

    async symbols(uri: string): Promise<any[]> {
        return (await this.request<any[] | null>('textDocument/documentSymbol', { textDocument: { uri } })) ?? [];
    }

    async completion(uri: string, position: Position): Promise<any[]> {
        const result = await this.request<any>('textDocument/completion', { textDocument: { uri }, position });
        return Array.isArray(result) ? result : (result?.items ?? []);
    }

    /** Applies an action's edit to this document's text (an editor does this), sends it, resolves with the new text and diagnostics. */
    async apply(uri: string, action: Action): Promise<{ text: string; diagnostics: any[] }> {
        const edits = action.edit?.changes?.[uri];
        if (!edits) throw new Error(`action "${action.title}" has no edit for ${uri}`);
        const text = applyEdits(this.texts.get(uri) ?? '', edits);
        const diagnostics = await this.change(uri, text);
        return { text, diagnostics };
    }
}
