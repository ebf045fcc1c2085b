/** What the formatter needs of a lexer token. */
export interface SourceToken {
    readonly image: string;
    readonly startOffset: number;
}

/** A token of the source, comments included. */
interface Piece {
    readonly text: string;
    readonly offset: number;
    readonly kind: 'comment' | 'line-comment' | 'token';
}

const NO_SPACE_BEFORE = new Set([',', ')', ';']);
const OPERATORS = new Set(['+', '-', '−', '*', '/', '·', 'x', '×']);

/**
 * Canonical spacing and indentation from the token stream: one space between
 * tokens, none inside parentheses or before `,`/`;`, blocks indented by
 * depth, at most one blank line, one final newline. Line breaks the author
 * chose stay, comments are kept byte for byte (and a trailing comment keeps
 * its column), so formatting twice changes nothing.
 */
export function formatConvText(text: string, tokens: readonly SourceToken[], comments: readonly SourceToken[], indentUnit = '  '): string {
    const pieces: Piece[] = [
        ...tokens.map(t => ({ text: t.image, offset: t.startOffset, kind: 'token' as const })),
        ...comments.map(t => ({
            text: t.image,
            offset: t.startOffset,
            kind: t.image.startsWith('//') ? ('line-comment' as const) : ('comment' as const)
        }))
    ].sort((a, b) => a.offset - b.offset);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    let out = '';
    let depth = 0;
    let previous: Piece | undefined;
    for (const piece of pieces) {
        if (piece.kind === 'token' && piece.text === '}') depth = Math.max(0, depth - 1);
        if (previous) {
            const gap = text.slice(previous.offset + previous.text.length, piece.offset);
            const newlines = (gap.match(/\n/g) ?? []).length;
            if (newlines > 0) out += eol.repeat(Math.min(newlines, 2)) + indentUnit.repeat(depth);
            else out += separator(previous, piece, gap);
        }
        out += piece.text;
        if (piece.kind === 'token' && piece.text === '{') depth++;
        previous = piece;
    }
    return out.length > 0 ? out + eol : '';
}

function separator(a: Piece, b: Piece, gap: string): string {
    // A trailing comment keeps the author's alignment.
    if (b.kind !== 'token') return gap.length > 0 ? gap.replace(/\t/g, '    ') : ' ';
    if (a.kind !== 'token') return ' ';
    if (NO_SPACE_BEFORE.has(b.text) || a.text === '(') return '';
    if (b.text === '(' && /^[A-Za-z_]\w*$/.test(a.text)) return '';
    // Operators keep whether they were spaced (`c*4` and `c * 4` are both fine; `-1` must stay unary).
    if (OPERATORS.has(a.text) || OPERATORS.has(b.text)) return gap.length > 0 ? ' ' : '';
    return ' ';
}
