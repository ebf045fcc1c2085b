import type { Network } from '../generated/ast.js';
import { IssueCodes } from '../validation/codes.js';
import { NetworkEvaluator } from './engine.js';
import type { Volume } from './model.js';

/** Problems a different input size can cure. */
const SHAPE_CODES: ReadonlySet<string> = new Set([
    IssueCodes.NonIntegerOutput, IssueCodes.KernelTooLarge, IssueCodes.ConcatMismatch, IssueCodes.ResidualMismatch
]);

/** How far from the written size the search looks, at most. */
const SEARCH_RADIUS = 256;

/** Which axes still have shape errors on this input ('both' for mismatches, which need both). */
function failingAxes(network: Network, input: Volume): Set<'w' | 'h'> {
    const { issues } = new NetworkEvaluator(n => (n === network ? input : undefined)).analyzeNetwork(network);
    const axes = new Set<'w' | 'h'>();
    for (const issue of issues) {
        if (issue.severity !== 'error' || !SHAPE_CODES.has(issue.code)) continue;
        const axis = issue.data?.axis;
        if (axis === 'w' || axis === 'h') {
            axes.add(axis);
            if (issue.data?.square) axes.add(axis === 'w' ? 'h' : 'w');
        } else {
            axes.add('w').add('h');
        }
    }
    return axes;
}

export interface InputSizeChoices {
    readonly below?: Volume;
    readonly above?: Volume;
}

/**
 * The nearest input sizes (below and above) on which every layer of the
 * network tiles exactly. Width and height are searched independently (no
 * layer mixes them), a square input stays square.
 */
export function nearestValidInputs(network: Network, input: Volume): InputSizeChoices {
    if (failingAxes(network, input).size === 0) return {};
    const square = input.w === input.h;
    const search = (direction: 1 | -1): Volume | undefined => {
        if (square) {
            for (let delta = 1; delta <= SEARCH_RADIUS; delta++) {
                const s = input.w + direction * delta;
                if (s < 1) return undefined;
                const candidate = { w: s, h: s, d: input.d };
                if (failingAxes(network, candidate).size === 0) return candidate;
            }
            return undefined;
        }
        const axis = (which: 'w' | 'h'): number | undefined => {
            for (let delta = 0; delta <= SEARCH_RADIUS; delta++) {
                const s = input[which] + direction * delta;
                if (s < 1) return undefined;
                const candidate = { ...input, [which]: s };
                if (!failingAxes(network, candidate).has(which)) return s;
            }
            return undefined;
        };
        const w = axis('w');
        const h = axis('h');
        if (w === undefined || h === undefined) return undefined;
        const candidate = { w, h, d: input.d };
        return failingAxes(network, candidate).size === 0 ? candidate : undefined;
    };
    return { below: search(-1), above: search(1) };
}
