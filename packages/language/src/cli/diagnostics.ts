import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Severity } from '../validation/codes.js';

/** A diagnostic as the CLI reports it: 1-based, with the file relative to the current folder. */
export interface FileDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly severity: Severity;
    readonly code: string;
    readonly message: string;
}

const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export function displayPath(fsPath: string): string {
    const relative = path.relative(process.cwd(), fsPath);
    return relative.startsWith('..') || path.isAbsolute(relative) ? fsPath : relative.split(path.sep).join('/');
}

export function fileDiagnostics(document: LangiumDocument): FileDiagnostic[] {
    const file = displayPath(document.uri.fsPath);
    return (document.diagnostics ?? []).map((d: Diagnostic) => ({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY[d.severity ?? 1],
        code: String(d.code ?? 'syntax-error'),
        message: d.message
    })).sort((a, b) => a.line - b.line || a.column - b.column);
}
