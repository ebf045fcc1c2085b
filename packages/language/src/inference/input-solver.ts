import type { Network } from '../generated/ast.js';
import { NetworkEvaluator } from './engine.js';
import type { InferenceIssue } from './issues.js';
import type { Volume } from './model.js';

const AXIS_NAMES = ['w', 'h'] as const;

/** The axes a different input size could cure this issue on; none when a new size cannot help. */
function curableAxes(issue: InferenceIssue): readonly ('w' | 'h')[] {
    switch (issue.code) {
        case 'non-integer-output': {
            const axis = AXIS_NAMES[issue.data.axis];
            return issue.data.square ? ['w', 'h'] : [axis];
        }
        case 'kernel-too-large':
            return issue.data.shape === 'window' ? [AXIS_NAMES[issue.data.axis]] : ['w', 'h'];
        // Mismatches need both axes to agree.
        case 'concat-mismatch':
        case 'residual-mismatch':
            return ['w', 'h'];
        default:
            return [];
    }
}

/** How far from the written size the search looks, at most. */
const SEARCH_RADIUS = 256;

/** Which axes still have shape errors on this input ('both' for mismatches, which need both). */
function failingAxes(network: Network, input: Volume): Set<'w' | 'h'> {
    const { issues } = new NetworkEvaluator(n => (n === network ? input : undefined)).analyzeNetwork(network);
    return new Set(issues.flatMap(curableAxes));
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
