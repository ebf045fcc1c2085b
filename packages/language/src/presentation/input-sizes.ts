import { formatVolume, type Volume } from '../inference/model.js';
import type { Rounding } from '../inference/spatial.js';
import { inputChoices, type InputChoices, type ValidInputs } from '../inference/valid-inputs.js';

/*
 * The hover on `input`: the nearest valid input sizes below and above the
 * declared one, and the smallest the network accepts (from the valid-input
 * solver).
 */

function near(c: InputChoices): string {
    const below = c.below ? `${formatVolume(c.below)} below` : 'none below';
    const above = c.above ? `${formatVolume(c.above)} above` : 'none above';
    return `${below}, ${above}`;
}

/** Markdown lines for the `input` hover; `line` is the 1-based line of an error no size cures. */
export function explainInputSizes(result: ValidInputs, declared: Volume, rounding: Rounding, line?: number): string {
    const { lo, hi } = result.range;
    if (result.kind === 'unsolvable') {
        return `No input size makes this network valid: line ${line ?? '?'} has an error that does not depend on the size.`;
    }
    const valid = inputChoices(result, declared, 'valid');
    const exact = inputChoices(result, declared, 'exact');
    const scope =
        result.kind === 'pairs'
            ? `(W, H) pairs in ${lo}..${hi} × ${lo}..${hi}: width and height interact (${result.reason})`
            : `sizes ${lo}..${hi}, depth ${declared.d}`;
    const verdict = valid.declaredValid ? `${formatVolume(declared)} is valid` : `${formatVolume(declared)} is not valid`;
    return [
        `Valid inputs under \`rounding ${rounding}\` (${scope}): ${verdict}; nearest ${near(valid)}.`,
        `Smallest input the network accepts: ${valid.smallest ? formatVolume(valid.smallest) : `none in ${lo}..${hi}`}.`,
        `Tiling exactly (no layer rounds): ${exact.declaredValid ? `${formatVolume(declared)} does; ` : ''}nearest ${near(exact)}.`
    ].join('\n\n');
}
