import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIssueCode, type Severity } from './codes.js';
import type { ConvDiagnostic } from './conv-diagnostic.js';

export type { ConvDiagnostic };

/** A diagnostic as convspec reports it outside the editor: 1-based positions, severity and code as words. */
const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

/** A built document's diagnostics, in reading order. */
export function documentDiagnostics(document: LangiumDocument): ConvDiagnostic[] {
    return (document.diagnostics ?? [])
        .map((d: Diagnostic) => ({
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
            severity: SEVERITY[d.severity ?? 1],
            code: isIssueCode(d.code) ? d.code : 'syntax-error',
            message: d.message
        }))
        .sort((a, b) => a.line - b.line || a.column - b.column);
}
