/*
 * Reads back what the diagram drew, for geometric tests: each layer's shape
 * (box, dot or neutral box) and text, the arrows, frames, bars and ⊕ marks.
 * A few regular expressions over the renderer's own output (no transforms
 * inside a network's SVG, so every coordinate is absolute), not a general
 * SVG parser.
 */

export interface Point {
    readonly x: number;
    readonly y: number;
}

export interface Rect {
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
}

export interface DrawnLayer {
    /** `data-layer`: the row of the summary table. */
    readonly index: number;
    readonly classes: string;
    /** The box's front face, absent for dots and unknown volumes. */
    readonly front?: Rect;
    /** The top face's four corners, absent for dots and unknown volumes. */
    readonly top?: readonly Point[];
    /** The dashed box of an unknown volume. */
    readonly unknown?: Rect;
    readonly dot?: { readonly cx: number; readonly cy: number; readonly r: number };
    /** Every outline of the shape, each a closed polygon. */
    readonly outlines: readonly (readonly Point[])[];
    readonly texts: readonly { readonly x: number; readonly y: number; readonly content: string }[];
}

export interface DrawnPath {
    readonly cls: string;
    readonly attributes: string;
    readonly points: readonly Point[];
}

const num = (s: string) => Number(s);
const attr = (tag: string, name: string) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return m ? m[1] : undefined;
};
const rectOf = (tag: string): Rect => ({
    x: num(attr(tag, 'x')!),
    y: num(attr(tag, 'y')!),
    w: num(attr(tag, 'width')!),
    h: num(attr(tag, 'height')!)
});
const corners = (r: Rect): Point[] => [
    { x: r.x, y: r.y },
    { x: r.x + r.w, y: r.y },
    { x: r.x + r.w, y: r.y + r.h },
    { x: r.x, y: r.y + r.h }
];
const pointList = (s: string): Point[] => {
    const n = s.trim().split(/\s+/).map(num);
    const out: Point[] = [];
    for (let k = 0; k + 1 < n.length; k += 2) out.push({ x: n[k], y: n[k + 1] });
    return out;
};

/** Every `<g class="layer">` (they hold no nested groups), by `data-layer`. */
export function drawnLayers(svg: string): Map<number, DrawnLayer> {
    const layers = new Map<number, DrawnLayer>();
    for (const m of svg.matchAll(/<g class="(layer[^"]*)" data-layer="(\d+)"[^>]*>([\s\S]*?)<\/g>/g)) {
        layers.set(Number(m[2]), shapeOf(m[3], Number(m[2]), m[1]));
    }
    return layers;
}

/** The input's box, drawn in `<g class="k-input">`. */
export function drawnInput(svg: string): DrawnLayer {
    const m = /<g class="k-input">([\s\S]*?)<\/g>/.exec(svg);
    if (!m) throw new Error('no input box');
    return shapeOf(m[1], -1, 'k-input');
}

function shapeOf(inner: string, index: number, classes: string): DrawnLayer {
    const outlines: Point[][] = [];
    let front: Rect | undefined;
    let top: Point[] | undefined;
    let unknown: Rect | undefined;
    let dot: DrawnLayer['dot'];
    for (const tag of inner.match(/<(polygon|rect|circle)[^>]*>/g) ?? []) {
        const cls = attr(tag, 'class') ?? '';
        if (tag.startsWith('<polygon')) {
            const points = pointList(attr(tag, 'points')!);
            if (cls.includes('top')) top = points;
            outlines.push(points);
        } else if (tag.startsWith('<rect')) {
            const r = rectOf(tag);
            if (cls.includes('front')) front = r;
            if (cls.includes('unknown')) unknown = r;
            outlines.push(corners(r));
        } else {
            dot = { cx: num(attr(tag, 'cx')!), cy: num(attr(tag, 'cy')!), r: num(attr(tag, 'r')!) };
        }
    }
    const texts = [...inner.matchAll(/<text x="([^"]+)" y="([^"]+)"[^>]*>([^<]*)<\/text>/g)].map(t => ({
        x: num(t[1]),
        y: num(t[2]),
        content: t[3]
    }));
    return { index, classes, front, top, unknown, dot, outlines, texts };
}

/** Paths of a class (`flow`, `skip`, `bar`, `ref`) in document order, with their points (M/L/C coordinates). */
export function drawnPaths(svg: string, cls: string): DrawnPath[] {
    return [...svg.matchAll(new RegExp(`<path class="${cls}"([^>]*?) d="([^"]+)"`, 'g'))].map(m => ({
        cls,
        attributes: m[1],
        points: pointList(m[2].replace(/[MLC]/g, ' '))
    }));
}

export function drawnFrames(svg: string): Rect[] {
    return (svg.match(/<rect class="frame[^"]*"[^>]*>/g) ?? []).map(rectOf);
}

export function drawnAdds(svg: string): Point[] {
    return (svg.match(/<circle class="add"[^>]*>/g) ?? []).map(tag => ({ x: num(attr(tag, 'cx')!), y: num(attr(tag, 'cy')!) }));
}

/** Where the vertical line at `x` crosses the shape's outline: its top and bottom there (undefined when it misses). */
export function verticalSpan(shape: DrawnLayer, x: number): { top: number; bottom: number } | undefined {
    if (shape.dot) {
        const { cx, cy, r } = shape.dot;
        return Math.abs(x - cx) <= 0.05 ? { top: cy - r, bottom: cy + r } : undefined;
    }
    const ys: number[] = [];
    for (const outline of shape.outlines) {
        outline.forEach((a, k) => {
            const b = outline[(k + 1) % outline.length];
            const [lo, hi] = a.x <= b.x ? [a, b] : [b, a];
            if (x < lo.x - 0.05 || x > hi.x + 0.05) return;
            if (hi.x - lo.x < 1e-9) ys.push(lo.y, hi.y);
            else ys.push(lo.y + ((hi.y - lo.y) * (x - lo.x)) / (hi.x - lo.x));
        });
    }
    return ys.length > 0 ? { top: Math.min(...ys), bottom: Math.max(...ys) } : undefined;
}

/** The shape's bounding box. */
export function extent(shape: DrawnLayer): Rect {
    const points = shape.dot
        ? [
              { x: shape.dot.cx - shape.dot.r, y: shape.dot.cy - shape.dot.r },
              { x: shape.dot.cx + shape.dot.r, y: shape.dot.cy + shape.dot.r }
          ]
        : shape.outlines.flat();
    const xs = points.map(p => p.x);
    const ys = points.map(p => p.y);
    return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}

/**
 * An arrow ends on a shape when its tip is on the shape's top where the flow
 * line meets it: the path stops 1 px short and the arrowhead covers that.
 */
export function endsOn(p: Point, shape: DrawnLayer): boolean {
    const span = verticalSpan(shape, p.x);
    return !!span && p.y >= span.top - 1.6 && p.y <= span.top + 0.2;
}

/** An arrow leaves a shape from its bottom where the flow line meets it. */
export function startsOn(p: Point, shape: DrawnLayer): boolean {
    const span = verticalSpan(shape, p.x);
    return !!span && Math.abs(p.y - span.bottom) <= 0.2;
}
