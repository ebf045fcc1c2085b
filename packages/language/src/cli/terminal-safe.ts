/*
 * File names and import paths come from files the user may not have written.
 * Printed raw, their control characters are commands to the terminal (ESC
 * sequences retitle or clear it, `\r` overwrites a line) or to a CI log
 * parser. Text meant for a terminal shows them as escapes instead.
 */

/** C0 and C1 controls, DEL, the Unicode line/paragraph separators and the bidirectional overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The text with every control character written as a `\xNN` or `\u{NNNN}` escape. */
export function terminalSafe(text: string): string {
    return text.replace(UNSAFE, c => {
        const code = c.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    });
}
