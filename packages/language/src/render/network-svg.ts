import type { AstNode } from 'langium';
import {
    formatVolume,
    sameVolume,
    type DocumentAnalysis,
    type Instance,
    type LayerInstance,
    type NetworkAnalysis,
    type StructureInstance,
    type Volume
} from '../inference/model.js';
import { formatNumber, type NumberFormat } from '../presentation/numbers.js';
import { boxExtent, boxSize, entryDepth, isDrawable } from './box-scale.js';
import { escapeXml } from './escape.js';
import { maxOf } from '../util/large-arrays.js';

/*
 * The network diagram: every layer's output volume drawn as a box whose front
 * face shows W×H and whose slant shows D (all on bounded log scales, see
 * box-scale.ts, so 224 and 7 both fit and a CNN reads as a pyramid), concat
 * branches side by side, residual skips as arrows. The flow line runs through
 * the middle of each front face, and every arrow starts on the bottom of the
 * box it leaves and ends on the top of the box it enters. Pure
 * string building, no DOM and no VS Code: the CLI, the extension's webview
 * and the tests all call it.
 *
 * Every layer box is a `<g class="layer" data-layer="i">` (i = its row in the
 * summary table) with `data-line` (its statement) and `data-path` (the lines
 * of the block calls that led to it, then its own): the webview highlights
 * and reveals by those. No `style` attributes anywhere: the webview's
 * Content-Security-Policy allows only nonce'd `<style>` elements.
 */

export interface SvgOptions {
    readonly numberFormat?: NumberFormat;
    /** Prefix for the `id`s of markers, unique per SVG in one HTML page. */
    readonly idPrefix?: string;
    /** A standalone `.svg` file: carries its own `<style>`. In HTML the page's nonce'd style applies instead. */
    readonly standalone?: boolean;
}

/** Classes the diagram uses; the HTML page and a standalone SVG both include this. */
export const DIAGRAM_CSS = `
.cs-diagram { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 11px; }
.cs-diagram text { fill: var(--vscode-editor-foreground, #1f2328); }
.cs-diagram .muted { fill: var(--vscode-descriptionForeground, #59636e); }
.cs-diagram .title { font-size: 13px; font-weight: bold; }
.cs-diagram .flow, .cs-diagram .bar { stroke: var(--vscode-descriptionForeground, #59636e); stroke-width: 1.2; fill: none; }
.cs-diagram .bar { stroke-width: 3; }
.cs-diagram .skip { stroke: #d1242f; stroke-width: 1.6; fill: none; }
.cs-diagram .arrowhead { fill: var(--vscode-descriptionForeground, #59636e); }
.cs-diagram .skiphead { fill: #d1242f; }
.cs-diagram .ref { stroke: #6f42c1; stroke-width: 1.4; stroke-dasharray: 5 3; fill: none; }
.cs-diagram .refhead { fill: #6f42c1; }
.cs-diagram .add { fill: var(--vscode-editor-background, #ffffff); stroke: #d1242f; stroke-width: 1.6; }
.cs-diagram .frame { fill: none; stroke: var(--vscode-descriptionForeground, #8c959f); stroke-dasharray: 4 3; stroke-width: 1; }
.cs-diagram .frame.concat, .cs-diagram .frame.residual { stroke-dasharray: none; stroke-opacity: 0.45; }
.cs-diagram .face { stroke: #00000066; stroke-width: 0.6; }
.cs-diagram .front { fill-opacity: 0.95; } .cs-diagram .top { fill-opacity: 0.6; } .cs-diagram .side { fill-opacity: 0.78; }
.cs-diagram .k-conv .face { fill: #4e79a7; } .cs-diagram .k-up .face { fill: #b07aa1; }
.cs-diagram .k-pool .face { fill: #59a14f; } .cs-diagram .k-dense .face { fill: #f28e2b; }
.cs-diagram .k-pad .face { fill: #9c755f; } .cs-diagram .k-merge .face { fill: #76b7b2; } .cs-diagram .k-input .face { fill: #bab0ac; }
.cs-diagram .k-pointwise .dot { fill: #8c8c8c; }
.cs-diagram .invalid .face { fill: #e15759; fill-opacity: 0.25; stroke: #e15759; stroke-dasharray: 3 2; }
.cs-diagram .unknown { fill: #8c959f; fill-opacity: 0.15; stroke: #8c959f; stroke-dasharray: 3 2; }
.cs-diagram .invalid text { fill: #d1242f; }
.cs-diagram .layer:hover .face, .cs-diagram .layer.selected .face { stroke: var(--vscode-focusBorder, #0969da); stroke-width: 2; }
.cs-diagram .layer.selected text { font-weight: bold; }
.cs-diagram .layer { cursor: pointer; }
`;

/**
 * A `.svg` file is outside VS Code, where its theme variables are never set:
 * the fallback colours written out, so converters that do not know CSS
 * `var()` (rsvg-convert 2.54, the usual way to a PNG) draw the same picture.
 */
const STANDALONE_CSS = DIAGRAM_CSS.replace(/var\(--[\w-]+, ([^()]+)\)/g, '$1');

const CHAR_W = 6.7;
const TEXT_GAP = 10;
const ROW_GAP = 14;
const PAD = 8;
const HEADER_H = 18;
const MAX_TEXT = 46;
/** Two lines of 11 px text: a row is never shorter, whatever its box. */
const ROW_H = 28;
/** The side of the box drawn for a layer whose volume is unknown (an error here or above). */
const NEUTRAL = 24;
/** The least room either side of a lane's flow line. */
const MIN_HALF = 14;

/** What a layer does to the picture: its colour family, or a dot for layers that keep the volume. */
const KIND: Record<string, string> = {
    crop: 'pad',
    concat: 'merge',
    route: 'merge',
    conv: 'conv',
    dwconv: 'conv',
    deconv: 'up',
    upsample: 'up',
    maxpool: 'pool',
    avgpool: 'pool',
    globalavgpool: 'pool',
    globalmaxpool: 'pool',
    adaptiveavgpool: 'pool',
    adaptivemaxpool: 'pool',
    dense: 'dense',
    flatten: 'dense',
    zeropad: 'pad'
};

interface Laid {
    readonly w: number;
    readonly h: number;
    /** x of the flow line, from the left edge. */
    readonly axis: number;
    /** Where, below its top, an arrow coming in along the flow line ends, and an arrow going out starts. */
    readonly enter: number;
    readonly exit: number;
    draw(x: number, y: number): string;
}

interface Context {
    readonly format: NumberFormat;
    readonly ids: string;
    /** Where each instance was drawn (absolute), for the arrows of references. */
    readonly boxes: Map<Instance, Box>;
}

interface Box {
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
}

const newContext = (format: NumberFormat, ids: string): Context => ({ format, ids, boxes: new Map() });

const r1 = (n: number) => Math.round(n * 10) / 10;

/** A volume as a slanted box whose front face is centred on the flow line `cx`, top at `top`. */
function cube(v: Volume, cx: number, top: number): string {
    const { fw, fh, dx, dy } = boxSize(v);
    const l = cx - fw / 2;
    const t = top;
    const pts = (...p: number[]) => p.map(r1).join(' ');
    return (
        `<polygon class="face top" points="${pts(l, t + dy, l + dx, t, l + fw + dx, t, l + fw, t + dy)}"/>` +
        `<polygon class="face side" points="${pts(l + fw, t + dy, l + fw + dx, t, l + fw + dx, t + fh, l + fw, t + dy + fh)}"/>` +
        `<rect class="face front" x="${r1(l)}" y="${r1(t + dy)}" width="${r1(fw)}" height="${r1(fh)}"/>`
    );
}

/** What a layer draws around the flow line: its box, a dot, or the neutral box; and where arrows meet it. */
interface Shape {
    readonly left: number;
    readonly right: number;
    readonly height: number;
    /** Below the shape's top: where an incoming arrow ends, where an outgoing one starts. */
    readonly enter: number;
    readonly exit: number;
    draw(cx: number, top: number): string;
}

const DOT_R = 4;

const dotShape: Shape = {
    left: DOT_R,
    right: DOT_R,
    height: 2 * DOT_R,
    enter: 0,
    exit: 2 * DOT_R,
    draw: (cx, top) => `<circle class="dot" cx="${r1(cx)}" cy="${r1(top + DOT_R)}" r="${DOT_R}"/>`
};

/** Unknown volume: a fixed-size dashed box with `?`, the same for every such layer, so no size is implied. */
const neutralShape: Shape = {
    left: NEUTRAL / 2,
    right: NEUTRAL / 2,
    height: NEUTRAL,
    enter: 0,
    exit: NEUTRAL,
    draw: (cx, top) =>
        `<rect class="unknown" x="${r1(cx - NEUTRAL / 2)}" y="${r1(top)}" width="${NEUTRAL}" height="${NEUTRAL}"/>` +
        text(cx - 3.5, top + NEUTRAL / 2 + 4, '?')
};

function volumeShape(v: Volume | undefined): Shape {
    if (!isDrawable(v)) return neutralShape;
    const size = boxSize(v);
    return { ...boxExtent(size), enter: entryDepth(size), exit: size.dy + size.fh, draw: (cx, top) => cube(v, cx, top) };
}

function layerShape(i: LayerInstance): Shape {
    return isPointwise(i) ? dotShape : volumeShape(i.output?.volume);
}

/** Source text of a statement on one line, without its label, shortened. */
function sourceText(node: AstNode): string {
    const text = (node.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
    return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

function outputText(i: Instance, ctx: Context): string {
    const out = i.output ? formatVolume(i.output.volume) : '?';
    return `→ ${out}${i.params !== 0 ? ` · ${formatNumber(i.params, ctx.format)} params` : ''}`;
}

function text(x: number, y: number, content: string, cls = ''): string {
    return `<text x="${r1(x)}" y="${r1(y)}"${cls ? ` class="${cls}"` : ''}>${escapeXml(content)}</text>`;
}

/** 1-based source line of a statement. */
export function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}

function arrow(ctx: Context, x1: number, y1: number, x2: number, y2: number, cls = 'flow'): string {
    return polyline(ctx, cls, [
        [x1, y1],
        [x2, y2]
    ]);
}

/** A path through `points` with an arrowhead at the end; `attributes` go on the path (e.g. `data-skip`). */
function polyline(ctx: Context, cls: string, points: readonly (readonly [number, number])[], attributes = ''): string {
    const d = points.map(([x, y], k) => `${k ? 'L' : 'M'}${r1(x)} ${r1(y)}`).join(' ');
    const head = cls === 'skip' ? 'skiphead' : 'arrow';
    return `<path class="${cls}"${attributes} d="${d}" marker-end="url(#${ctx.ids}${head})"/>`;
}

/** The lines of the block calls that led to the instance, then its own: what the editor's cursor selects by. */
export function pathAttr(i: Instance): string {
    return [...i.callPath.map(lineOf), lineOf(i.node)].join(' ');
}

function title(lines: string[]): string {
    return `<title>${escapeXml(lines.join('\n'))}</title>`;
}

/** Layers that keep the volume (activations, batch norm, dropout) get a dot, not a box. */
function isPointwise(i: LayerInstance): boolean {
    return !KIND[i.op] && !!i.input && !!i.output && sameVolume(i.input.volume, i.output.volume);
}

/** The room a lane's shapes take either side of its flow line: every row's text starts past the widest. */
interface Column {
    readonly left: number;
    readonly right: number;
}

function layoutLayer(i: LayerInstance, shape: Shape, ctx: Context, column: Column): Laid {
    const source = sourceText(i.node);
    const detail = outputText(i, ctx);
    const textW = Math.max(source.length, detail.length) * CHAR_W;
    const pointwise = shape === dotShape;
    // A dot's row is a little lower than a box's: activations read as annotations of the layer above.
    const h = Math.max(shape.height, pointwise ? 24 : ROW_H);
    const shapeTop = (h - shape.height) / 2;
    const kind = pointwise ? 'pointwise' : (KIND[i.op] ?? 'conv');
    const classes = ['layer', `k-${kind}`, ...(i.invalid || !i.output ? ['invalid'] : [])].join(' ');
    const w = column.left + column.right + TEXT_GAP + textW;
    return {
        w,
        h,
        axis: column.left,
        enter: shapeTop + shape.enter,
        exit: shapeTop + shape.exit,
        draw: (x, y) => {
            ctx.boxes.set(i, { x, y, w, h });
            const tx = x + column.left + column.right + TEXT_GAP;
            const tooltip = [source, `${i.input ? formatVolume(i.input.volume) : '?'} ${detail}`, `line ${lineOf(i.node)}`];
            return (
                `<g class="${classes}" data-layer="${i.index}" data-line="${lineOf(i.node)}" data-path="${pathAttr(i)}"` +
                ` data-op="${escapeXml(i.op)}">` +
                title(tooltip) +
                shape.draw(x + column.left, y + shapeTop) +
                text(tx, y + h / 2 - 2, source) +
                text(tx, y + h / 2 + 11, detail, 'muted') +
                '</g>'
            );
        }
    };
}

/** A vertical sequence; every child's flow axis lines up. */
function layoutLane(items: readonly Instance[], ctx: Context): Laid {
    if (items.length === 0) {
        const label = 'identity';
        return {
            w: 16 + label.length * CHAR_W,
            h: ROW_H,
            axis: 6,
            enter: 0,
            exit: ROW_H,
            draw: (x, y) => arrow(ctx, x + 6, y, x + 6, y + ROW_H) + text(x + 14, y + 18, label, 'muted')
        };
    }
    const shapes = items.map(item => (item.kind === 'layer' ? layerShape(item) : undefined));
    const drawn = shapes.filter(s => s !== undefined);
    const column: Column = {
        left: maxOf(
            drawn.map(s => s.left),
            MIN_HALF
        ),
        right: maxOf(
            drawn.map(s => s.right),
            MIN_HALF
        )
    };
    const children = items.map((item, k) =>
        item.kind === 'layer' ? layoutLayer(item, shapes[k] ?? layerShape(item), ctx, column) : layoutGroup(item, ctx)
    );
    const axis = maxOf(children.map(c => c.axis));
    const w = maxOf(children.map(c => axis - c.axis + c.w));
    const h = children.reduce((sum, c) => sum + c.h, 0) + ROW_GAP * (children.length - 1);
    const last = children[children.length - 1];
    return {
        w,
        h,
        axis,
        enter: children[0].enter,
        exit: h - last.h + last.exit,
        draw: (x, y) => {
            let out = '';
            let top = y;
            let exitY = 0;
            children.forEach((c, k) => {
                // `route` does not read the flow above it, only its labels (drawn as reference arrows).
                const restarts = items[k].kind === 'layer' && items[k].op === 'route';
                if (k > 0 && !restarts) out += arrow(ctx, x + axis, exitY, x + axis, top + c.enter - 1);
                out += c.draw(x + axis - c.axis, top);
                exitY = top + c.exit;
                top += c.h + ROW_GAP;
            });
            return out;
        }
    };
}

function groupHeader(g: StructureInstance, ctx: Context): string {
    const label = g.label ? `${g.label}: ` : '';
    let head: string;
    if (g.op === 'call') head = sourceText(g.node);
    // The evaluated count: `repeat n - 1` in a block shows what this call repeats.
    else if (g.op === 'repeat') head = `${label}repeat ${g.lanes.length}×`;
    else head = `${label}${g.op}`;
    return `${head} ${outputText(g, ctx)}`;
}

function groupOpen(g: StructureInstance, x: number, y: number, w: number, h: number): string {
    return (
        `<g class="group" data-structure="${g.op}" data-line="${lineOf(g.node)}" data-path="${pathAttr(g)}">` +
        `<rect class="frame ${g.op}" x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${r1(h)}" rx="6"/>`
    );
}

function layoutGroup(g: StructureInstance, ctx: Context): Laid {
    const header = groupHeader(g, ctx);
    const headerW = header.length * CHAR_W + 2 * PAD;
    if (g.op === 'concat' || g.op === 'split') return layoutConcat(g, ctx, header, headerW);
    if (g.op === 'residual') return layoutResidual(g, ctx, header, headerW, '+');
    // x ⊙ gate(x): drawn as a residual whose skip is x itself, meeting at ×.
    if (g.op === 'multiply') return layoutResidual(g, ctx, header, headerW, '×');
    // A repeat's iterations, or a block's body, run one after the other in one lane.
    const inner = layoutLane(
        g.lanes.flatMap(lane => lane.children),
        ctx
    );
    const w = Math.max(inner.w + 2 * PAD, headerW);
    const h = HEADER_H + inner.h + 2 * PAD;
    return {
        w,
        h,
        axis: PAD + inner.axis,
        enter: 0,
        exit: h,
        draw: (x, y) => {
            ctx.boxes.set(g, { x, y, w, h });
            return groupOpen(g, x, y, w, h) + text(x + PAD, y + 13, header, 'muted') + inner.draw(x + PAD, y + HEADER_H + PAD) + '</g>';
        }
    };
}

const LANE_GAP = 22;
const SPLIT = 12;

/** Branches side by side between a split bar and a merge bar. */
function layoutConcat(g: StructureInstance, ctx: Context, header: string, headerW: number): Laid {
    const lanes = g.lanes.map(lane => layoutLane(lane.children, ctx));
    const lanesW = lanes.reduce((s, l) => s + l.w, 0) + LANE_GAP * Math.max(lanes.length - 1, 0);
    const lanesH = maxOf(
        lanes.map(l => l.h),
        0
    );
    const w = Math.max(lanesW + 2 * PAD, headerW);
    const h = HEADER_H + 3 * SPLIT + lanesH + 2 * SPLIT + PAD;
    const axes: number[] = [];
    let left = PAD;
    for (const lane of lanes) {
        axes.push(left + lane.axis);
        left += lane.w + LANE_GAP;
    }
    const axis = axes.length > 0 ? (axes[0] + axes[axes.length - 1]) / 2 : w / 2;
    return {
        w,
        h,
        axis,
        enter: 0,
        exit: h,
        draw: (x, y) => {
            // A label on the concat is a reference's source: its arrow starts beside this frame.
            ctx.boxes.set(g, { x, y, w, h });
            const splitY = y + HEADER_H + SPLIT;
            const lanesTop = splitY + 2 * SPLIT;
            const mergeY = lanesTop + lanesH + SPLIT;
            let out = groupOpen(g, x, y, w, h) + text(x + PAD, y + 13, header, 'muted');
            if (axes.length > 0) {
                out += `<path class="bar" d="M${r1(x + axes[0])} ${r1(splitY)} L${r1(x + axes[axes.length - 1] + 0.01)} ${r1(splitY)}"/>`;
                out += `<path class="bar" d="M${r1(x + axes[0])} ${r1(mergeY)} L${r1(x + axes[axes.length - 1] + 0.01)} ${r1(mergeY)}"/>`;
            }
            let laneX = x + PAD;
            lanes.forEach((lane, k) => {
                out += arrow(ctx, x + axes[k], splitY, x + axes[k], lanesTop + lane.enter - 1);
                out += lane.draw(laneX, lanesTop);
                out += `<path class="flow" d="M${r1(x + axes[k])} ${r1(lanesTop + lane.exit)} L${r1(x + axes[k])} ${r1(mergeY)}"/>`;
                laneX += lane.w + LANE_GAP;
            });
            return out + '</g>';
        }
    };
}

/** Body on the left, the skip (identity arrow or projection shortcut) on the right, meeting at ⊕. */
function layoutResidual(g: StructureInstance, ctx: Context, header: string, headerW: number, merge: '+' | '×'): Laid {
    const body = layoutLane(g.lanes[0]?.children ?? [], ctx);
    const shortcutLayers = g.lanes[1]?.children ?? [];
    const shortcut = shortcutLayers.length > 0 ? layoutLane(shortcutLayers, ctx) : undefined;
    const skipX = PAD + body.w + LANE_GAP + (shortcut ? shortcut.axis : 0);
    const lanesH = Math.max(body.h, shortcut?.h ?? 0);
    const w = Math.max(PAD + body.w + LANE_GAP + (shortcut ? shortcut.w : 0) + PAD + 4, headerW);
    const h = HEADER_H + 2 * SPLIT + lanesH + 3 * SPLIT + 16 + PAD;
    const axis = PAD + body.axis;
    return {
        w,
        h,
        axis,
        enter: 0,
        exit: h,
        draw: (x, y) => {
            ctx.boxes.set(g, { x, y, w, h });
            const splitY = y + HEADER_H + SPLIT;
            const lanesTop = splitY + SPLIT;
            const addY = lanesTop + lanesH + 2 * SPLIT + 8;
            const ax = x + axis;
            const sx = x + skipX;
            let out = groupOpen(g, x, y, w, h) + text(x + PAD, y + 13, header, 'muted');
            out += `<circle class="arrowhead" cx="${r1(ax)}" cy="${r1(splitY)}" r="2.5"/>`;
            out += arrow(ctx, ax, splitY, ax, lanesTop + body.enter - 1);
            out += body.draw(x + PAD, lanesTop);
            out += arrow(ctx, ax, lanesTop + body.exit, ax, addY - 9);
            if (shortcut) {
                out += polyline(
                    ctx,
                    'skip',
                    [
                        [ax, splitY],
                        [sx, splitY],
                        [sx, lanesTop + shortcut.enter - 1]
                    ],
                    ' data-skip="projection"'
                );
                out += shortcut.draw(x + PAD + body.w + LANE_GAP, lanesTop);
                out += polyline(ctx, 'skip', [
                    [sx, lanesTop + shortcut.exit],
                    [sx, addY],
                    [ax + 9, addY]
                ]);
            } else {
                out += polyline(
                    ctx,
                    'skip',
                    [
                        [ax, splitY],
                        [sx, splitY],
                        [sx, addY],
                        [ax + 9, addY]
                    ],
                    ' data-skip="identity"'
                );
            }
            out += `<circle class="add" cx="${r1(ax)}" cy="${r1(addY)}" r="7"/>${text(ax - 3.6, addY + 3.8, merge)}`;
            return out + '</g>';
        }
    };
}

function networkTitle(network: NetworkAnalysis, format: NumberFormat): string {
    const out = network.output ? formatVolume(network.output) : '?';
    return `${network.name} · ${formatNumber(network.params, format)} params · → ${out}`;
}

/** One network as a block of SVG elements, with its size. */
function layoutNetwork(network: NetworkAnalysis, ctx: Context): { w: number; h: number; body: string } {
    const items = network.body;
    const input = network.input;
    const lane = layoutLane(items, ctx);
    const shape = volumeShape(input);
    const axis = Math.max(lane.axis, shape.left);
    const heading = networkTitle(network, ctx.format);
    const inputLabel = `input ${input ? formatVolume(input) : '?'}`;
    const inputH = Math.max(shape.height, 24);
    const top = 26;
    const shapeTop = top + (inputH - shape.height) / 2;
    const laneTop = top + inputH + ROW_GAP;
    const labelX = axis + shape.right + TEXT_GAP;
    const w = Math.max(axis - lane.axis + lane.w, labelX + inputLabel.length * CHAR_W, heading.length * 8) + 2 * PAD;
    const h = laneTop + lane.h + PAD;
    const x = PAD;
    let body =
        `<g class="network" data-network="${escapeXml(network.name)}" data-params="${network.params}">` +
        text(x, 16, heading, 'title') +
        `<g class="k-input">${shape.draw(x + axis, shapeTop)}</g>` +
        text(x + labelX, top + inputH / 2 + 4, inputLabel, 'muted');
    if (items.length > 0) body += arrow(ctx, x + axis, shapeTop + shape.exit, x + axis, laneTop + lane.enter - 1);
    body += lane.draw(x + axis - lane.axis, laneTop);
    const references = referenceArrows(network.layers, ctx);
    body += references.svg + '</g>';
    return { w: Math.max(w, references.right + PAD), h, body };
}

/**
 * `concat with`, `add`, `multiply L` and `route` read earlier outputs: an arrow
 * from each source's box to the reference, curving out to the right of both.
 * Returns the arrows and how far right they reach.
 */
function referenceArrows(layers: readonly LayerInstance[], ctx: Context): { svg: string; right: number } {
    let svg = '';
    let right = 0;
    let k = 0;
    for (const layer of layers) {
        const to = ctx.boxes.get(layer);
        for (const source of layer.sources ?? []) {
            const from = ctx.boxes.get(source.instance);
            if (!to || !from) continue;
            const x1 = from.x + from.w + 4;
            const y1 = from.y + from.h / 2;
            const x2 = to.x + to.w + 4;
            const y2 = to.y + to.h / 2;
            const bulge = Math.max(x1, x2) + 24 + 8 * (k++ % 4);
            right = Math.max(right, bulge);
            svg +=
                `<path class="ref" data-ref="${escapeXml(source.label)}" data-reader="${layer.index}" ` +
                `d="M${r1(x1)} ${r1(y1)} C${r1(bulge)} ${r1(y1)} ${r1(bulge)} ${r1(y2)} ${r1(x2)} ${r1(y2)}"` +
                ` marker-end="url(#${ctx.ids}refhead)">` +
                `${title([`reads ${source.label}`])}</path>`;
        }
    }
    return { svg, right };
}

function defs(ids: string): string {
    const marker = (id: string, cls: string) =>
        `<marker id="${ids}${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
        `<path class="${cls}" d="M0 0 L10 5 L0 10 z"/></marker>`;
    return `<defs>${marker('arrow', 'arrowhead')}${marker('skiphead', 'skiphead')}${marker('refhead', 'refhead')}</defs>`;
}

function svgRoot(w: number, h: number, body: string, options: SvgOptions, ids: string, label: string): string {
    const style = options.standalone ? `<style>${STANDALONE_CSS}</style>` : '';
    const W = Math.ceil(w);
    const H = Math.ceil(h);
    return (
        `<svg xmlns="http://www.w3.org/2000/svg" class="cs-diagram" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"` +
        ` role="img" aria-label="${escapeXml(label)}">` +
        style +
        defs(ids) +
        body +
        '</svg>'
    );
}

/** One network's diagram as an `<svg>` element. */
export function renderNetworkSvg(network: NetworkAnalysis, options: SvgOptions = {}): string {
    const ids = options.idPrefix ?? 'cs-';
    const ctx = newContext(options.numberFormat ?? 'grouped', ids);
    const { w, h, body } = layoutNetwork(network, ctx);
    return svgRoot(w, h, body, options, ids, `Diagram of network ${network.name}`);
}

/** Every network of a file (or the named ones), stacked, as one SVG document. */
export function renderDocumentSvg(
    analysis: DocumentAnalysis,
    options: SvgOptions & { networks?: readonly NetworkAnalysis[] } = {}
): string {
    const ids = options.idPrefix ?? 'cs-';
    const networks = options.networks ?? analysis.networks;
    const format = options.numberFormat ?? 'grouped';
    let y = 0;
    let w = 240;
    let body = '';
    for (const network of networks) {
        const laid = layoutNetwork(network, newContext(format, ids));
        body += `<g transform="translate(0 ${r1(y)})">${laid.body}</g>`;
        y += laid.h + 24;
        w = Math.max(w, laid.w);
    }
    if (networks.length === 0) {
        body = text(PAD, 20, 'No network in this file.', 'muted');
        y = 32;
    }
    const svg = svgRoot(w, Math.max(y, 32), body, { ...options, standalone: true }, ids, 'Network diagram');
    return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
