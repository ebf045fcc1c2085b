import type { StatementHint } from './statement-hints.js';

/**
 * The source with each statement's hint appended as a `//` comment, aligned in
 * one column, so the annotated file is still valid `.conv`. Line endings and
 * every original character are kept.
 */
export function annotateSource(text: string, hints: readonly StatementHint[]): string {
    // Lines end as the editor's positions count them: CRLF, LF, or a lone CR (old Mac files).
    const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
    const byLine = new Map<number, StatementHint[]>();
    for (const h of hints) {
        if (lines[h.line] === undefined) continue;
        const rest = lines[h.line].slice(h.character);
        // Appending after an unclosed `/*` would land inside the comment.
        if (/\/\*(?![\s\S]*\*\/)/.test(rest)) continue;
        byLine.set(h.line, [...(byLine.get(h.line) ?? []), h]);
    }
    const content = (l: string) => l.replace(/\r?\n$|\r$/, '');
    // A loop, not Math.max(...lines): spreading 130,000 arguments overflows the stack.
    let widest = 0;
    for (const i of byLine.keys()) widest = Math.max(widest, content(lines[i]).trimEnd().length);
    const column = widest + 2;
    return lines
        .map((raw, i) => {
            const hs = byLine.get(i);
            if (!hs) return raw;
            const body = content(raw).trimEnd();
            const ending = raw.slice(content(raw).length);
            const trailing = content(raw).slice(body.length);
            // Trailing spaces would be lost by the alignment: keep the line as it was then.
            const pad = trailing.length > 0 ? trailing + '  ' : ' '.repeat(column - body.length);
            return `${body}${pad}// ${hs.map(h => h.text).join('; ')}${ending}`;
        })
        .join('');
}
