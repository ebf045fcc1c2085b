import type { LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import type { InlayHint, InlayHintParams } from 'vscode-languageserver';
import { InlayHintKind, MarkupKind } from 'vscode-languageserver-types';
import { explainInstance } from '../presentation/layer-explanation.js';
import { statementHints } from '../presentation/statement-hints.js';
import type { ConvspecLspServices } from './convspec-lsp-module.js';

/** `→ W×H×D · N params` at the end of every statement asked for, from the cached analysis, as the user's settings say. */
export class ConvspecInlayHintProvider implements InlayHintProvider {
    constructor(private readonly services: ConvspecLspServices) {}

    async getInlayHints(document: LangiumDocument, params: InlayHintParams): Promise<InlayHint[]> {
        // The settings first: past this await the document is read in one go, never half before and half after a rebuild.
        const options = await this.services.editor.Settings.hintOptions();
        const analysis = this.services.inference.Analyzer.analyzeWithCallers(document);
        // Only the statements on these lines are visited (statement-hints.ts): the cost is the viewport's, not the document's.
        const lines = { start: params.range.start.line, end: params.range.end.line };
        return statementHints(document, analysis, options, lines).map(h => {
            const instances = h.node.$type === 'Input' ? undefined : analysis.instancesByNode.get(h.node);
            const first = instances?.[0];
            const tooltip = first && instances && explainInstance(first, instances.length - 1);
            return {
                position: { line: h.line, character: h.character },
                label: h.text,
                kind: InlayHintKind.Type,
                paddingLeft: true,
                ...(tooltip ? { tooltip: { kind: MarkupKind.Markdown, value: tooltip } } : {})
            };
        });
    }
}
