/**
 * A seeded corpus for the differential test against PyTorch: single layers
 * (valid and invalid) as both `.conv` text and plain hyper-parameters the
 * Python referee builds by itself, and random multi-layer networks.
 */

/** mulberry32: small, seedable, the same sequence on every machine. */
export function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export type Random = ReturnType<typeof rng>;
export const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)];
export const chance = (r: Random, p: number) => r() < p;
const size = (v: readonly number[]) => `${v[0]}x${v[1]}`;

export interface LayerCase {
    id: number;
    kind: string;
    input: [number, number, number];
    /** One statement; the network around it sets the rounding. */
    statement: string;
    /** `floor` (PyTorch's default) or `ceil` (pools with ceil_mode). */
    rounding: 'floor' | 'ceil';
    /** For the strict-mode check: the per-axis window arithmetic, when the layer has one. */
    window?: { kernel: number[]; stride: number[]; dilation: number[]; pad: number[] };
    [hyper: string]: unknown;
}

function divisorsOf(n: number): number[] {
    return Array.from({ length: n }, (_, i) => i + 1).filter(d => n % d === 0);
}

function windowHyper(r: Random, withDilation: boolean, maxKernel: number) {
    const rect = chance(r, 0.3);
    const k0 = int(r, 1, maxKernel);
    const kernel = [k0, rect ? int(r, 1, maxKernel) : k0];
    const s0 = int(r, 1, 4);
    const stride = [s0, chance(r, 0.2) ? int(r, 1, 4) : s0];
    const d0 = withDilation && chance(r, 0.25) ? int(r, 2, 3) : 1;
    const dilation = [d0, d0];
    const p0 = int(r, 0, 3);
    const pad = [p0, chance(r, 0.2) ? int(r, 0, 3) : p0];
    return { kernel, stride, dilation, pad };
}

function windowOptions(
    h: { kernel: number[]; stride: number[]; dilation: number[]; pad: number[] },
    same: boolean,
    dilation: boolean
): string {
    return ` stride ${size(h.stride)}${same ? ' pad same' : ` pad ${size(h.pad)}`}${dilation ? ` dilation ${size(h.dilation)}` : ''}`;
}

/** One random layer of `kind` on a random (often non-square) input. */
function layerCase(r: Random, id: number, kind: string): LayerCase {
    const w = int(r, 1, 40);
    const input: [number, number, number] = [w, chance(r, 0.4) ? int(r, 1, 40) : w, int(r, 1, 24)];
    const d = input[2];
    const bias = chance(r, 0.5);
    const biasText = bias ? 'bias' : 'nobias';
    switch (kind) {
        case 'conv': {
            const h = windowHyper(r, true, 7);
            const same = chance(r, 0.15);
            const groups = chance(r, 0.3) ? pick(r, divisorsOf(d)) * (chance(r, 0.1) ? 2 : 1) : 1;
            const filters = groups * int(r, 1, 6) + (chance(r, 0.05) ? 1 : 0);
            return {
                id,
                kind,
                input,
                rounding: 'floor',
                ...h,
                same,
                groups,
                filters,
                bias,
                window: same ? undefined : h,
                statement: `conv ${filters} ${size(h.kernel)}${windowOptions(h, same, true)} groups ${groups} ${biasText}`
            };
        }
        case 'dwconv': {
            const h = windowHyper(r, true, 5);
            const same = chance(r, 0.15);
            const mult = int(r, 1, 3);
            return {
                id,
                kind,
                input,
                rounding: 'floor',
                ...h,
                same,
                mult,
                bias,
                window: same ? undefined : h,
                statement: `dwconv ${size(h.kernel)}${windowOptions(h, same, true)} mult ${mult} ${biasText}`
            };
        }
        case 'maxpool':
        case 'avgpool': {
            const h = windowHyper(r, kind === 'maxpool', 5);
            const ceil = chance(r, 0.5);
            const same = chance(r, 0.1);
            return {
                id,
                kind,
                input,
                rounding: ceil ? 'ceil' : 'floor',
                ...h,
                same,
                ceil,
                window: same ? undefined : h,
                statement: `${kind} ${size(h.kernel)}${windowOptions(h, same, kind === 'maxpool')}${ceil ? ' ceil' : ''}`
            };
        }
        case 'deconv': {
            const h = windowHyper(r, true, 5);
            const outpad = [int(r, 0, 2), int(r, 0, 2)];
            const groups = chance(r, 0.2) ? pick(r, divisorsOf(d)) : 1;
            const filters = groups * int(r, 1, 4);
            return {
                id,
                kind,
                input,
                rounding: 'floor',
                ...h,
                outpad,
                groups,
                filters,
                bias,
                statement: `deconv ${filters} ${size(h.kernel)} stride ${size(h.stride)} pad ${size(h.pad)} outpad ${size(outpad)} dilation ${size(h.dilation)} groups ${groups} ${biasText}`
            };
        }
        case 'adaptiveavgpool': {
            const s = [int(r, 1, 8), int(r, 1, 8)];
            return { id, kind, input, rounding: 'floor', size: s, statement: `adaptiveavgpool ${size(s)}` };
        }
        case 'upsample': {
            const f = chance(r, 0.7) ? [int(r, 1, 4), 0] : [int(r, 1, 3), int(r, 1, 3)];
            if (f[1] === 0) f[1] = f[0];
            return { id, kind, input, rounding: 'floor', factor: f, statement: `upsample ${size(f)}` };
        }
        case 'zeropad': {
            const p = [int(r, 0, 3), int(r, 0, 3)];
            return { id, kind, input, rounding: 'floor', pad: p, statement: `zeropad ${size(p)}` };
        }
        case 'dense': {
            const units = int(r, 1, 64);
            return { id, kind, input, rounding: 'floor', units, bias, statement: `dense ${units} ${biasText}` };
        }
        case 'shuffle': {
            // Divisible most of the time; the rest must be refused like ChannelShuffle refuses them.
            const groups = chance(r, 0.75) ? pick(r, divisorsOf(d)) : int(r, 1, 6);
            return { id, kind, input, rounding: 'floor', groups, statement: `shuffle ${groups}` };
        }
        case 'crop': {
            const s = [int(r, 1, input[0] + 2), int(r, 1, input[1] + 2)];
            const square = chance(r, 0.3) && s[0] <= Math.min(input[0], input[1]);
            return { id, kind, input, rounding: 'floor', size: square ? [s[0], s[0]] : s, statement: `crop ${square ? s[0] : size(s)}` };
        }
        case 'activation': {
            const [name, argument] = pick(r, ACTIVATIONS);
            const value = argument === undefined || chance(r, 0.3) ? undefined : pick(r, argument);
            return { id, kind, input, rounding: 'floor', name, value, statement: value === undefined ? name : `${name} ${value}` };
        }
        default:
            return { id, kind: 'batchnorm', input, rounding: 'floor', statement: 'batchnorm' };
    }
}

/** The 0.2 activations and dropout, with the values their optional argument takes in the corpus. */
const ACTIVATIONS: readonly (readonly [string, number[]?])[] = [
    ['hardswish'],
    ['hardsigmoid'],
    ['swish'],
    ['elu', [0.5, 1, 2]],
    ['selu'],
    ['mish'],
    ['softplus'],
    ['logsoftmax'],
    ['identity'],
    ['leakyrelu', [0.01, 0.2]],
    ['dropout', [0, 0.1, 0.5, 0.9]]
];

/** How many of each kind: windows get most cases, since that is where the arithmetic is. */
const LAYER_MIX: readonly [string, number][] = [
    ['conv', 1100],
    ['dwconv', 300],
    ['maxpool', 500],
    ['avgpool', 400],
    ['deconv', 400],
    ['adaptiveavgpool', 80],
    ['upsample', 80],
    ['zeropad', 80],
    ['dense', 80],
    ['batchnorm', 80],
    ['shuffle', 80],
    ['crop', 80],
    ['activation', 80]
];

export function layerCorpus(seed: number): LayerCase[] {
    const r = rng(seed);
    const cases: LayerCase[] = [];
    for (const [kind, count] of LAYER_MIX) {
        for (let i = 0; i < count; i++) cases.push(layerCase(r, cases.length, kind));
    }
    return cases;
}

export function layerNetworkText(c: LayerCase, rounding: 'strict' | 'floor' | 'ceil' = c.rounding): string {
    const statement = rounding === 'strict' ? c.statement.replace(/ ceil$/, '') : c.statement;
    return `network L${c.id} {\n  input ${c.input.join('x')}\n${rounding === 'strict' ? '' : '  rounding floor\n'}  ${statement}\n}\n`;
}

/**
 * A random network with blocks, concat, residual and repeat. Sizes are
 * tracked roughly so most come out valid; convspec decides which are.
 */
export function randomNetwork(r: Random, id: number): string {
    let w = int(r, 8, 48);
    let h = chance(r, 0.3) ? int(r, 8, 48) : w;
    let d = int(r, 1, 16);
    const lines: string[] = [];
    const blocks = [
        'block unit(c) {\n  conv c 3x3 pad 1 nobias\n  bn\n  relu\n}',
        'block squeeze(s, e) {\n  conv s 1x1\n  relu\n  concat {\n    branch { conv e 1x1 }\n    branch { conv e 3x3 pad 1 }\n  }\n}',
        'block down(c) {\n  residual {\n    conv c 3x3 stride 2 pad 1\n    relu\n    conv c 3x3 pad 1\n  } shortcut {\n    conv c 1x1 stride 2\n  }\n}'
    ];
    const steps = int(r, 2, 9);
    for (let i = 0; i < steps; i++) {
        const op = int(r, 0, 12);
        if (op === 0) {
            const k = pick(r, [1, 3, 5]);
            const s = pick(r, [1, 1, 2]);
            const c = int(r, 1, 24);
            lines.push(`conv ${c} ${k}x${k} stride ${s} pad ${Math.floor(k / 2)}`);
            w = Math.floor((w - 1) / s) + 1;
            h = Math.floor((h - 1) / s) + 1;
            d = c;
        } else if (op === 1 && w >= 4 && h >= 4) {
            lines.push(pick(r, ['maxpool 2x2', 'maxpool 3x3 stride 2 ceil', 'avgpool 2x2 ceil', 'maxpool 3x3 stride 2 pad 1']));
            w = Math.ceil(w / 2);
            h = Math.ceil(h / 2);
        } else if (op === 2) {
            const a = int(r, 1, 8);
            const b = int(r, 1, 8);
            lines.push(
                `concat {\n    branch { conv ${a} 1x1 }\n    branch { conv ${b} 3x3 pad 1; relu }\n    branch { maxpool 3x3 stride 1 pad 1 }\n    branch { }\n  }`
            );
            d = a + b + d + d;
        } else if (op === 3) {
            lines.push(`residual {\n    conv ${d} 3x3 pad 1\n    bn\n    relu\n  }`);
        } else if (op === 4 && w >= 4 && h >= 4) {
            const c = int(r, 1, 16);
            lines.push(`down(${c})`);
            w = Math.floor((w - 1) / 2) + 1;
            h = Math.floor((h - 1) / 2) + 1;
            d = c;
        } else if (op === 5) {
            const n = int(r, 1, 3);
            const c = int(r, 1, 12);
            lines.push(`repeat ${n} {\n    unit(${c})\n  }`);
            d = c;
        } else if (op === 6) {
            const s = int(r, 1, 6);
            const e = int(r, 1, 6);
            lines.push(`squeeze(${s}, ${e})`);
            d = 2 * e;
        } else if (op === 7) {
            lines.push(
                pick(r, ['relu', 'relu6', 'leakyrelu 0.1', 'prelu', 'sigmoid', 'tanh', 'gelu', 'silu', 'dropout 0.25', 'bn', 'lrn'])
            );
        } else if (op === 8) {
            lines.push(`dwconv 3x3 stride ${pick(r, [1, 2])} pad same mult ${int(r, 1, 2)}`);
            w = Math.ceil(w / 2);
            h = Math.ceil(h / 2);
        } else if (op === 9 && w <= 24) {
            lines.push(
                pick(r, [
                    'upsample 2',
                    'zeropad 1',
                    `deconv ${int(r, 1, 8)} 2x2 stride 2`,
                    `deconv ${int(r, 1, 8)} 3x3 stride 2 pad 1 outpad 1`
                ])
            );
            w *= 2;
            h *= 2;
        } else if (op === 10) {
            lines.push(`conv ${int(r, 1, 12)} 3x3 stride 2 pad same`);
            w = Math.ceil(w / 2);
            h = Math.ceil(h / 2);
        } else {
            lines.push(`conv ${int(r, 1, 12)} ${pick(r, ['3x1 pad 1x0', '1x3 pad 0x1', '5x3 pad 2x1'])}`);
        }
    }
    lines.push(pick(r, ['globalavgpool\n  dense 10', 'flatten\n  dense 7 nobias', 'adaptiveavgpool 2x2\n  flatten\n  fc 5', 'softmax']));
    return `${blocks.join('\n\n')}\n\nnetwork R${id} {\n  input ${w}x${h}x${d}\n  rounding floor\n  ${lines.join('\n  ')}\n}\n`.replace(
        `input ${w}x${h}x${d}`,
        `input ${int(r, 8, 48)}x${int(r, 8, 48)}x${int(r, 1, 16)}`
    );
}

/**
 * The same statements in two networks of one file, on inputs of different
 * depth: every block is then called on two depths, and the export of the
 * file must give each network its own channel counts.
 */
export function randomNetworkPair(r: Random, id: number): string {
    const text = randomNetwork(r, id);
    const header = `network R${id} {`;
    const network = text.slice(text.indexOf(header));
    const depth = Number(/input \d+x\d+x(\d+)/.exec(network)?.[1]);
    const other = network
        .replace(header, `network R${id}b {`)
        .replace(/input \d+x\d+x\d+/, `input ${int(r, 8, 48)}x${int(r, 8, 48)}x${depth + int(r, 1, 8)}`);
    return `${text}\n${other}`;
}
