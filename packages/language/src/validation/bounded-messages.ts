import { writtenNumber } from '../presentation/numbers.js';
import { groupDigits } from '../util/group-digits.js';

/*
 * A message is read in a hover, a terminal line or a CI annotation. Langium's
 * parser lists every token it could have accepted (28 lines for a stray
 * `3x2`), and any message may quote what the file wrote — a 1,000,000-digit
 * number, a 100,000-character word. Every diagnostic passes through here on
 * its way out: alternatives become one short line, long numbers keep their
 * ends and their length, long words are cut, and the whole stays bounded.
 */

const MAX_WORD = 80;
const MAX_MESSAGE = 1000;
const SHOWN_ALTERNATIVES = 8;

/** Token types by what a person would call them. */
const TOKEN_WORDS: Readonly<Record<string, string>> = {
    INT: 'a number',
    DECIMAL: 'a number',
    ID: 'a name',
    SIZE: 'a size such as 3x3',
    STRING: 'a quoted path',
    LABEL: 'a label'
};

/** `Expecting: one of these possible Token sequences: 1. [INT] … but found: 'x'` as one line. */
function shortAlternatives(message: string): string {
    const match = /^Expecting: one of these possible Token sequences:\n([\s\S]*)\nbut found: '([\s\S]*)'$/.exec(message);
    if (!match) return message;
    const alternatives = [
        ...new Set(
            match[1]
                .split('\n')
                .map(line => /^\s*\d+\.\s*\[(.*)\]\s*$/.exec(line)?.[1])
                .filter((t): t is string => t !== undefined)
                .map(t => TOKEN_WORDS[t] ?? `\`${t}\``)
        )
    ];
    const shown = alternatives.slice(0, SHOWN_ALTERNATIVES).join(', ');
    const more = alternatives.length > SHOWN_ALTERNATIVES ? `, … (${alternatives.length} possibilities)` : '';
    return `unexpected \`${match[2]}\`: expected ${shown}${more}`;
}

export function boundedMessage(message: string): string {
    let bounded = shortAlternatives(message)
        .replace(/\d{41,}/g, digits => writtenNumber(digits))
        .replace(new RegExp(`[^\\s\`'"]{${MAX_WORD + 1},}`, 'g'), word => `${word.slice(0, 40)}…(${groupDigits(word.length)} characters)`);
    if (bounded.length > MAX_MESSAGE) bounded = `${bounded.slice(0, MAX_MESSAGE - 1)}…`;
    return bounded;
}
