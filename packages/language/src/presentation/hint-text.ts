import { formatFraction, isInteger } from '../inference/fraction.js';
import { formatVolume, type Instance } from '../inference/model.js';
import { formatNumber, type NumberFormat } from './numbers.js';

/** What a hint shows: the editor's `convspec.hints.showParameters` and `convspec.numberFormat`. */
export interface HintOptions {
    readonly showParameters: boolean;
    readonly numberFormat: NumberFormat;
    /** Cut the text to this many characters (the editor's hint cap); the CLI never cuts. */
    readonly maxLength?: number;
}

export const DEFAULT_HINT_OPTIONS: HintOptions = { showParameters: true, numberFormat: 'grouped' };

/** VS Code's default `editor.inlayHints.maximumLength`, the cap the server keeps for every editor. */
export const MAX_HINT_LENGTH = 43;

/**
 * `→ 26×26×96 · 165,984 params`, or `→ 112×112×64 (⌊112.5⌋)` when a size was
 * rounded. The same text for inlay hints and `convspec annotate`. Over
 * `maxLength`, the rounding note goes first (the tooltip keeps it), so the
 * volume and the parameter count stay whole where they fit.
 */
export function hintText(instance: Instance, options: HintOptions = DEFAULT_HINT_OPTIONS): string {
    if (!instance.output) return '→ ?';
    const volume = `→ ${formatVolume(instance.output.volume)}`;
    const rounded = instance.kind === 'layer' ? roundedNote(instance.axes) : undefined;
    const params =
        options.showParameters && instance.params !== 0 ? ` · ${formatNumber(instance.params, options.numberFormat)} params` : '';
    const full = `${volume}${rounded ? ` (${rounded})` : ''}${params}`;
    const max = options.maxLength;
    if (max === undefined || full.length <= max) return full;
    const shorter = `${volume}${params}`;
    return shorter.length <= max ? shorter : `${shorter.slice(0, max - 1)}…`;
}

/** `⌊112.5⌋`, or `⌊112.5⌋×⌈7.5⌉` when the axes differ. */
function roundedNote(axes: Extract<Instance, { kind: 'layer' }>['axes']): string | undefined {
    if (!axes || axes.every(a => isInteger(a.exact) || a.resolvedBy === 'same')) return undefined;
    const note = axes.map(a => {
        if (isInteger(a.exact) || a.resolvedBy === 'same') return String(a.size);
        const [open, close] = a.resolvedBy === 'ceil' ? ['⌈', '⌉'] : ['⌊', '⌋'];
        return `${open}${formatFraction(a.exact)}${close}`;
    });
    return note[0] === note[1] ? note[0] : note.join('×');
}
