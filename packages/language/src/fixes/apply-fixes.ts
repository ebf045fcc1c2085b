import type { LangiumDocument, LangiumSharedCoreServices } from 'langium';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { ISSUE_REGISTRY } from '../diagnostics/codes.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { fixesForIssue, issueRangeIn } from './fix-finder.js';
import type { ConvFix } from './fix.js';
import { nameFixes } from './name-fixes.js';

/** A fix `convspec fix` applies, with the 0-based line of the error it repairs. */
export interface PreferredFix extends ConvFix {
    readonly line: number;
}

/**
 * The preferred fix of each error in the document, in reading order, leaving
 * out any that overlaps one already taken: the engine's issues, and the
 * validator's diagnostics about words that have a sure fix (`padding 1` →
 * `pad 1`).
 */
export function preferredFixes(document: LangiumDocument, analysis: DocumentAnalysis, shared: LangiumSharedCoreServices): PreferredFix[] {
    const taken: PreferredFix[] = [];
    const offsets = (e: TextEdit) => [document.textDocument.offsetAt(e.range.start), document.textDocument.offsetAt(e.range.end)];
    const overlaps = (a: TextEdit, b: TextEdit) => {
        const [as, ae] = offsets(a);
        const [bs, be] = offsets(b);
        return as <= be && bs <= ae;
    };
    const engine = analysis.issues
        .filter(issue => ISSUE_REGISTRY[issue.code].severity === 'error')
        .flatMap(issue => {
            const range = issueRangeIn(document, issue);
            return range ? [{ range, fixes: () => fixesForIssue(document, issue, analysis, true) }] : [];
        });
    const words = (document.diagnostics ?? [])
        .filter(d => d.severity === 1 && WORD_CODES.has(String(d.code)))
        .map(d => ({ range: d.range, fixes: () => nameFixes(document, d, shared) }));
    const byPosition = (a: Range, b: Range) => a.start.line - b.start.line || a.start.character - b.start.character;
    for (const { range, fixes } of [...engine, ...words].sort((a, b) => byPosition(a.range, b.range))) {
        const fix = fixes().find(f => f.isPreferred);
        if (fix && !taken.some(t => t.edits.some(e => fix.edits.some(f => overlaps(e, f))))) taken.push({ ...fix, line: range.start.line });
    }
    return taken;
}

/** The validator's codes whose fixes name-fixes.ts writes. */
const WORD_CODES = new Set(['unknown-layer', 'unknown-label', 'unresolved-reference', 'unknown-block', 'syntax-error']);

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
