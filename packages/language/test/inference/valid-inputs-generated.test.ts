/**
 * `solveValidInputs` against the brute force (the plain engine on every
 * input) on seeded random networks: stacks of conv/pool/deconv with random
 * kernel, stride, padding, dilation and rounding, concat branches, residuals,
 * references (`add`, `concat with … crop`), gates, crops — and some that
 * couple width and height (`in.w` in a height), checked on every (W, H) pair.
 */
import { describe, expect, test } from 'vitest';
import { solveValidInputs } from '../../src/inference/valid-inputs.js';
import { chance, int, pick, rng, type Random } from '../pytorch/corpus.js';
import { expectAgreement, grid, networksOf } from './valid-inputs-brute.js';

/** Every network is checked on every input in 1..SIDE × 1..SIDE. */
const SIDE = 14;
const NETWORKS = 32;

const pair = (r: Random, lo: number, hi: number) => (chance(r, 0.3) ? `${int(r, lo, hi)}x${int(r, lo, hi)}` : String(int(r, lo, hi)));

function windowLayer(r: Random): string {
    const rounding = chance(r, 0.2) ? pick(r, [' floor', ' ceil']) : '';
    if (chance(r, 0.3)) {
        const k = int(r, 1, 3);
        return `${pick(r, ['maxpool', 'avgpool'])} ${k} stride ${pair(r, 1, 2)} pad ${int(r, 0, Math.floor(k / 2))}${rounding}`;
    }
    const pad = chance(r, 0.15) ? 'same' : pair(r, 0, 2);
    const dilation = chance(r, 0.2) ? ` dilation ${int(r, 1, 2)}` : '';
    return `conv 8 ${pair(r, 1, 3)} stride ${pair(r, 1, 2)} pad ${pad}${dilation}${rounding}`;
}

function sequence(r: Random, length: number): string[] {
    return Array.from({ length }, () => windowLayer(r));
}

/** Statements whose numbers read the other axis: width and height interact. */
const COUPLING = ['crop (min(in.w, in.h))x(min(in.w, in.h))', 'adaptiveavgpool (in.h)x(in.w)', 'conv 8 1x(min(in.w, 3))'];

/** One top-level statement; `labels` holds the labels defined so far (all of depth 8). */
function statement(r: Random, labels: string[]): string[] {
    const label = `l${labels.length}`;
    const kind = int(r, 0, 9);
    if (kind <= 3) {
        labels.push(label);
        return [`${label}: ${windowLayer(r)}`];
    }
    if (kind === 4) return ['concat {', ...[0, 1].flatMap(() => ['branch {', ...sequence(r, int(r, 1, 2)), '}']), '}', 'conv 8 1x1'];
    if (kind === 5) {
        const shortcut = chance(r, 0.5) ? ['shortcut {', windowLayer(r), '}'] : [];
        return ['residual {', ...sequence(r, int(r, 1, 2)), '}', ...shortcut];
    }
    if (kind === 6 && labels.length) {
        const ref = pick(r, labels);
        return [pick(r, [`add ${ref}`, `concat with ${ref} crop`, `concat with ${ref}`]), 'conv 8 1x1'];
    }
    if (kind === 7)
        return [pick(r, ['multiply {\nglobalavgpool\nconv in.d 1x1\nsigmoid\n}', `crop ${pair(r, 2, 6)}`, 'upsample 2', 'zeropad 1'])];
    if (kind === 8) return [`deconv 8 ${pair(r, 1, 3)} stride ${pair(r, 1, 2)}`];
    return [windowLayer(r)];
}

function randomNetwork(seed: number): string {
    const r = rng(seed);
    const labels: string[] = [];
    const rounding = pick(r, ['strict', 'strict', 'floor', 'ceil']);
    const body = Array.from({ length: int(r, 2, 5) }, () => statement(r, labels)).flat();
    // Every third network: one statement that couples the axes, somewhere in the first half.
    if (seed % 3 === 0) body.splice(int(r, 0, Math.floor(body.length / 2)), 0, pick(r, COUPLING));
    return `network R${seed} {\n  input 12x12x8\n  rounding ${rounding}\n${body.map(l => `  ${l}`).join('\n')}\n}\n`;
}

describe(`${NETWORKS} seeded random networks agree with the engine on every input in 1..${SIDE} × 1..${SIDE}`, () => {
    const seeds = Array.from({ length: NETWORKS }, (_, i) => 1000 + i);
    const kinds = new Map<string, number>();
    /** Networks valid on some inputs of the grid and not on others: the cases a solver can get wrong. */
    let mixed = 0;
    test.each(seeds)('seed %i', async seed => {
        const text = randomNetwork(seed);
        const [network] = await networksOf(text);
        const result = solveValidInputs(network, 8, { lo: 1, hi: SIDE });
        kinds.set(result.kind, (kinds.get(result.kind) ?? 0) + 1);
        const valid =
            result.kind === 'axes'
                ? result.width.valid.length * result.height.valid.length
                : result.kind === 'pairs'
                  ? result.valid.length
                  : 0;
        if (valid > 0 && valid < SIDE * SIDE) mixed++;
        expect(expectAgreement(network, result, grid(1, SIDE), 8), text).toBe(SIDE * SIDE);
    });

    test('the corpus exercises both layouts and has valid and invalid inputs', () => {
        // Without this, a generator that only made hopeless networks would pass the agreement checks.
        expect(kinds.get('axes')).toBeGreaterThan(10);
        expect(kinds.get('pairs')).toBeGreaterThan(2);
        expect(mixed).toBeGreaterThanOrEqual(NETWORKS / 4);
    });
});
