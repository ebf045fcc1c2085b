import { AstUtils, type AstNode } from 'langium';
import {
    isBiasSetting,
    isBlock,
    isDilationOption,
    isGroupsOption,
    isInDim,
    isInput,
    isLabelDim,
    isMultOption,
    isNetwork,
    isOutpadOption,
    isPadOption,
    isRoundingSetting,
    isStatement,
    isStrideOption,
    type BlockCall,
    type Concat,
    type Conv,
    type Deconv,
    type DwConv,
    type LabelRef,
    type Network,
    type Parameter,
    type Pool,
    type Split,
    type Statement
} from '../generated/ast.js';
import { branchesOf, MAX_INSTANCES } from './engine.js';
import { evaluate } from './expressions.js';
import { isInteger } from './fraction.js';
import { IssueSink } from './issues.js';
import { axisPair, findOption, nonNegative, roundingOf, type LayerScope } from './layer-support.js';
import { AxesCoupled, axisOf, copyFlow, FAILED_BOTH, LaneMarks, uniformValue, type LaneFlow } from './lanes.js';
import type { AxisPair, Instance } from './model.js';
import { transposedAxis, windowAxis, type Rounding, type WindowAxisResult } from './spatial.js';
import { readWindowSpec } from './window-layers.js';

/*
 * The engine's shape rules (engine.ts, window-layers.ts, shape-layers.ts,
 * reference-layers.ts) restated over lanes of candidate sizes: only what
 * decides whether an input is valid — sizes, depths, and every check that
 * reads them. Parameters, MACs and receptive fields are left out. The
 * hyper-parameters are read with the engine's own helpers; the per-axis
 * arithmetic is spatial.ts's. A brute-force test runs the engine itself on
 * every size and holds the two together.
 */

type Dim = 'w' | 'h' | 'd';

/** What a statement's own numbers read: `in.w` (source 'in') or `L.h` (source: the labelled statement). */
interface Read {
    readonly source: 'in' | Statement;
    readonly dim: Dim;
}

interface LaneScope {
    readonly env: ReadonlyMap<Parameter, number>;
    readonly callPath: readonly BlockCall[];
    readonly rounding: Rounding;
    readonly bias: boolean;
    /** The most recent lanes of each labelled statement of this network or block instance. */
    readonly labels: Map<Statement, LaneFlow>;
}

/** Errors that are not about size (an unknown name, a bad value): no candidate is valid; `line` says where. */
export class SizeIndependentError extends Error {
    constructor(readonly node: AstNode) {
        super('an error that no input size cures');
    }
}

/** Sizes used for evaluating numbers that do not read the input (any value works; this one never trips a check). */
const NEUTRAL = 1;

export class LaneEvaluator {
    private readonly sink = new IssueSink();
    private work = 0;

    constructor(
        readonly marks: LaneMarks,
        private readonly windowMemos = new Map<string, Map<number, WindowVerdict>>(),
        private readonly readsCache = new WeakMap<AstNode, readonly Read[]>()
    ) {}

    /** Evaluates `network` on the lanes of `input`; afterwards `marks` says which lanes failed or rounded. */
    run(network: Network, input: LaneFlow): void {
        const rounding: Rounding = network.statements.find(isRoundingSetting)?.mode ?? 'strict';
        const bias = (network.statements.find(isBiasSetting)?.value ?? 'on') === 'on';
        const statements = network.statements.filter(
            (s): s is Statement => !isInput(s) && !isRoundingSetting(s) && !isBiasSetting(s) && isStatement(s)
        );
        this.sequence(statements, input, { env: new Map(), callPath: [], rounding, bias, labels: new Map() });
    }

    private sequence(statements: readonly Statement[], flow: LaneFlow, scope: LaneScope): LaneFlow {
        let current = flow;
        for (const statement of statements) {
            // Errors only add up: once no lane can be valid, nothing below can change that.
            if (!this.marks.anyOpen(current)) return current;
            current = this.statement(statement, current, scope);
        }
        return current;
    }

    private statement(node: Statement, flow: LaneFlow, scope: LaneScope): LaneFlow {
        if (++this.work > MAX_INSTANCES) throw new SizeIndependentError(node);
        const reads = this.readsOf(node);
        const output =
            reads.length === 0 || this.uniformReads(reads, flow, scope)
                ? this.evaluateStatement(node, flow, scope)
                : this.grouped(node, reads, flow, scope);
        if (node.label) scope.labels.set(node, output);
        return output;
    }

    /** The values each read takes on the lanes; undefined for a label with no lanes (an error the validator reports). */
    private readValues(read: Read, flow: LaneFlow, scope: LaneScope): Float64Array | undefined {
        const source = read.source === 'in' ? flow : scope.labels.get(read.source);
        return source && source[read.dim];
    }

    /** Open on the axis a dimension belongs to; depth belongs to both. */
    private openFor(dim: Dim, flow: LaneFlow): (i: number) => boolean {
        if (dim === 'w') return i => this.marks.open(flow, 0, i);
        if (dim === 'h') return i => this.marks.open(flow, 1, i);
        return i => this.marks.open(flow, 0, i) || this.marks.open(flow, 1, i);
    }

    private uniformReads(reads: readonly Read[], flow: LaneFlow, scope: LaneScope): boolean {
        for (const read of reads) {
            const values = this.readValues(read, flow, scope);
            if (!values) continue;
            const value = uniformValue(values, this.openFor(read.dim, flow));
            if (value === undefined || (read.dim === 'd' && Number.isNaN(value) && this.marks.layout === 'axes')) {
                if (this.marks.layout === 'axes')
                    throw new AxesCoupled(`a number reads ${read.dim === 'd' ? 'a depth that depends on W·H' : `.${read.dim}`}`);
                return false;
            }
        }
        return true;
    }

    /**
     * `pairs` layout, a statement whose numbers differ between lanes (`conv 8
     * 1x(in.w)`): evaluated once per distinct value with the other lanes
     * masked, the outputs and labels merged back lane by lane.
     */
    private grouped(node: Statement, reads: readonly Read[], flow: LaneFlow, scope: LaneScope): LaneFlow {
        const values = reads.map(r => this.readValues(r, flow, scope));
        const groups = new Map<string, number[]>();
        for (let i = 0; i < this.marks.count; i++) {
            if (!this.marks.open(flow, 0, i)) continue;
            const key = values.map(v => (v ? v[i] : 0)).join(',');
            let lanes = groups.get(key);
            if (!lanes) groups.set(key, (lanes = []));
            lanes.push(i);
        }
        const merged = deadFlow(this.marks.count);
        const mergedLabels = new Map<Statement, ReturnType<typeof copyFlow>>();
        let work = this.work;
        for (const lanes of groups.values()) {
            // Only the group's lanes, gathered: each group costs its own size, not the whole grid's.
            const sub = new LaneEvaluator(new LaneMarks('pairs', lanes.length), this.windowMemos, this.readsCache);
            lanes.forEach((lane, j) => (sub.marks.marks[j] = this.marks.marks[lane]));
            sub.work = this.work;
            const labels = new Map([...scope.labels].map(([k, v]) => [k, gather(v, lanes)] as const));
            const out = sub.evaluateStatement(node, gather(flow, lanes), { ...scope, labels });
            work = Math.max(work, sub.work);
            lanes.forEach((lane, j) => {
                this.marks.marks[lane] = sub.marks.marks[j];
                copyLaneTo(out, j, merged, lane);
            });
            for (const [label, lanesOfLabel] of labels) {
                if (lanesOfLabel === undefined) continue;
                let target = mergedLabels.get(label);
                if (!target) {
                    const previous = scope.labels.get(label);
                    mergedLabels.set(label, (target = previous ? copyFlow(previous) : deadFlow(this.marks.count)));
                }
                lanes.forEach((lane, j) => copyLaneTo(lanesOfLabel, j, target, lane));
            }
        }
        this.work = work;
        for (const [k, v] of mergedLabels) scope.labels.set(k, v);
        return merged;
    }

    private evaluateStatement(node: Statement, flow: LaneFlow, scope: LaneScope): LaneFlow {
        const ctx = this.context(node, flow, scope);
        switch (node.$type) {
            case 'Conv':
            case 'DwConv':
            case 'Pool':
                return this.window(node, flow, ctx);
            case 'Deconv':
                return this.deconv(node, flow, ctx);
            case 'GlobalPool':
                return this.map(
                    flow,
                    () => 1,
                    () => 1,
                    d => d
                );
            case 'AdaptivePool': {
                const size = this.pair(axisPair(node.size, ctx, 'output size'), node);
                return this.map(
                    flow,
                    () => size[0],
                    () => size[1],
                    d => d
                );
            }
            case 'Upsample': {
                const factor = this.pair(axisPair(node.factor, ctx, 'scale factor'), node);
                return this.map(
                    flow,
                    w => w * factor[0],
                    h => h * factor[1],
                    d => d
                );
            }
            case 'ZeroPad': {
                const pad = axisPair(node.padding, ctx, 'padding');
                if (!pad || !nonNegative(pad, node.padding, ctx, 'padding')) throw new SizeIndependentError(node);
                return this.map(
                    flow,
                    w => w + 2 * pad[0],
                    h => h + 2 * pad[1],
                    d => d
                );
            }
            case 'Flatten':
                return this.flatten(flow);
            case 'Dense': {
                const units = this.count(evaluate(node.units, ctx), node);
                return this.map(
                    flow,
                    () => 1,
                    () => 1,
                    () => units
                );
            }
            case 'Dropout':
                if (node.rate !== undefined && !(node.rate >= 0 && node.rate < 1)) throw new SizeIndependentError(node);
                return flow;
            case 'BatchNorm':
            case 'Activation':
                return flow;
            case 'Shuffle': {
                const groups = this.count(evaluate(node.groups, ctx), node);
                return this.depthCheck(flow, d => d % groups === 0);
            }
            case 'Crop':
                return this.crop(this.pair(axisPair(node.size, ctx, 'crop size'), node), flow);
            case 'ConcatWith':
            case 'Add':
            case 'MultiplyWith':
                return this.reference(node, flow, scope);
            case 'Route':
                return this.route(node.refs, node, scope);
            case 'Concat':
                return this.sideBySide(
                    branchesOf(node).map(b => this.sequence(b, flow, scope)),
                    node
                );
            case 'Split':
                return this.split(node, flow, scope, ctx);
            case 'Residual': {
                const body = this.sequence(node.body, flow, scope);
                const shortcut = node.shortcut ? this.sequence(node.shortcutBody, flow, scope) : flow;
                const out = copyFlow(body);
                this.aligned(out, shortcut, false);
                return this.depthsEqual(out, [shortcut]);
            }
            case 'Multiply': {
                const gate = this.sequence(node.body, flow, scope);
                return this.broadcast(flow, gate, 'gate');
            }
            case 'Repeat': {
                const count = evaluate(node.count, ctx);
                if (count === undefined || count < 0) throw new SizeIndependentError(node);
                let current = flow;
                for (let i = 0; i < count; i++) {
                    if (++this.work > MAX_INSTANCES) throw new SizeIndependentError(node);
                    current = this.sequence(node.statements, current, scope);
                }
                return current;
            }
            case 'BlockCall':
                return this.call(node, flow, scope, ctx);
            case 'UnknownStatement':
                throw new SizeIndependentError(node);
        }
    }

    /** The engine's scope for evaluating this statement's numbers, `in` being the (uniform) volume of the open lanes. */
    private context(node: Statement, flow: LaneFlow, scope: LaneScope): LayerScope {
        const representative = (values: Float64Array, axis: 0 | 1 | 'd') => {
            const open = axis === 'd' ? this.openFor('d', flow) : (i: number) => this.marks.open(flow, axis, i);
            const v = uniformValue(values, open);
            return v === undefined || Number.isNaN(v) ? NEUTRAL : v;
        };
        const volumeOf = (f: LaneFlow) => ({ w: representative(f.w, 0), h: representative(f.h, 1), d: representative(f.d, 'd') });
        const labels = new Map<Statement, Instance>();
        for (const read of this.readsOf(node)) {
            if (read.source === 'in') continue;
            const lanes = scope.labels.get(read.source);
            // `evaluate` reads a label's dimensions from its instance's output volume, and nothing else.
            if (lanes) labels.set(read.source, { output: { volume: volumeOf(lanes) } } as unknown as Instance);
        }
        return {
            env: scope.env,
            sink: this.sink,
            callPath: scope.callPath,
            callArgs: [],
            input: volumeOf(flow),
            labels,
            rounding: scope.rounding,
            bias: scope.bias
        };
    }

    private count(value: number | undefined, node: AstNode): number {
        if (value === undefined || value < 1) throw new SizeIndependentError(node);
        return value;
    }

    private pair(value: AxisPair<number> | undefined, node: AstNode): AxisPair<number> {
        if (!value || value[0] < 1 || value[1] < 1) throw new SizeIndependentError(node);
        return value;
    }

    /** A layer whose size rule has no checks: each open lane mapped, dead lanes stay dead. */
    private map(flow: LaneFlow, fw: (w: number) => number, fh: (h: number) => number, fd: (d: number) => number): LaneFlow {
        const out = deadFlow(this.marks.count);
        for (let i = 0; i < this.marks.count; i++) {
            if (!Number.isNaN(flow.w[i])) out.w[i] = fw(flow.w[i]);
            if (!Number.isNaN(flow.h[i])) out.h[i] = fh(flow.h[i]);
            out.d[i] = fd(flow.d[i]);
        }
        return out;
    }

    private flatten(flow: LaneFlow): LaneFlow {
        if (this.marks.layout === 'pairs') {
            const out = this.map(
                flow,
                () => 1,
                () => 1,
                d => d
            );
            for (let i = 0; i < this.marks.count; i++) out.d[i] = flow.w[i] * flow.h[i] * flow.d[i];
            return out;
        }
        // In `axes` layout W·H·D is one number only when W and H are; otherwise later depth checks need pairs.
        const w = uniformValue(flow.w, i => this.marks.open(flow, 0, i));
        const h = uniformValue(flow.h, i => this.marks.open(flow, 1, i));
        const depth = w === undefined || h === undefined ? NaN : w * h * flow.d[0];
        return this.map(
            flow,
            () => 1,
            () => 1,
            () => depth
        );
    }

    /** A check on depth alone (groups, shuffle, split): a failure condemns the lane on both axes. */
    private depthCheck(flow: LaneFlow, ok: (d: number) => boolean): LaneFlow {
        const out = copyFlow(flow);
        for (let i = 0; i < this.marks.count; i++) {
            const d = flow.d[i];
            if (Number.isNaN(flow.w[i]) && Number.isNaN(flow.h[i])) continue;
            if (Number.isNaN(d)) {
                if (this.marks.layout === 'axes') throw new AxesCoupled('a depth check on W·H·D');
                continue;
            }
            if (!ok(d)) this.marks.failLane(out, i, true);
        }
        return out;
    }

    /** window-layers.ts's readWindowSpec, channelSpec and windowLayer, per lane. */
    private window(node: Conv | DwConv | Pool, flow: LaneFlow, ctx: LayerScope): LaneFlow {
        const isPool = node.$type === 'Pool';
        const spec = readWindowSpec(node, ctx);
        if (!spec) throw new SizeIndependentError(node);
        let checked = flow;
        let depth: (d: number) => number = d => d;
        if (node.$type === 'DwConv') {
            const multOpt = findOption(node, isMultOption);
            const mult = this.count(multOpt ? evaluate(multOpt.value, ctx) : 1, node);
            depth = d => d * mult;
        } else if (node.$type === 'Conv') {
            const filters = this.count(evaluate(node.filters, ctx), node);
            const groupsOpt = findOption(node, isGroupsOption);
            const groups = this.count(groupsOpt ? evaluate(groupsOpt.value, ctx) : 1, node);
            if (filters % groups !== 0) throw new SizeIndependentError(node);
            if (groups !== 1) checked = this.depthCheck(flow, d => d % groups === 0);
            depth = () => filters;
        }
        const rounding = roundingOf(node, ctx);
        const out = deadFlow(this.marks.count);
        for (const axis of [0, 1] as const) {
            const memo = this.windowMemo(spec.kernel[axis], spec.stride[axis], spec.dilation[axis], spec.pad[axis], rounding);
            const input = axisOf(checked, axis);
            const output = axisOf(out, axis);
            for (let i = 0; i < this.marks.count; i++) {
                const x = input[i];
                if (Number.isNaN(x)) continue;
                let verdict = memo.get(x);
                if (verdict === undefined) {
                    const r = windowAxis(
                        {
                            input: x,
                            kernel: spec.kernel[axis],
                            stride: spec.stride[axis],
                            dilation: spec.dilation[axis],
                            pad: spec.pad[axis]
                        },
                        rounding
                    );
                    memo.set(x, (verdict = windowVerdict(r, isPool, rounding)));
                }
                if (verdict.outcome === 'too-large') {
                    this.marks.fail(out, axis, i, true);
                    continue;
                }
                output[i] = verdict.size;
                if (verdict.outcome === 'non-integer') this.marks.fail(out, axis, i, false);
                else if (verdict.outcome === 'rounded') this.marks.rounded(axis, i);
            }
        }
        this.killedTogether(out);
        for (let i = 0; i < this.marks.count; i++) out.d[i] = depth(checked.d[i]);
        return out;
    }

    /** One axis of a window on an input size gives the same verdict wherever it occurs: blocks and repeats reuse it. */
    private windowMemo(
        kernel: number,
        stride: number,
        dilation: number,
        pad: number | 'same',
        rounding: Rounding
    ): Map<number, WindowVerdict> {
        const key = `${kernel}|${stride}|${dilation}|${pad}|${rounding}`;
        let memo = this.windowMemos.get(key);
        if (!memo) this.windowMemos.set(key, (memo = new Map()));
        return memo;
    }

    /** In `pairs` layout an error on either axis stops the whole flow of that input, as in the engine. */
    private killedTogether(out: { w: Float64Array; h: Float64Array }): void {
        if (this.marks.layout !== 'pairs') return;
        for (let i = 0; i < this.marks.count; i++) if (Number.isNaN(out.w[i]) || Number.isNaN(out.h[i])) out.w[i] = out.h[i] = NaN;
    }

    /** shape-layers.ts's deconvLayer: W2 = (W1−1)·S − 2P + d·(F−1) + O + 1, an error when ≤ 0. */
    private deconv(node: Deconv, flow: LaneFlow, ctx: LayerScope): LaneFlow {
        const filters = this.count(evaluate(node.filters, ctx), node);
        const kernel = this.pair(axisPair(node.kernel, ctx, 'kernel'), node);
        const strideOpt = findOption(node, isStrideOption);
        const dilationOpt = findOption(node, isDilationOption);
        const padValue = findOption(node, isPadOption)?.value;
        const outpadOpt = findOption(node, isOutpadOption);
        const stride = strideOpt ? axisPair(strideOpt.value, ctx, 'stride') : ([1, 1] as const);
        const dilation = dilationOpt ? axisPair(dilationOpt.value, ctx, 'dilation') : ([1, 1] as const);
        const pad = padValue ? axisPair(padValue, ctx, 'padding') : ([0, 0] as const);
        const outpad = outpadOpt ? axisPair(outpadOpt.value, ctx, 'output padding') : ([0, 0] as const);
        const groupsOpt = findOption(node, isGroupsOption);
        const groups = groupsOpt ? evaluate(groupsOpt.value, ctx) : 1;
        if (!stride || !dilation || !pad || !outpad || groups === undefined) throw new SizeIndependentError(node);
        if ([...stride, ...dilation, groups].some(v => v < 1) || [...pad, ...outpad].some(v => v < 0)) throw new SizeIndependentError(node);
        if ([0, 1].some(a => outpad[a] >= stride[a] && outpad[a] >= dilation[a])) throw new SizeIndependentError(node);
        if (filters % groups !== 0) throw new SizeIndependentError(node);
        const checked = groups === 1 ? flow : this.depthCheck(flow, d => d % groups === 0);
        const out = deadFlow(this.marks.count);
        for (const axis of [0, 1] as const) {
            const input = axisOf(checked, axis);
            const output = axisOf(out, axis);
            for (let i = 0; i < this.marks.count; i++) {
                if (Number.isNaN(input[i])) continue;
                const size = transposedAxis(input[i], kernel[axis], stride[axis], pad[axis], dilation[axis], outpad[axis]);
                if (size <= 0) this.marks.fail(out, axis, i, true);
                else output[i] = size;
            }
        }
        this.killedTogether(out);
        out.d.fill(filters);
        return out;
    }

    /** shape-layers.ts's cropLayer: a centre crop, an error when larger than the input. */
    private crop(size: AxisPair<number>, flow: LaneFlow): LaneFlow {
        const out = deadFlow(this.marks.count);
        for (const axis of [0, 1] as const) {
            const input = axisOf(flow, axis);
            const output = axisOf(out, axis);
            for (let i = 0; i < this.marks.count; i++) {
                if (Number.isNaN(input[i])) continue;
                if (size[axis] > input[i]) this.marks.fail(out, axis, i, true);
                else output[i] = size[axis];
            }
        }
        this.killedTogether(out);
        out.d.set(flow.d);
        return out;
    }

    /** Sources of a reference, as reference-layers.ts resolves them; an unresolvable name is a file error. */
    private sources(refs: readonly LabelRef[], node: Statement, scope: LaneScope): LaneFlow[] {
        return refs.map(ref => {
            const target = ref.target?.ref;
            const lanes =
                target && target.label && sameOwner(target, node) && offsetOf(target) < offsetOf(node)
                    ? scope.labels.get(target)
                    : undefined;
            if (!lanes) throw new SizeIndependentError(node);
            return lanes;
        });
    }

    private reference(node: Statement & { $type: 'ConcatWith' | 'Add' | 'MultiplyWith' }, flow: LaneFlow, scope: LaneScope): LaneFlow {
        const refs = node.$type === 'MultiplyWith' ? [node.ref] : node.refs;
        const sources = this.sources(refs, node, scope);
        if (node.$type === 'MultiplyWith') return this.broadcast(flow, sources[0], 'reference');
        // A source that has nothing where the current flow has something failed upstream: nothing flows on.
        const out = copyFlow(flow);
        for (const source of sources) this.aligned(out, source, node.crop);
        if (node.$type === 'Add') return this.depthsEqual(out, sources);
        for (let i = 0; i < this.marks.count; i++) for (const s of sources) out.d[i] += s.d[i];
        return out;
    }

    /** Each source equals the current W×H, or with `crop` is at least as large; `out` is the current flow, updated. */
    private aligned(out: { w: Float64Array; h: Float64Array }, source: LaneFlow, crop: boolean): void {
        for (const axis of [0, 1] as const) {
            const current = axisOf(out, axis);
            const other = axisOf(source, axis);
            for (let i = 0; i < this.marks.count; i++) {
                if (Number.isNaN(current[i])) continue;
                if (Number.isNaN(other[i])) current[i] = NaN;
                else if (crop ? other[i] < current[i] : other[i] !== current[i]) this.marks.fail(out, axis, i, true);
            }
        }
        this.killedTogether(out);
    }

    private depthsEqual(out: ReturnType<typeof copyFlow>, others: readonly LaneFlow[]): LaneFlow {
        for (let i = 0; i < this.marks.count; i++) {
            if (Number.isNaN(out.w[i]) && Number.isNaN(out.h[i])) continue;
            const d = out.d[i];
            for (const other of others) {
                const e = other.d[i];
                if (Number.isNaN(d) || Number.isNaN(e)) {
                    if (this.marks.layout === 'axes') throw new AxesCoupled('a depth comparison on W·H·D');
                } else if (d !== e) {
                    this.marks.failLane(out, i, true);
                    break;
                }
            }
        }
        return out;
    }

    /** `route`: the sources' W×H must agree; the flow restarts from them, depths summed. */
    private route(refs: readonly LabelRef[], node: Statement, scope: LaneScope): LaneFlow {
        const [first, ...rest] = this.sources(refs, node, scope);
        const out = copyFlow(first);
        for (const source of rest) this.aligned(out, source, false);
        for (let i = 0; i < this.marks.count; i++) for (const s of rest) out.d[i] += s.d[i];
        return out;
    }

    /** engine.ts's sideBySide: equal W×H across the lanes' outputs, depths summed. */
    private sideBySide(outputs: readonly LaneFlow[], node: Concat | Split): LaneFlow {
        if (outputs.length === 0) throw new SizeIndependentError(node);
        const [first, ...rest] = outputs;
        const out = copyFlow(first);
        for (const other of rest) this.aligned(out, other, false);
        for (let i = 0; i < this.marks.count; i++) for (const o of rest) out.d[i] += o.d[i];
        return out;
    }

    private split(node: Split, flow: LaneFlow, scope: LaneScope, ctx: LayerScope): LaneFlow {
        const branches = branchesOf(node);
        if (branches.length === 0) throw new SizeIndependentError(node);
        let parts: (d: number) => number[] | undefined;
        if (node.sizes.length === 0) {
            parts = d => (d % branches.length === 0 ? branches.map(() => d / branches.length) : undefined);
        } else {
            const sizes = node.sizes.map(s => this.count(evaluate(s, ctx), node));
            const total = sizes.reduce((a, b) => a + b, 0);
            parts = d => (sizes.length === branches.length && total === d ? sizes : undefined);
        }
        const checked = this.depthCheck(flow, d => parts(d) !== undefined);
        const outputs = branches.map((b, k) => {
            const input = copyFlow(checked);
            for (let i = 0; i < this.marks.count; i++) input.d[i] = parts(checked.d[i])?.[k] ?? NaN;
            return this.sequence(b, input, scope);
        });
        return this.sideBySide(outputs, node);
    }

    /**
     * reference-layers.ts's broadcast: x ⊙ y is valid when the volumes are
     * equal or one is 1×1×D or W×H×1 of the other; a `multiply { }` gate must
     * broadcast to x (the output is x), `multiply L` either way (the larger).
     * The choice hinges on both axes at once: in `axes` layout it must be the
     * same for every lane.
     */
    private broadcast(x: LaneFlow, y: LaneFlow, kind: 'gate' | 'reference'): LaneFlow {
        const n = this.marks.count;
        const out = deadFlow(n);
        const outcome = (xw: number, xh: number, xd: number, yw: number, yh: number, yd: number): 'x' | 'y' | 'none' => {
            const same = xw === yw && xh === yh && xd === yd;
            const fits = (sw: number, sh: number, sd: number, lw: number, lh: number, ld: number) =>
                (sw === 1 && sh === 1 && sd === ld) || (sw === lw && sh === lh && sd === 1);
            if (same || fits(yw, yh, yd, xw, xh, xd)) return 'x';
            if (kind === 'reference' && fits(xw, xh, xd, yw, yh, yd)) return 'y';
            return 'none';
        };
        if (this.marks.layout === 'pairs') {
            for (let i = 0; i < n; i++) {
                if (Number.isNaN(x.w[i]) || Number.isNaN(y.w[i])) continue;
                const o = outcome(x.w[i], x.h[i], x.d[i], y.w[i], y.h[i], y.d[i]);
                if (o === 'none') this.marks.marks[i] |= FAILED_BOTH;
                else copyLane(o === 'x' ? x : y, out, i);
            }
            return out;
        }
        // `axes`: per axis, the facts the outcome reads (x = 1, y = 1, x = y) sort the lanes into a few kinds.
        const kinds = (axis: 0 | 1) => {
            const xs = axisOf(x, axis);
            const ys = axisOf(y, axis);
            const found = new Map<number, number>();
            for (let i = 0; i < n; i++) {
                if (!this.marks.open(x, axis, i) || Number.isNaN(ys[i])) continue;
                const key = factsKey(xs[i], ys[i]);
                if (!found.has(key)) found.set(key, i);
            }
            return found;
        };
        if (Number.isNaN(x.d[0]) || Number.isNaN(y.d[0])) throw new AxesCoupled('a broadcast on W·H·D');
        const widthKinds = kinds(0);
        const heightKinds = kinds(1);
        // Every width kind meets every height kind (the lists are independent): the outcome of each meeting.
        const verdicts = new Map<string, 'x' | 'y' | 'none'>();
        for (const [kw, iw] of widthKinds) {
            for (const [kh, ih] of heightKinds) verdicts.set(`${kw}/${kh}`, outcome(x.w[iw], x.h[ih], x.d[0], y.w[iw], y.h[ih], y.d[0]));
        }
        // Separable when the valid meetings are a product and each axis's output does not hinge on the other axis.
        const passes = (kind: number, axis: 0 | 1) =>
            [...(axis === 0 ? heightKinds : widthKinds).keys()].some(
                other => verdicts.get(axis === 0 ? `${kind}/${other}` : `${other}/${kind}`) !== 'none'
            );
        const goodW = [...widthKinds.keys()].filter(k => passes(k, 0));
        const goodH = [...heightKinds.keys()].filter(k => passes(k, 1));
        const chosen = new Map<string, 'x' | 'y'>();
        for (const kw of goodW) {
            for (const kh of goodH) {
                const v = verdicts.get(`${kw}/${kh}`);
                if (v === 'none') throw new AxesCoupled('a broadcast that depends on both W and H');
                for (const [axis, kind] of [
                    ['w', kw],
                    ['h', kh]
                ] as const) {
                    const key = `${axis}${kind}`;
                    // With x = y on this axis the choice does not change the size.
                    const equal = (kind & SAME) !== 0;
                    if (!equal && chosen.has(key) && chosen.get(key) !== v)
                        throw new AxesCoupled('a broadcast whose output depends on both W and H');
                    chosen.set(key, v!);
                }
            }
        }
        const result = copyFlow(x);
        for (const axis of [0, 1] as const) {
            const xs = axisOf(x, axis);
            const ys = axisOf(y, axis);
            const outAxis = axisOf(result, axis);
            const good = new Set(axis === 0 ? goodW : goodH);
            for (let i = 0; i < n; i++) {
                if (Number.isNaN(xs[i])) continue;
                if (Number.isNaN(ys[i])) {
                    outAxis[i] = NaN;
                    continue;
                }
                const key = factsKey(xs[i], ys[i]);
                if (!good.has(key)) {
                    this.marks.fail(result, axis, i, true);
                    continue;
                }
                outAxis[i] = chosen.get(`${axis === 0 ? 'w' : 'h'}${key}`) === 'y' ? ys[i] : xs[i];
            }
        }
        // The depth is the chosen volume's: when x and y differ in depth, the choice must not vary by lane.
        const choices = new Set(chosen.values());
        if (choices.size > 1 && x.d[0] !== y.d[0]) throw new AxesCoupled('a broadcast whose depth depends on W and H');
        result.d.fill(choices.has('y') ? y.d[0] : x.d[0]);
        return result;
    }

    /** engine.ts's call: the block's body on this volume, its own labels; an unknown block, arity or cycle is a file error. */
    private call(node: BlockCall, flow: LaneFlow, scope: LaneScope, ctx: LayerScope): LaneFlow {
        const block = node.block?.ref;
        if (!block || block.params.length !== node.args.length || scope.callPath.some(c => c.block?.ref === block)) {
            throw new SizeIndependentError(node);
        }
        const env = new Map<Parameter, number>();
        block.params.forEach((p, i) => {
            const value = evaluate(node.args[i], ctx);
            if (value === undefined) throw new SizeIndependentError(node);
            env.set(p, value);
        });
        return this.sequence(block.statements, flow, { ...scope, env, callPath: [...scope.callPath, node], labels: new Map() });
    }

    /** The `in.*` and `L.*` its own numbers read (a structure's nested statements read for themselves). */
    private readsOf(node: Statement): readonly Read[] {
        let reads = this.readsCache.get(node);
        if (reads) return reads;
        const roots: (AstNode | undefined)[] =
            node.$type === 'Repeat'
                ? [node.count]
                : node.$type === 'BlockCall'
                  ? node.args
                  : node.$type === 'Split'
                    ? node.sizes
                    : ['Concat', 'Residual', 'Multiply'].includes(node.$type)
                      ? []
                      : [node];
        const found: Read[] = [];
        // A statement that a syntax error cut short may lack its count or an argument.
        for (const root of roots.filter(r => r !== undefined)) {
            for (const n of AstUtils.streamAst(root)) {
                if (isInDim(n) && isDim(n.dim)) found.push({ source: 'in', dim: n.dim });
                else if (isLabelDim(n) && isDim(n.dim) && n.label.ref) found.push({ source: n.label.ref, dim: n.dim });
            }
        }
        this.readsCache.set(node, (reads = found));
        return reads;
    }
}

/** x = y on an axis, in a broadcast's facts. */
const SAME = 4;

/** The facts a broadcast reads on one axis, as a number: x = 1, y = 1, x = y. */
function factsKey(x: number, y: number): number {
    return (x === 1 ? 1 : 0) | (y === 1 ? 2 : 0) | (x === y ? SAME : 0);
}

/** What one axis of a window does to one input size: window-layers.ts's checks on spatial.ts's arithmetic. */
interface WindowVerdict {
    readonly size: number;
    /** `too-large`: kernel-too-large, nothing flows on; `non-integer`: an error under strict rounding, the floor flows on. */
    readonly outcome: 'exact' | 'rounded' | 'non-integer' | 'too-large';
}

function windowVerdict(r: WindowAxisResult, isPool: boolean, rounding: Rounding): WindowVerdict {
    if (r.size <= 0 || (!isPool && r.effectiveKernel > r.input + r.padLow + r.padHigh)) return { size: r.size, outcome: 'too-large' };
    if (isInteger(r.exact) || r.resolvedBy === 'same') return { size: r.size, outcome: 'exact' };
    return { size: r.size, outcome: rounding === 'strict' ? 'non-integer' : 'rounded' };
}

function isDim(name: string): name is Dim {
    return name === 'w' || name === 'h' || name === 'd';
}

export function deadFlow(count: number): { w: Float64Array; h: Float64Array; d: Float64Array } {
    return { w: new Float64Array(count).fill(NaN), h: new Float64Array(count).fill(NaN), d: new Float64Array(count).fill(NaN) };
}

function copyLane(from: LaneFlow, to: { w: Float64Array; h: Float64Array; d: Float64Array }, i: number): void {
    copyLaneTo(from, i, to, i);
}

function copyLaneTo(from: LaneFlow, i: number, to: { w: Float64Array; h: Float64Array; d: Float64Array }, j: number): void {
    to.w[j] = from.w[i];
    to.h[j] = from.h[i];
    to.d[j] = from.d[i];
}

/** The lanes `lanes` of a flow, as a flow of their own. */
function gather(flow: LaneFlow, lanes: readonly number[]): LaneFlow {
    const out = deadFlow(lanes.length);
    lanes.forEach((lane, j) => copyLaneTo(flow, lane, out, j));
    return out;
}

function offsetOf(node: AstNode): number {
    return node.$cstNode?.offset ?? 0;
}

function sameOwner(a: AstNode, b: AstNode): boolean {
    const owner = (n: AstNode) => AstUtils.getContainerOfType(n, m => isNetwork(m) || isBlock(m));
    return owner(a) === owner(b);
}
