import type { NetworkAnalysis, Volume } from './model.js';
import { editorValidInputs, inputChoices } from './valid-inputs.js';

export interface InputSizeChoices {
    readonly below?: Volume;
    readonly above?: Volume;
}

/**
 * The nearest input sizes (below and above) on which every layer of the
 * network is valid under its rounding: the answer the `input` hover names,
 * from the same solve. None when the declared input is valid or missing. A
 * square input stays square; otherwise only the failing sides move.
 */
export function nearestValidInputs(network: NetworkAnalysis): InputSizeChoices {
    const solved = editorValidInputs(network);
    if (!solved || !network.input) return {};
    const choices = inputChoices(solved, network.input, 'valid');
    return choices.declaredValid ? {} : { below: choices.below, above: choices.above };
}
