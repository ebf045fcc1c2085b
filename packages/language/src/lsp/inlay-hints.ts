import type { LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, MarkupKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { ConvspecServices } from '../convspec-module.js';
import { isInput } from '../generated/ast.js';
import { explainLayer, explainStructure } from '../presentation/layer-explanation.js';
import { statementHints } from '../presentation/statement-hints.js';

/** `→ W×H×D · N params` at the end of every statement, from the cached analysis. */
export class ConvspecInlayHintProvider implements InlayHintProvider {
    constructor(private readonly services: ConvspecServices) {}

    getInlayHints(document: LangiumDocument, params: InlayHintParams): InlayHint[] {
        const analysis = this.services.inference.Analyzer.analyzeWithCallers(document);
        const { start, end } = params.range;
        return statementHints(document, analysis)
            .filter(h => h.line >= start.line && h.line <= end.line)
            .map(h => {
                const instances = isInput(h.node) ? undefined : analysis.instancesByNode.get(h.node);
                const first = instances?.[0];
                const tooltip = first && (first.structural ? explainStructure(first) : explainLayer(first, instances!.length - 1));
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
