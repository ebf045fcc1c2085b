/**
 * Random networks built around the 0.2 statements, one family each:
 * references (`concat with`, `add`, `multiply L`, `route`, `L.d`, `in.d`,
 * also inside repeat and block bodies), splits and shuffles, crops, and gates.
 * Volumes are tracked exactly for the statements written here, so nearly every
 * network is valid; the differential test keeps the valid ones and lets
 * PyTorch run their export.
 */
import { chance, int, pick, type Random } from './corpus.js';

export const MODERN_FAMILIES = ['references', 'split', 'crop', 'gate'] as const;
export type ModernFamily = (typeof MODERN_FAMILIES)[number];

interface Volume {
    w: number;
    h: number;
    d: number;
}

interface Label extends Volume {
    name: string;
}

const NEW_ACTIVATIONS = ['hardswish', 'hardsigmoid', 'swish', 'elu', 'elu 0.5', 'selu', 'mish', 'softplus', 'identity', 'dropout'];

/** Blocks the families call; each is written into the file only when used. */
const BLOCKS: Record<string, string> = {
    dense_layer: 'block dense_layer(g) {\n  x0: identity\n  bn\n  relu\n  conv g 3x3 pad 1\n  concat with x0\n}',
    transition: 'block transition() {\n  conv floor(in.d / 2) 1x1\n  avgpool 2x2 ceil\n}',
    bottleneck: 'block bottleneck(c) {\n  s: identity\n  conv c 1x1\n  relu\n  conv s.d 1x1\n  add s\n}',
    shuffle_unit:
        'block shuffle_unit(h) {\n  split {\n    branch { }\n    branch {\n      conv h 1x1\n      relu\n      dwconv 3x3 pad 1\n      conv h 1x1\n    }\n  }\n  shuffle 2\n}',
    shuffle_down:
        'block shuffle_down(h) {\n  concat {\n    branch { dwconv 3x3 stride 2 pad 1; conv h 1x1 }\n    branch { conv h 1x1; dwconv 3x3 stride 2 pad 1; conv h 1x1 }\n  }\n  shuffle 2\n}',
    centre: 'block centre(n) {\n  crop n\n}',
    unet_stage: 'block unet_stage(c) {\n  e: conv c 3x3\n  maxpool 2x2\n  conv 2*c 3x3\n  deconv c 2x2 stride 2\n  concat with e crop\n}',
    se_ref: 'block se_ref(r) {\n  x: identity\n  globalavgpool\n  conv r 1x1\n  relu\n  conv x.d 1x1\n  sigmoid\n  multiply x\n}',
    se: 'block se(c, r) {\n  multiply {\n    globalavgpool\n    conv r 1x1\n    relu\n    conv c 1x1\n    hardsigmoid\n  }\n}',
    se_self:
        'block se_self(r) {\n  x: identity\n  multiply {\n    globalavgpool\n    conv r 1x1\n    swish\n    conv x.d 1x1\n    sigmoid\n  }\n}'
};

/** One network being written: its statements, its current volume and its labels. */
class Writer {
    readonly lines: string[] = [];
    readonly labels: Label[] = [];
    readonly blocks = new Set<string>();
    private next = 0;

    constructor(
        readonly r: Random,
        public v: Volume
    ) {}

    emit(line: string, v: Partial<Volume> = {}): void {
        this.lines.push(line);
        this.v = { ...this.v, ...v };
    }

    /** `lN: statement`, remembered with the volume it gives. */
    labelled(statement: string, v: Partial<Volume> = {}): string {
        const name = `l${this.next++}`;
        this.emit(`${name}: ${statement}`, v);
        this.labels.push({ name, ...this.v });
        return name;
    }

    call(block: string, args: string, v: Partial<Volume> = {}): void {
        this.blocks.add(block);
        this.emit(`${block}(${args})`, v);
    }

    /** Labels whose W×H equal the current one. */
    sameSize(): Label[] {
        return this.labels.filter(l => l.w === this.v.w && l.h === this.v.h);
    }

    /** A statement that keeps the volume or changes it in a way every family can follow. */
    filler(): void {
        const { r } = this;
        const c = int(r, 1, 12);
        const op = int(r, 0, 5);
        if (op === 0) this.emit(`conv ${c} 3x3 pad 1`, { d: c });
        else if (op === 1) this.emit(`conv ${c} 1x1`, { d: c });
        else if (op === 2 && this.v.w >= 2 && this.v.h >= 2)
            this.emit(`conv ${c} 3x3 stride 2 pad 1`, {
                w: Math.floor((this.v.w - 1) / 2) + 1,
                h: Math.floor((this.v.h - 1) / 2) + 1,
                d: c
            });
        else if (op === 3 && this.v.w >= 2 && this.v.h >= 2)
            this.emit('maxpool 2x2', { w: Math.floor(this.v.w / 2), h: Math.floor(this.v.h / 2) });
        else if (op === 4) this.emit(pick(r, NEW_ACTIVATIONS));
        else this.emit('bn');
    }
}

function references(x: Writer): void {
    const { r } = x;
    // Repeats twice as likely: references inside their bodies are the subtle case.
    const op = pick(r, [0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 8]);
    const same = x.sameSize();
    if (op === 0 || same.length === 0) {
        const c = int(r, 1, 10);
        x.labelled(pick(r, [`conv ${c} 3x3 pad 1`, `conv ${c} 1x1`]), { d: c });
    } else if (op === 1) {
        const refs = [pick(r, same), ...(chance(r, 0.3) ? [pick(r, same)] : [])];
        x.emit(`concat with ${refs.map(l => l.name).join(', ')}`, { d: x.v.d + refs.reduce((n, l) => n + l.d, 0) });
    } else if (op === 2) {
        const l = pick(r, same);
        if (l.d !== x.v.d) x.emit(`conv ${l.name}.d 1x1`, { d: l.d });
        x.emit(`add ${l.name}`);
    } else if (op === 3) {
        const refs = [pick(r, same), ...(chance(r, 0.4) ? [pick(r, same)] : [])];
        x.emit(`route ${refs.map(l => l.name).join(', ')}`, { d: refs.reduce((n, l) => n + l.d, 0) });
    } else if (op === 4) {
        // The gate computed from the flow, then multiplied back onto a labelled volume of the same depth.
        const l = pick(r, same);
        x.emit('globalavgpool', { w: 1, h: 1 });
        x.emit(`conv ${l.name}.d 1x1`, { d: l.d });
        x.emit('sigmoid');
        x.emit(`multiply ${l.name}`, { w: l.w, h: l.h });
    } else if (op === 5) {
        const c = int(r, 1, 6);
        const n = int(r, 0, 3);
        const t = `t${x.lines.length}`;
        x.emit(
            `repeat ${n} {\n    ${t}: conv ${c} 1x1\n    ${pick(r, ['relu', 'swish'])}\n    concat with ${t}\n  }`,
            n === 0 ? {} : { d: 2 * c }
        );
    } else if (op === 6) {
        // A label from before the repeat, read in every iteration.
        const l = pick(r, same);
        const n = int(r, 1, 3);
        x.emit(`repeat ${n} {\n    conv ${l.name}.d 3x3 pad 1\n    add ${l.name}\n  }`, { d: l.d });
    } else if (op === 7) {
        const g = int(r, 1, 6);
        const n = int(r, 1, 3);
        x.blocks.add('dense_layer');
        x.emit(n === 1 ? `dense_layer(${g})` : `repeat ${n} { dense_layer(${g}) }`, { d: x.v.d + n * g });
        if (chance(r, 0.5) && x.v.w >= 2 && x.v.h >= 2 && x.v.d >= 2) {
            x.call('transition', '', { d: Math.floor(x.v.d / 2), w: Math.ceil(x.v.w / 2), h: Math.ceil(x.v.h / 2) });
        }
    } else {
        // A labelled block call names its output.
        const c = String(int(r, 1, 8));
        if (chance(r, 0.5)) x.call('bottleneck', c);
        else {
            x.blocks.add('bottleneck');
            x.labelled(`bottleneck(${c})`);
        }
    }
}

function split(x: Writer): void {
    const { r } = x;
    const op = int(r, 0, 5);
    if (op === 0 || x.v.d % 2 !== 0) {
        const c = 2 * int(r, 1, 6);
        x.emit(`conv ${c} 1x1`, { d: c });
        if (op === 0) x.emit(`shuffle ${pick(r, [1, 2])}`);
    } else if (op === 1) {
        const h = x.v.d / 2;
        x.emit(`split {\n    branch { }\n    branch { conv ${h} 1x1; relu; dwconv 3x3 pad 1; conv ${h} 1x1 }\n  }`);
        x.emit('shuffle 2');
    } else if (op === 2) {
        // Given depths summing to D1, branches of any depth at the same W×H.
        const a = int(r, 1, x.v.d - 1);
        const parts = [a, x.v.d - a];
        const outs = parts.map(() => int(r, 0, 6));
        const branches = outs.map(o =>
            o === 0 ? 'branch { }' : `branch { conv ${o} ${pick(r, ['1x1', '3x3 pad 1'])}; ${pick(r, NEW_ACTIVATIONS)} }`
        );
        const sizes = chance(r, 0.3) ? `${a}, in.d - ${a}` : parts.join(', ');
        x.emit(`split ${sizes} {\n    ${branches.join('\n    ')}\n  }`, {
            d: outs.reduce((n, o, i) => n + (o === 0 ? parts[i] : o), 0)
        });
    } else if (op === 3) {
        const h = int(r, 1, 8);
        const n = int(r, 0, 3);
        x.blocks.add('shuffle_unit');
        x.emit(n === 1 ? `shuffle_unit(in.d / 2)` : `repeat ${n} { shuffle_unit(in.d / 2) }`);
        if (chance(r, 0.5) && x.v.w >= 2 && x.v.h >= 2) {
            x.call('shuffle_down', String(h), { w: Math.floor((x.v.w - 1) / 2) + 1, h: Math.floor((x.v.h - 1) / 2) + 1, d: 2 * h });
        }
    } else if (op === 4 && x.v.d % 3 === 0) {
        const c = int(r, 1, 4);
        x.emit(`split {\n    branch { conv ${c} 1x1 }\n    branch { }\n    branch { conv ${c} 3x3 pad 1 }\n  }`, {
            d: 2 * c + x.v.d / 3
        });
        if (x.v.d % 3 === 0) x.emit('shuffle 3');
    } else {
        const groups = [1, 2, 3, 4].filter(g => x.v.d % g === 0);
        x.emit(`shuffle ${pick(r, groups)}`);
    }
}

function crop(x: Writer): void {
    const { r } = x;
    const op = int(r, 0, 4);
    if (op === 0 || x.v.w < 8 || x.v.h < 8) {
        // Grow first, so the U-Net steps below have room.
        const c = int(r, 1, 8);
        x.emit(`deconv ${c} 2x2 stride 2`, { w: 2 * x.v.w, h: 2 * x.v.h, d: c });
    } else if (op === 1) {
        const w = int(r, 1, x.v.w);
        const h = chance(r, 0.3) && w <= x.v.h ? w : int(r, 1, x.v.h);
        x.emit(w === h ? `crop ${w}` : `crop ${w}x${h}`, { w, h });
    } else if (op === 2 && chance(r, 0.5)) {
        // The same U-Net step as a block: the label and its crop are local to each call.
        const c = int(r, 1, 8);
        const pw = Math.floor((x.v.w - 2) / 2);
        const ph = Math.floor((x.v.h - 2) / 2);
        x.call('unet_stage', String(c), { w: 2 * (pw - 2), h: 2 * (ph - 2), d: 2 * c });
    } else if (op === 2 || op === 3) {
        // U-Net: a valid conv, a pool, a valid conv, an up-convolution, and the skip cropped to match.
        const c = int(r, 1, 8);
        const e = x.labelled(`conv ${c} 3x3`, { w: x.v.w - 2, h: x.v.h - 2, d: c });
        const skip = x.v;
        const pw = Math.floor(skip.w / 2);
        const ph = Math.floor(skip.h / 2);
        x.emit('maxpool 2x2', { w: pw, h: ph });
        x.emit(`conv ${2 * c} 3x3`, { w: pw - 2, h: ph - 2, d: 2 * c });
        x.emit(`deconv ${c} 2x2 stride 2`, { w: 2 * (pw - 2), h: 2 * (ph - 2), d: c });
        if (op === 2) x.emit(`concat with ${e} crop`, { d: 2 * c });
        else x.emit(`add ${e} crop`);
    } else {
        const n = int(r, 1, Math.min(x.v.w, x.v.h));
        x.call('centre', String(n), { w: n, h: n });
    }
}

function gate(x: Writer): void {
    const { r } = x;
    const op = int(r, 0, 6);
    const d = x.v.d;
    const squeeze = int(r, 1, 8);
    const act = pick(r, ['sigmoid', 'hardsigmoid']);
    if (op === 0) {
        x.emit(`multiply {\n    globalavgpool\n    conv ${squeeze} 1x1\n    relu\n    conv ${d} 1x1\n    ${act}\n  }`);
    } else if (op === 1) {
        const c = int(r, 1, 12);
        const l = x.labelled(`conv ${c} 3x3 pad 1`, { d: c });
        x.emit(`multiply {\n    globalavgpool\n    conv ${squeeze} 1x1\n    swish\n    conv ${l}.d 1x1\n    ${act}\n  }`);
    } else if (op === 2) {
        x.emit(`multiply {\n    conv 1 ${pick(r, ['7x7 pad 3', '3x3 pad 1', '1x1'])}\n    sigmoid\n  }`);
    } else if (op === 3) {
        x.emit(`multiply {\n    conv ${d} 3x3 pad 1\n    ${act}\n  }`);
    } else if (op === 4) {
        const form = int(r, 0, 2);
        if (form === 0) x.call('se', `${chance(r, 0.5) ? 'in.d' : d}, ${squeeze}`);
        else x.call(form === 1 ? 'se_self' : 'se_ref', String(squeeze));
    } else if (op === 5 && chance(r, 0.5)) {
        // The gate through a reference, once per iteration: `multiply g` reads this iteration's `g`.
        const n = int(r, 0, 3);
        const g = `g${x.lines.length}`;
        x.emit(
            `repeat ${n} {\n    ${g}: conv ${d} 3x3 pad 1\n    globalavgpool\n    conv ${squeeze} 1x1\n    relu\n    conv ${d} 1x1\n    ${act}\n    multiply ${g}\n  }`
        );
    } else if (op === 5) {
        const n = int(r, 0, 3);
        x.emit(
            `repeat ${n} {\n    conv ${d} 3x3 pad 1\n    multiply {\n      globalavgpool\n      conv ${squeeze} 1x1\n      relu\n      conv ${d} 1x1\n      ${act}\n    }\n  }`
        );
    } else {
        // An inverted residual with its gate, as in MobileNetV3 and EfficientNet.
        const e = d * int(r, 2, 4);
        x.emit(
            `residual {\n    conv ${e} 1x1\n    hardswish\n    dwconv 3x3 pad 1\n    multiply { globalavgpool; conv ${squeeze} 1x1; relu; conv ${e} 1x1; ${act} }\n    conv ${d} 1x1\n  }`
        );
    }
}

const FAMILY: Record<ModernFamily, (x: Writer) => void> = { references, split, crop, gate };

/** A network of `family`: its statements mixed with filler, the first one always of the family. */
export function modernNetwork(r: Random, id: number, family: ModernFamily): string {
    const w = int(r, 4, 32);
    const x = new Writer(r, { w, h: chance(r, 0.3) ? int(r, 4, 32) : w, d: int(r, 1, 12) });
    const input = `${x.v.w}x${x.v.h}x${x.v.d}`;
    const steps = int(r, 2, 7);
    for (let i = 0; i < steps; i++) {
        if (i === 0 || chance(r, 0.6)) FAMILY[family](x);
        else x.filler();
    }
    x.emit(pick(r, ['globalavgpool\n  dense 10', 'flatten\n  dense 5 nobias', 'logsoftmax', 'softmax', 'identity']));
    const blocks = [...x.blocks].map(b => `${BLOCKS[b]}\n\n`).join('');
    return `${blocks}network M${id} {\n  input ${input}\n  rounding floor\n  ${x.lines.join('\n  ')}\n}\n`;
}
