import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEPTH_SCALE, SPATIAL_SCALE } from '../../src/render/box-scale.js';
import { DIAGRAM_CSS, renderNetworkSvg } from '../../src/render/network-svg.js';
import { net, validate } from '../helpers.js';
import {
    drawnAdds,
    drawnFrames,
    drawnInput,
    drawnLayers,
    drawnPaths,
    endsOn,
    extent,
    startsOn,
    type DrawnLayer,
    type DrawnPath,
    type Point
} from './svg-geometry.js';

// The diagram draws each layer's box to scale (bounded log scales, box-scale.ts):
// these tests read the SVG back and check the boxes' sizes, where every arrow
// starts and ends, and that the text stays clear of the boxes.
const EXAMPLES = path.resolve(__dirname, '../../../../examples');

/** The documented scales, written out: log2(n) of log2(hi/lo) octaves between min and max. */
const spatialPx = (n: number) => SPATIAL_SCALE.min + ((SPATIAL_SCALE.max - SPATIAL_SCALE.min) * Math.log2(n)) / Math.log2(1024);
const depthPx = (n: number) => DEPTH_SCALE.min + ((DEPTH_SCALE.max - DEPTH_SCALE.min) * Math.log2(n)) / Math.log2(4096);

/** VGG-16's layers written out flat: five stages of 3×3 convs, each halved by a 2×2 max pool. */
const VGG_STAGES: readonly (readonly [channels: number, convs: number])[] = [
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3]
];
function vggLike(): string {
    const body: string[] = [];
    for (const [channels, convs] of VGG_STAGES) {
        for (let k = 0; k < convs; k++) body.push(`conv ${channels} 3x3 pad 1`, 'relu');
        body.push('maxpool 2x2');
    }
    body.push('flatten', 'dense 4096', 'relu', 'dense 4096', 'relu', 'dense 1000');
    return net('224x224x3', body.join('\n'));
}

async function drawn(text: string) {
    const { analysis } = await validate(text);
    const network = analysis.networks[0];
    const svg = renderNetworkSvg(network);
    return { network, svg, layers: drawnLayers(svg) };
}

const slant = (l: DrawnLayer) => l.top![1].x - l.top![0].x;
const first = (p: DrawnPath) => p.points[0];
const last = (p: DrawnPath) => p.points[p.points.length - 1];

describe('diagram boxes to scale', () => {
    test('a VGG-like net: faces shrink 224 → 112 → 56 → 28 → 14 → 7 in equal steps, depth grows 64 → 128 → 256 → 512', async () => {
        const { network, layers, svg } = await drawn(vggLike());
        const convs = network.layers.filter(l => l.op === 'conv');
        const pools = network.layers.filter(l => l.op === 'maxpool');
        // Stage s: convs at 224/2^s wide, its pool at half that.
        const stageOf = (i: number) => {
            let seen = 0;
            return VGG_STAGES.findIndex(([, n]) => (seen += n) > i);
        };
        convs.forEach((conv, k) => {
            const s = stageOf(k);
            const box = layers.get(conv.index)!;
            const side = 224 / 2 ** s;
            expect(box.front!.w).toBeCloseTo(spatialPx(side), 1);
            expect(box.front!.h).toBeCloseTo(spatialPx(side), 1);
            expect(slant(box)).toBeCloseTo(0.72 * depthPx(VGG_STAGES[s][0]), 1);
        });
        const poolSides = pools.map(p => layers.get(p.index)!.front!.w);
        [112, 56, 28, 14, 7].forEach((side, k) => expect(poolSides[k]).toBeCloseTo(spatialPx(side), 1));
        // The pyramid: each stage strictly narrower than the one before, by the same step (one halving).
        const firstConvOfStage = VGG_STAGES.map((_, s) => layers.get(convs.find((__, k) => stageOf(k) === s)!.index)!);
        const sides = firstConvOfStage.map(b => b.front!.w);
        const steps = poolSides.slice(0, -1).map((w, k) => w - poolSides[k + 1]);
        expect(drawnInput(svg).front!.w).toBe(sides[0]);
        for (let k = 1; k < sides.length; k++) expect(sides[k]).toBeLessThan(sides[k - 1]);
        for (let k = 1; k < poolSides.length; k++) expect(poolSides[k]).toBeLessThan(poolSides[k - 1]);
        for (const step of steps) expect(step).toBeCloseTo((SPATIAL_SCALE.max - SPATIAL_SCALE.min) / 10, 0);
        // Depth: 64 < 128 < 256 < 512 = 512.
        const depths = firstConvOfStage.map(slant);
        for (let k = 1; k < 4; k++) expect(depths[k]).toBeGreaterThan(depths[k - 1]);
        expect(depths[4]).toBeCloseTo(depths[3], 5);
        // The dense layers: 1×1 faces at the minimum, 4096 deeper than 1000.
        const denses = network.layers.filter(l => l.op === 'dense').map(l => layers.get(l.index)!);
        for (const d of denses) expect(d.front!.w).toBe(SPATIAL_SCALE.min);
        expect(slant(denses[0])).toBeGreaterThan(slant(denses[2]));
    });

    test('in a plain sequence every arrow leaves the box above from its bottom and ends on the top of the next', async () => {
        const { network, svg, layers } = await drawn(vggLike());
        const flows = drawnPaths(svg, 'flow');
        expect(flows).toHaveLength(network.layers.length);
        flows.forEach((arrow, k) => {
            const from = k === 0 ? drawnInput(svg) : layers.get(k - 1)!;
            expect(startsOn(first(arrow), from), `arrow ${k} starts on ${k - 1}`).toBe(true);
            expect(endsOn(last(arrow), layers.get(k)!), `arrow ${k} ends on ${k}`).toBe(true);
        });
    });

    test('labels stay readable: one text column clear of the widest box, rows that never overlap, text never scaled', async () => {
        const { svg, layers } = await drawn(vggLike());
        const rows = [...layers.values()];
        const widest = Math.max(...rows.map(l => extent(l).x + extent(l).w));
        const column = rows[0].texts[0].x;
        for (const l of rows) {
            expect(l.texts.map(t => t.x)).toEqual([column, column]);
            // Two lines: the label, then the volume and parameters 13 px lower.
            expect(l.texts[1].y - l.texts[0].y).toBe(13);
        }
        expect(column).toBeGreaterThanOrEqual(widest + 8);
        for (let k = 1; k < rows.length; k++) {
            const above = extent(rows[k - 1]);
            // Boxes apart, and this row's first line (11 px: ~9 above the baseline) below the last one's (~3 below).
            expect(extent(rows[k]).y).toBeGreaterThan(above.y + above.h);
            expect(rows[k].texts[0].y - 9).toBeGreaterThan(rows[k - 1].texts[1].y + 3);
        }
        expect(svg).not.toMatch(/transform="[^"]*scale/);
        expect(DIAGRAM_CSS).toContain('.cs-diagram { font-family');
        expect(DIAGRAM_CSS).toMatch(/\.cs-diagram \{[^}]*font-size: 11px/);
    });

    test('huge and tiny volumes stay within the bounds; 1×1×4096 and 224×224×3 both get a real box', async () => {
        const { svg, layers } = await drawn(
            net('4096x4096x1', 'conv 100000 1x1\nglobalavgpool\nconv 1 1x1\nflatten\ndense 4096\ndense 1\nupsample 8')
        );
        const boxes = [drawnInput(svg), ...layers.values()].filter(b => b.front);
        expect(boxes).toHaveLength(8);
        for (const b of boxes) {
            for (const side of [b.front!.w, b.front!.h]) {
                expect(side).toBeGreaterThanOrEqual(SPATIAL_SCALE.min);
                expect(side).toBeLessThanOrEqual(SPATIAL_SCALE.max);
            }
            expect(slant(b)).toBeGreaterThanOrEqual(0.72 * DEPTH_SCALE.min - 0.05);
            expect(slant(b)).toBeLessThanOrEqual(0.72 * DEPTH_SCALE.max + 0.05);
        }
        // 4096 wide is past the top of the range: drawn at the maximum, not wider.
        expect(drawnInput(svg).front!.w).toBe(SPATIAL_SCALE.max);
        // 100,000 deep is past the top of the depth range.
        expect(slant(layers.get(0)!)).toBeCloseTo(0.72 * DEPTH_SCALE.max, 1);
        const dense = await drawn(net('224x224x3', 'flatten\ndense 4096'));
        const input = drawnInput(dense.svg);
        const fc = dense.layers.get(1)!;
        expect(input.front!.w).toBeCloseTo(spatialPx(224), 1);
        expect(slant(input)).toBeCloseTo(0.72 * depthPx(3), 1);
        expect(fc.front!.w).toBe(SPATIAL_SCALE.min);
        expect(slant(fc)).toBeCloseTo(0.72 * depthPx(4096), 1);
        // Its face is narrow and its depth edge long: the arrow still ends on it (on the top face's edge).
        expect(endsOn(last(drawnPaths(dense.svg, 'flow')[1]), fc)).toBe(true);
    });

    test('layers without a volume get one neutral fixed-size box, arrows still meet it, and no NaN anywhere', async () => {
        const { network, svg, layers } = await drawn(
            net('10x10x3', 'conv 16 3x3 stride 2\nconv 8 7x7\nfoo 3\nrelu\ndense 10\nresidual { conv 10 3x3 pad 1 }')
        );
        expect(svg).not.toMatch(/NaN|Infinity|undefined/);
        const unknown = network.layers.filter(l => !l.output).map(l => layers.get(l.index)!);
        expect(unknown.length).toBeGreaterThanOrEqual(3);
        for (const u of unknown) {
            expect(u.classes).toContain('invalid');
            expect(u.front).toBeUndefined();
            expect({ w: u.unknown!.w, h: u.unknown!.h }).toEqual({ w: 24, h: 24 });
        }
        // The rounded 4×4×16 of the non-tiling conv keeps its box, marked invalid.
        expect(layers.get(0)!.front!.w).toBeCloseTo(spatialPx(4), 1);
        const flows = drawnPaths(svg, 'flow');
        for (const u of unknown) expect(flows.some(f => endsOn(last(f), u))).toBe(true);
    });

    test('residual, projection, concat and reference arrows connect the boxes they name', async () => {
        const text = net(
            '32x32x16',
            [
                'a: conv 16 3x3 pad 1', // 0
                'residual { conv 16 3x3 pad 1; relu; conv 16 3x3 pad 1 }', // 1, 2, 3
                'b: residual { conv 32 2x2 stride 2 } shortcut { conv 32 2x2 stride 2 }', // 4, 5
                'concat { branch { conv 8 1x1 }; branch { conv 4 1x1; conv 8 3x3 pad 1 }; branch { } }', // 6; 7, 8
                'c: conv 32 1x1', // 9
                'add b', // 10
                'concat with a' // 11 (16×16 against 32×32: an error, still an arrow)
            ].join('\n')
        );
        const { svg, layers } = await drawn(text);
        const flows = drawnPaths(svg, 'flow');
        const skips = drawnPaths(svg, 'skip');
        const from = (to: number) => flows.filter(f => endsOn(last(f), layers.get(to)!));
        const leaves = (arrow: DrawnPath, k: number) => startsOn(first(arrow), layers.get(k)!);
        // Inside a residual body, each layer feeds the next.
        expect(from(2).map(f => leaves(f, 1))).toEqual([true]);
        expect(from(3).map(f => leaves(f, 2))).toEqual([true]);
        // The body's exit goes from its last box to the ⊕, which the skip reaches from the right.
        const [add1, add2] = drawnAdds(svg);
        const intoAdd = (p: Point, add: Point) => Math.abs(Math.hypot(p.x - add.x, p.y - add.y) - 9) < 0.2;
        expect(flows.some(f => leaves(f, 3) && intoAdd(last(f), add1))).toBe(true);
        expect(skips.some(s => s.attributes.includes('identity') && intoAdd(last(s), add1))).toBe(true);
        // The projection shortcut: the skip ends on the shortcut's box, and leaves it for the ⊕.
        const projection = skips.find(s => s.attributes.includes('projection'))!;
        expect(endsOn(last(projection), layers.get(5)!)).toBe(true);
        expect(skips.some(s => leaves(s, 5) && intoAdd(last(s), add2))).toBe(true);
        expect(flows.some(f => leaves(f, 4) && intoAdd(last(f), add2))).toBe(true);
        // Concat: each branch entered from the split bar, the second branch's boxes in sequence.
        const [splitBar] = drawnPaths(svg, 'bar');
        for (const k of [6, 7]) expect(from(k).map(f => first(f).y)).toEqual([splitBar.points[0].y]);
        expect(from(8).map(f => leaves(f, 7))).toEqual([true]);
        // References start beside the box they name, at its middle, and end beside the reader's.
        const middle = (k: number) => {
            const e = extent(layers.get(k)!);
            return e.y + e.h / 2;
        };
        const refs = drawnPaths(svg, 'ref');
        const reference = (label: string) => refs.find(r => r.attributes.includes(`data-ref="${label}"`))!;
        const readFrom = (label: string, source: { y: number; textX: number }, reader: number) => {
            const r = reference(label);
            expect(first(r).y).toBeCloseTo(source.y, 0);
            expect(first(r).x).toBeGreaterThan(source.textX);
            expect(last(r).y).toBeCloseTo(middle(reader), 0);
            expect(last(r).x).toBeGreaterThan(layers.get(reader)!.texts[0].x);
        };
        readFrom('a', { y: middle(0), textX: layers.get(0)!.texts[0].x }, 11);
        // `b` names the residual: the arrow starts at its frame's middle, right of it.
        const frameB = drawnFrames(svg).find(f => f.y < extent(layers.get(4)!).y && f.y + f.h > extent(layers.get(5)!).y)!;
        readFrom('b', { y: frameB.y + frameB.h / 2, textX: frameB.x + frameB.w - 1 }, 10);
    });

    test.each(readdirSync(EXAMPLES).filter(f => f.endsWith('.conv')))(
        '%s: every arrow starts and ends on something drawn (a box, frame, bar, ⊕ or the next arrow)',
        async file => {
            const { analysis } = await validate(readFileSync(path.join(EXAMPLES, file), 'utf8'));
            for (const network of analysis.networks) {
                const svg = renderNetworkSvg(network);
                expect(svg).not.toMatch(/NaN|Infinity/);
                const shapes = [...drawnLayers(svg).values(), drawnInput(svg)];
                const frames = drawnFrames(svg);
                const bars = drawnPaths(svg, 'bar');
                const adds = drawnAdds(svg);
                const arrows = [...drawnPaths(svg, 'flow'), ...drawnPaths(svg, 'skip')];
                const near = (p: Point, q: Point, d = 1.2) => Math.hypot(p.x - q.x, p.y - q.y) <= d;
                const onBar = (p: Point) =>
                    bars.some(b => Math.abs(p.y - b.points[0].y) <= 0.1 && p.x >= b.points[0].x - 0.1 && p.x <= b.points[1].x + 0.1);
                const inFrameX = (p: Point, f: (typeof frames)[number]) => p.x > f.x && p.x < f.x + f.w;
                // An empty lane (a branch `{ }`, `repeat 0`) is one arrow labelled identity, within the lane.
                const identities = [...svg.matchAll(/d="M([\d.]+) ([\d.]+) L([\d.]+) ([\d.]+)"[^>]*\/><text[^>]*>identity</g)].flatMap(
                    m => [
                        { x: Number(m[1]), y: Number(m[2]) },
                        { x: Number(m[3]), y: Number(m[4]) }
                    ]
                );
                const ends = arrows.map(last);
                const starts = arrows.map(first);
                for (const p of ends) {
                    const ok =
                        shapes.some(s => endsOn(p, s)) ||
                        frames.some(f => inFrameX(p, f) && p.y >= f.y - 1.6 && p.y <= f.y + 0.1) ||
                        onBar(p) ||
                        adds.some(a => Math.abs(Math.hypot(p.x - a.x, p.y - a.y) - 9) < 0.2) ||
                        starts.some(q => near(p, q)) ||
                        identities.some(q => near(p, q, 0.01));
                    expect(ok, `${network.name}: an arrow ends at (${p.x}, ${p.y}) on nothing`).toBe(true);
                }
                for (const p of starts) {
                    const ok =
                        shapes.some(s => startsOn(p, s)) ||
                        frames.some(f => inFrameX(p, f) && Math.abs(p.y - (f.y + f.h)) <= 0.2) ||
                        onBar(p) ||
                        // A residual's split point (its dot), shared by the body's arrow and the skip.
                        starts.filter(q => near(p, q, 0.01)).length > 1 ||
                        ends.some(q => near(p, q)) ||
                        identities.some(q => near(p, q, 0.01));
                    expect(ok, `${network.name}: an arrow starts at (${p.x}, ${p.y}) on nothing`).toBe(true);
                }
            }
        }
    );
});
