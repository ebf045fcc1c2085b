import type { LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../inference/model.js';
import { fixesForDiagnostic } from './fix-finder.js';
import type { ConvFix } from './fix.js';

/** The preferred fix of each error, leaving out any that overlaps one already taken. */
export function preferredFixes(document: LangiumDocument, analysis: DocumentAnalysis): ConvFix[] {
    const taken: ConvFix[] = [];
    const offsets = (e: TextEdit) => [document.textDocument.offsetAt(e.range.start), document.textDocument.offsetAt(e.range.end)];
    const overlaps = (a: TextEdit, b: TextEdit) => {
        const [as, ae] = offsets(a);
        const [bs, be] = offsets(b);
        return as <= be && bs <= ae;
    };
    for (const diagnostic of document.diagnostics ?? []) {
        if (diagnostic.severity !== 1) continue;
        const fix = fixesForDiagnostic(document, diagnostic, analysis).find(f => f.isPreferred);
        if (fix && !taken.some(t => t.edits.some(e => fix.edits.some(f => overlaps(e, f))))) taken.push(fix);
    }
    return taken;
}

/** Applies non-overlapping edits to the document's text. */
export function applyTextEdits(document: LangiumDocument, edits: readonly TextEdit[]): string {
    const text = document.textDocument.getText();
    return [...edits]
        .map(e => ({ start: document.textDocument.offsetAt(e.range.start), end: document.textDocument.offsetAt(e.range.end), text: e.newText }))
        .sort((a, b) => b.start - a.start)
        .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}
