/**
 * No JavaScript `undefined`, `NaN` or `[object Object]` may reach a user: a
 * message, a hint, a hover, an action title, CLI output. The suite-wide
 * hooks (test/setup-messages.ts, the session and CLI harnesses) send every
 * text they see through `leakedValues`.
 */
const LEAK = /\bundefined\b|\bNaN\b|\[object Object\]/;

/** The leaked JavaScript values in `text`, if any. */
export function leakedValues(text: string): string | undefined {
    return LEAK.exec(text)?.[0];
}

/** Throws when `text` shows a JavaScript value instead of a number or a word. */
export function expectNoLeak(text: string, where: string): void {
    const leak = leakedValues(text);
    if (leak) throw new Error(`${where} shows a JavaScript \`${leak}\`: ${text.slice(0, 500)}`);
}
