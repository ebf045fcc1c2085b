import type { LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver-types';
import { ISSUE_REGISTRY } from '../diagnostics/codes.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { fixesForIssue, issueRangeIn } from './fix-finder.js';
import type { ConvFix } from './fix.js';

/** A fix `convspec fix` applies, with the 0-based line of the error it repairs. */
export interface PreferredFix extends ConvFix {
    readonly line: number;
}

/** The preferred fix of each error in the document, leaving out any that overlaps one already taken. */
export function preferredFixes(document: LangiumDocument, analysis: DocumentAnalysis): PreferredFix[] {
    const taken: PreferredFix[] = [];
    const offsets = (e: TextEdit) => [document.textDocument.offsetAt(e.range.start), document.textDocument.offsetAt(e.range.end)];
    const overlaps = (a: TextEdit, b: TextEdit) => {
        const [as, ae] = offsets(a);
        const [bs, be] = offsets(b);
        return as <= be && bs <= ae;
    };
    const located = analysis.issues
        .filter(issue => ISSUE_REGISTRY[issue.code].severity === 'error')
        .map(issue => ({ issue, range: issueRangeIn(document, issue) }))
        .sort(
            (a, b) =>
                (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) || (a.range?.start.character ?? 0) - (b.range?.start.character ?? 0)
        );
    for (const { issue, range } of located) {
        if (!range) continue;
        const fix = fixesForIssue(document, issue, analysis, true).find(f => f.isPreferred);
        if (fix && !taken.some(t => t.edits.some(e => fix.edits.some(f => overlaps(e, f))))) taken.push({ ...fix, line: range.start.line });
    }
    return taken;
}

/** Applies non-overlapping edits to the document's text. */
export function applyTextEdits(document: LangiumDocument, edits: readonly TextEdit[]): string {
    const text = document.textDocument.getText();
    return [...edits]
        .map(e => ({
            start: document.textDocument.offsetAt(e.range.start),
            end: document.textDocument.offsetAt(e.range.end),
            text: e.newText
        }))
        .sort((a, b) => b.start - a.start)
        .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}
