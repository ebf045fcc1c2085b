import type { ParameterTerms } from '../inference/parameters.js';
import type { WindowAxisResult } from '../inference/spatial.js';

/** `(10 − 3 + 2·0)/2 + 1`: the output-size formula with the numbers substituted. */
export function substitutedFormula(r: WindowAxisResult): string {
    const pad = r.same ? `${r.padLow}+${r.padHigh}` : `2·${r.padLow}`;
    return `(${r.input} − ${r.effectiveKernel} + ${pad})/${r.stride} + 1`;
}

/** `3·3·192·96 + 96`: a parameter count's factors and biases. */
export function parameterFormula(terms: ParameterTerms): string {
    return `${terms.factors.join('·')}${terms.bias ? ` + ${terms.bias}` : ''}`;
}
