/*
 * The largest text convspec analyses. Parsing, linking and inference take
 * time and memory in proportion to the text (a 5 MB file of 100,000
 * statements: about 30 s and 1 GB on 2 cores); far past that an editor
 * would wait minutes and a server could run out of memory. The CLI and the language
 * server read at most one byte more than the limit from disk, so a bigger
 * file is never read whole; the lexer refuses the text with one
 * `file-too-large` error before tokenizing it.
 */

/** 8,000,000 bytes of UTF-8: analysed up to here, refused beyond. */
export const MAX_TEXT_BYTES = 8_000_000;

/**
 * The text's length in UTF-8, counted only as far as needed to compare
 * with `limit`. A truncated or invalid sequence read from disk decodes to
 * U+FFFD (3 bytes), so a file cut at limit + 1 bytes still counts past it.
 */
export function utf8LengthExceeds(text: string, limit = MAX_TEXT_BYTES): boolean {
    if (text.length > limit) return true;
    if (text.length * 3 <= limit) return false;
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        if (unit < 0x80) bytes += 1;
        else if (unit < 0x800) bytes += 2;
        else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
            bytes += 4; // a surrogate pair: one 4-byte character
            i++;
        } else bytes += 3;
        if (bytes > limit) return true;
    }
    return false;
}
