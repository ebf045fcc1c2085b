import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { documentDiagnostics, type ConvDiagnostic } from '../diagnostics/document-diagnostics.js';

/** A diagnostic as the CLI reports it: with the file relative to the current folder. */
export interface FileDiagnostic extends ConvDiagnostic {
    readonly file: string;
}

/** A file as the CLI names it: relative to `cwd` when inside it, else absolute. */
export function displayPath(fsPath: string, cwd: string): string {
    const relative = path.relative(cwd, fsPath);
    return relative.startsWith('..') || path.isAbsolute(relative) ? fsPath : relative.split(path.sep).join('/');
}

export function fileDiagnostics(document: LangiumDocument, cwd: string): FileDiagnostic[] {
    const file = displayPath(document.uri.fsPath, cwd);
    return documentDiagnostics(document).map(d => ({ file, ...d }));
}
