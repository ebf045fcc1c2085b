import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import type { ConvspecServices } from '../convspec-module.js';
import { fixesAtCursor, fixesForDiagnostic } from '../fixes/fix-finder.js';
import type { ConvFix } from '../fixes/fix.js';

/** Quick fixes and the 1×1-reduction refactoring; the fixes themselves live in `fixes/`, shared with `convspec fix`. */
export class ConvspecCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: ConvspecServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const analysis = this.services.inference.Analyzer.analyze(document);
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const own = this.serverDiagnostic(document, diagnostic);
            if (own) actions.push(...fixesForDiagnostic(document, own, analysis).map(f => this.toAction(document, f, diagnostic)));
        }
        actions.push(...fixesAtCursor(document, params.range, analysis).map(f => this.toAction(document, f)));
        const only = params.context.only;
        return only ? actions.filter(a => only.some(kind => a.kind === kind || a.kind?.startsWith(`${kind}.`))) : actions;
    }

    /** The client may drop `data`; the server's own copy of the diagnostic still has it. */
    private serverDiagnostic(document: LangiumDocument, d: Diagnostic): Diagnostic | undefined {
        const same = (a: Diagnostic) => a.code === d.code && a.range.start.line === d.range.start.line
            && a.range.start.character === d.range.start.character && a.range.end.line === d.range.end.line && a.range.end.character === d.range.end.character;
        return (document.diagnostics ?? []).find(same);
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
