import { formatNumber, type NumberFormat } from 'convspec-language/out/render/number-format.js';

/*
 * The language server writes `→ 26×26×96 · 165,984 params` and code lenses
 * like `387,072 params · 1,234 MACs · → 28×28×416`, always with en-US
 * grouping. The `convspec.hints.showParameters` and `convspec.numberFormat`
 * settings are applied here, in the client, to what the server sent.
 */

export interface HintSettings {
    readonly showParameters: boolean;
    readonly numberFormat: NumberFormat;
}

/** A count as the server writes it: 165,984 or 12. */
const COUNT = /\d{1,3}(?:,\d{3})+|\d+/;
/** ` · 165,984 params` at the end of a hint, possibly cut by the server's `…` at 43 characters. */
const PARAMS_SUFFIX = /\s·\s[\d,]*(?:\s(?:p(?:a(?:r(?:a(?:m(?:s)?)?)?)?)?)?)?…?$/;

function reformatCount(count: string, format: NumberFormat): string {
    return format === 'grouped' ? count : formatNumber(Number(count.replace(/,/g, '')), format);
}

/** Rewrites the counts followed by `unit` (e.g. `params`, `MACs`). */
function reformatCounts(text: string, format: NumberFormat, units: readonly string[]): string {
    if (format === 'grouped') return text;
    const pattern = new RegExp(`(${COUNT.source})(\\s(?:${units.join('|')})\\b)`, 'g');
    return text.replace(pattern, (_all, count: string, unit: string) => reformatCount(count, format) + unit);
}

/** An inlay hint label under the user's settings. Labels that are not `→ …` hints pass unchanged. */
export function hintLabel(label: string, settings: HintSettings): string {
    if (!label.startsWith('→')) return label;
    if (!settings.showParameters) return label.replace(PARAMS_SUFFIX, '');
    return reformatCounts(label, settings.numberFormat, ['params']);
}

/** A code-lens title (`N params · M MACs · → volume`) under the number format. */
export function codeLensTitle(title: string, settings: HintSettings): string {
    return reformatCounts(title, settings.numberFormat, ['params', 'MACs']);
}
