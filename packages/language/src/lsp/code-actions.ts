import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import type { ConvspecServices } from '../convspec-module.js';
import { fixesForDiagnostic, fixesInRange } from '../fixes/fix-finder.js';
import type { ConvFix } from '../fixes/fix.js';
import { pushAll } from '../util/large-arrays.js';

/** Quick fixes and the 1×1-reduction refactoring; the fixes themselves live in `fixes/`, shared with `convspec fix`. */
export class ConvspecCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: ConvspecServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const analysis = this.services.inference.Analyzer.analyze(document);
        const actions: CodeAction[] = [];
        // The client's copy of a diagnostic is matched to the engine's issue by code and range; its `data` is not needed.
        for (const diagnostic of params.context.diagnostics) {
            pushAll(
                actions,
                fixesForDiagnostic(document, diagnostic, analysis, this.services.shared).map(f => this.toAction(document, f, diagnostic))
            );
        }
        pushAll(
            actions,
            fixesInRange(document, params.range, analysis).map(f => this.toAction(document, f))
        );
        const only = params.context.only;
        return only ? actions.filter(a => only.some(kind => a.kind === kind || a.kind?.startsWith(`${kind}.`))) : actions;
    }

    private toAction(document: LangiumDocument, fix: ConvFix, diagnostic?: Diagnostic): CodeAction {
        return {
            title: fix.title,
            kind: fix.kind,
            isPreferred: fix.isPreferred,
            ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
            edit: { changes: { [document.uri.toString()]: fix.edits } }
        };
    }
}
