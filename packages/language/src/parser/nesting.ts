import type { IToken } from 'chevrotain';

/*
 * The parser is recursive descent: each nested structure or parenthesis is a
 * few frames of the JavaScript stack, and a few hundred of them overflow it.
 * The lexer counts nesting first and refuses a deeper file with one
 * `too-deep` error, before the parser runs. The limits leave room for what
 * people write (100 levels of `concat { branch { … } }` in a network are 201
 * braces) and half the stack free: measured with Node's default stack, the
 * parser takes 263 levels of concat/branch, 417 of repeat, 210 parentheses.
 */

/** Braces: a network's or block's body and 100 levels of structures in it, each with up to two (`concat { branch {`). */
export const MAX_BRACE_DEPTH = 201;
/** Parentheses, and signs in a row (`- - - 1`, or `+ + +`, which error recovery nests as deep), each a level of the expression parser. */
export const MAX_PAREN_DEPTH = 100;

export interface TooDeep {
    readonly kind: 'brace' | 'paren';
    /** The token that goes past the limit. */
    readonly token: IToken;
}

export function nestingTooDeep(tokens: readonly IToken[]): TooDeep | undefined {
    let braces = 0;
    let parens = 0;
    let signs = 0;
    for (const token of tokens) {
        const text = token.image;
        if (text === '{' && ++braces > MAX_BRACE_DEPTH) return { kind: 'brace', token };
        if (text === '}') braces = Math.max(0, braces - 1);
        if (text === '(' && ++parens > MAX_PAREN_DEPTH) return { kind: 'paren', token };
        if (text === ')') parens = Math.max(0, parens - 1);
        signs = text === '-' || text === '−' || text === '+' ? signs + 1 : 0;
        if (signs > MAX_PAREN_DEPTH) return { kind: 'paren', token };
    }
    return undefined;
}
