import { formatFraction, isInteger } from '../inference/fraction.js';
import { formatVolume, type LayerInstance } from '../inference/model.js';
import { formatCount } from './numbers.js';

/** VS Code's default `editor.inlayHints.maximumLength`. */
export const MAX_HINT_LENGTH = 43;

/**
 * `→ 26×26×96 · 165,984 params`, or `→ 112×112×64 (⌊112.5⌋)` when a size was
 * rounded. The same text for inlay hints and `convspec annotate`.
 */
export function hintText(instance: LayerInstance): string {
    if (!instance.output) return '→ ?';
    let text = `→ ${formatVolume(instance.output.volume)}`;
    const rounded = roundedNote(instance);
    if (rounded) text += ` (${rounded})`;
    if (instance.params !== 0) text += ` · ${formatCount(instance.params)} params`;
    return text.length <= MAX_HINT_LENGTH ? text : `${text.slice(0, MAX_HINT_LENGTH - 1)}…`;
}

/** `⌊112.5⌋`, or `⌊112.5⌋×⌈7.5⌉` when the axes differ. */
function roundedNote(instance: LayerInstance): string | undefined {
    const axes = instance.axes;
    if (!axes || axes.every(a => isInteger(a.exact) || a.resolvedBy === 'same')) return undefined;
    const note = axes.map(a => {
        if (isInteger(a.exact) || a.resolvedBy === 'same') return String(a.size);
        const [open, close] = a.resolvedBy === 'ceil' ? ['⌈', '⌉'] : ['⌊', '⌋'];
        return `${open}${formatFraction(a.exact)}${close}`;
    });
    return note[0] === note[1] ? note[0] : note.join('×');
}
