import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { documentDiagnostics, type ConvDiagnostic } from '../diagnostics/document-diagnostics.js';

/** A diagnostic as the CLI reports it: with the file relative to the current folder. */
export interface FileDiagnostic extends ConvDiagnostic {
    readonly file: string;
}

export function displayPath(fsPath: string): string {
    const relative = path.relative(process.cwd(), fsPath);
    return relative.startsWith('..') || path.isAbsolute(relative) ? fsPath : relative.split(path.sep).join('/');
}

export function fileDiagnostics(document: LangiumDocument): FileDiagnostic[] {
    const file = displayPath(document.uri.fsPath);
    return documentDiagnostics(document).map(d => ({ file, ...d }));
}
