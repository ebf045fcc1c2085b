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
    const edited = new EditedSpans();
    const span = (e: TextEdit) => [document.textDocument.offsetAt(e.range.start), document.textDocument.offsetAt(e.range.end)] as const;
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
        if (!fix) continue;
        const spans = fix.edits.map(span);
        if (spans.some(([start, end]) => edited.touches(start, end))) continue;
        for (const [start, end] of spans) edited.add(start, end);
        taken.push({ ...fix, line: range.start.line });
    }
    return taken;
}

/** The validator's codes whose fixes name-fixes.ts writes. */
const WORD_CODES = new Set(['unknown-layer', 'unknown-label', 'unresolved-reference', 'unknown-block', 'syntax-error']);

/**
 * Offset spans already edited, disjoint and sorted, so that a file with
 * thousands of fixes checks each new one in O(log n) instead of against all.
 * Spans that merely touch count as overlapping (two edits at one offset would
 * be applied in an undefined order).
 */
class EditedSpans {
    private readonly starts: number[] = [];
    private readonly ends: number[] = [];

    /** Index of the last span starting at or before `offset`, -1 if none. */
    private lastStartingAtOrBefore(offset: number): number {
        let lo = 0;
        let hi = this.starts.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (this.starts[mid] <= offset) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    /** Whether [start, end] meets a span: the last one starting by `end` is the one that reaches furthest. */
    touches(start: number, end: number): boolean {
        const i = this.lastStartingAtOrBefore(end);
        return i >= 0 && this.ends[i] >= start;
    }

    /** Adds [start, end], merged with the spans it meets (a fix's own edits may meet each other). */
    add(start: number, end: number): void {
        let i = this.lastStartingAtOrBefore(start);
        if (i >= 0 && this.ends[i] >= start) {
            start = this.starts[i];
            end = Math.max(end, this.ends[i]);
        } else {
            i++;
        }
        let j = i;
        while (j < this.starts.length && this.starts[j] <= end) end = Math.max(end, this.ends[j++]);
        this.starts.splice(i, j - i, start);
        this.ends.splice(i, j - i, end);
    }
}

/** Applies non-overlapping edits to the document's text, in one pass over it. */
export function applyTextEdits(document: LangiumDocument, edits: readonly TextEdit[]): string {
    const text = document.textDocument.getText();
    const sorted = edits
        .map(e => ({
            start: document.textDocument.offsetAt(e.range.start),
            end: document.textDocument.offsetAt(e.range.end),
            text: e.newText
        }))
        .sort((a, b) => a.start - b.start);
    const pieces: string[] = [];
    let at = 0;
    for (const e of sorted) {
        pieces.push(text.slice(at, e.start), e.text);
        at = e.end;
    }
    pieces.push(text.slice(at));
    return pieces.join('');
}
