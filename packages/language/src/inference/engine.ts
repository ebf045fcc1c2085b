import {
    isBiasSetting,
    isBranch,
    isInDim,
    isRoute,
    isSize,
    isInput,
    isLabelDim,
    isParamRef,
    isRoundingSetting,
    type BlockCall,
    type Concat,
    type Branch,
    type Input,
    type Model,
    type Multiply,
    type Network,
    type Parameter,
    type Repeat,
    type Residual,
    type Split,
    type Statement
} from '../generated/ast.js';
import { AstUtils, type AstNode } from 'langium';
import { addAll, sumOrNaN, TooLargeError } from './checked.js';
import { evaluate, evaluateSize, isDimension } from './expressions.js';
import { IssueSink } from './issues.js';
import { FAILED, pairMap, positive, report, type LayerOutcome, type LayerScope } from './layer-support.js';
import {
    sameVolume,
    type CallInstance,
    type ConcatInstance,
    type DocumentAnalysis,
    type Flow,
    type Instance,
    type Lane,
    type LayerInstance,
    type LayerStatement,
    type MultiplyInstance,
    type NetworkAnalysis,
    type RepeatInstance,
    type ResidualInstance,
    type SplitInstance,
    type Volume
} from './model.js';
import { broadcast, referenceLayer } from './reference-layers.js';
import {
    activationLayer,
    adaptivePoolLayer,
    batchNormLayer,
    cropLayer,
    deconvLayer,
    denseLayer,
    dropoutLayer,
    flattenLayer,
    globalPoolLayer,
    shuffleLayer,
    upsampleLayer,
    zeroPadLayer
} from './shape-layers.js';
import { networkTotal, type NetworkCount } from './totals.js';
import type { Rounding } from './spatial.js';
import { windowLayer } from './window-layers.js';
import { maxOf } from '../util/large-arrays.js';

/**
 * A network that unrolls to more layer instances than this is refused as
 * `too-large`: `repeat 1000000000 { relu }` must finish, not hang.
 */
export const MAX_INSTANCES = 50_000;

/** A network's statements without `input`, `rounding` and `bias`: the layers, in order. */
function layerStatements(network: Network): Statement[] {
    return network.statements.filter((s): s is Statement => !isInput(s) && !isRoundingSetting(s) && !isBiasSetting(s));
}

/*
 * Objects are copied with `Object.assign({}, a, { b })`, not `{ ...a, b }`:
 * Node 20's V8 copies a spread followed by more properties on a slow path,
 * about 3 µs a copy against 0.3 µs (measured), and the engine made several
 * per statement: a third of the time of a 10,000-line network. The result,
 * key order included, is the same.
 */

/** What a sequence of statements evaluates to: its instances and the flow that leaves it. */
interface Sequence {
    readonly children: Instance[];
    readonly output?: Flow;
}

/**
 * Evaluates every network of a model in execution order and builds its tree
 * of instances. Plain TypeScript over the AST: the validator, the CLI, hints,
 * hovers, the renderer and the exporter all read its result.
 */
export class NetworkEvaluator {
    /** `inputOverride` evaluates a network on another input volume (the input-size search). */
    constructor(private readonly inputOverride?: (network: Network) => Volume | undefined) {}

    private readonly sink = new IssueSink();
    private readonly byNode = new Map<Statement, Instance[]>();
    private layers: LayerInstance[] = [];
    /** Statements and repeat iterations evaluated in this network, empty bodies included. */
    private work = 0;
    /** Set once the work budget is spent: nothing more is evaluated in this network. */
    private exhausted = false;
    private readonly activeRepeats: Repeat[] = [];
    private networkName = '';

    analyze(model: Model): DocumentAnalysis {
        const networks = model.declarations.filter((d): d is Network => d.$type === 'Network').map(n => this.network(n));
        return { networks, issues: this.sink.issues, instancesByNode: this.byNode };
    }

    /**
     * `analyze`, awaiting `interrupt` before each network: the language server
     * passes a check that throws once a newer edit cancelled the build. A
     * network itself is evaluated in one go (at most MAX_INSTANCES steps).
     */
    async analyzeInterruptibly(model: Model, interrupt: () => Promise<void>): Promise<DocumentAnalysis> {
        const networks: NetworkAnalysis[] = [];
        for (const declaration of model.declarations) {
            if (declaration.$type !== 'Network') continue;
            await interrupt();
            networks.push(this.network(declaration));
        }
        return { networks, issues: this.sink.issues, instancesByNode: this.byNode };
    }

    /** One network alone, with the issues it raised. */
    analyzeNetwork(network: Network): { network: NetworkAnalysis; issues: DocumentAnalysis['issues'] } {
        return { network: this.network(network), issues: this.sink.issues };
    }

    private network(network: Network): NetworkAnalysis {
        this.layers = [];
        this.work = 0;
        this.exhausted = false;
        // A half-typed `network {` has no name yet.
        const name: string | undefined = network.name;
        this.networkName = name ?? '';
        const rounding: Rounding = network.statements.find(isRoundingSetting)?.mode ?? 'strict';
        const bias = (network.statements.find(isBiasSetting)?.value ?? 'on') === 'on';
        const inputNode = network.statements.find(isInput);
        const scope: LayerScope = { env: new Map(), sink: this.sink, callPath: [], callArgs: [], labels: new Map(), rounding, bias };
        if (!inputNode) report(scope, 'missing-input', [network], { network: this.networkName });
        // A candidate input (the input-size search) replaces the written one.
        const input = this.inputOverride?.(network) ?? (inputNode && this.readInput(inputNode, scope));
        const flow: Flow | undefined = input && { volume: input, rf: [1, 1], jump: [1, 1] };
        const body = this.sequence(layerStatements(network), flow, scope);
        const layers = this.layers;
        const total = (count: NetworkCount) => networkTotal(scope, this.networkName, count, layers, body.children);
        return {
            network,
            name: network.name,
            input,
            output: this.exhausted ? undefined : body.output?.volume,
            rounding,
            bias,
            params: total('parameter count'),
            macs: total('MAC count'),
            activations: total('activation count'),
            body: body.children,
            layers
        };
    }

    private readInput(node: Input, scope: LayerScope): Volume | undefined {
        const parts = evaluateSize(node.size, scope);
        if (parts && parts.length !== 3) {
            report(scope, 'invalid-value', [node.size], { reason: 'not-a-volume', values: parts });
            return undefined;
        }
        return parts && positive(parts, node.size, scope, 'input size') ? { w: parts[0], h: parts[1], d: parts[2] } : undefined;
    }

    private sequence(statements: readonly Statement[], flow: Flow | undefined, scope: LayerScope): Sequence {
        const children: Instance[] = [];
        let current = flow;
        for (const statement of statements) {
            const instance = this.statement(statement, current, scope);
            children.push(instance);
            // A statement that names nothing known is skipped: the volume flows on unchanged.
            current = instance.output ?? (skipped(instance) ? current : undefined);
        }
        return { children, output: current };
    }

    private statement(node: Statement, flow: Flow | undefined, outer: LayerScope): Instance {
        // Past the budget the flow stops: later statements are recorded, not evaluated.
        const live = this.charge(node) ? flow : undefined;
        // `in.w`, `in.h`, `in.d` in this statement's numbers are the volume entering it.
        const scope: LayerScope = Object.assign({}, outer, { input: live?.volume });
        const instance = this.evaluateStatement(node, live, scope);
        this.record(instance);
        // A label names the statement's most recent output, for the references after it.
        if (node.label) outer.labels.set(node, instance);
        return instance;
    }

    private evaluateStatement(node: Statement, flow: Flow | undefined, scope: LayerScope): Instance {
        switch (node.$type) {
            case 'Concat':
                return this.concat(node, flow, scope);
            case 'Split':
                return this.split(node, flow, scope);
            case 'Residual':
                return this.residual(node, flow, scope);
            case 'Repeat':
                return this.repeat(node, flow, scope);
            case 'Multiply':
                return this.multiply(node, flow, scope);
            case 'BlockCall':
                return this.call(node, flow, scope);
            default:
                return this.layer(node, flow, scope);
        }
    }

    private layer(node: LayerStatement, flow: Flow | undefined, scope: LayerScope): LayerInstance {
        let outcome: (LayerOutcome & { skipped?: boolean }) | undefined;
        if (node.$type === 'UnknownStatement') {
            outcome = Object.assign({}, FAILED, { invalid: false, skipped: true });
        } else {
            // `route` restarts the flow from its labels, so it has a volume even after an error above it.
            const run = flow
                ? () => this.outcome(node, flow, scope)
                : isRoute(node)
                  ? () => referenceLayer(node, undefined, scope)
                  : undefined;
            try {
                outcome = run?.();
            } catch (e) {
                if (!(e instanceof TooLargeError)) throw e;
                report(scope, 'too-large', [node], { reason: 'count', count: e.count });
                // Not 0: a count past 2^53 is unknown, and so is every total that includes it.
                outcome = { ...FAILED, params: NaN, macs: NaN };
            }
        }
        const rf = outcome?.rf ?? flow?.rf;
        const jump = outcome?.jump ?? flow?.jump;
        const output: Flow | undefined = outcome?.output && rf && jump && { volume: outcome.output, rf, jump };
        const instance: LayerInstance = {
            kind: 'layer',
            node,
            op: canonicalOp(node),
            label: node.label,
            index: this.layers.length,
            input: flow,
            output,
            hyper: outcome?.hyper,
            exact: outcome?.exact,
            axes: outcome?.axes,
            filter: outcome?.filter,
            params: outcome?.params ?? 0,
            paramTerms: outcome?.paramTerms,
            macs: outcome?.macs ?? 0,
            rounding: scope.rounding,
            callPath: scope.callPath,
            invalid: outcome?.invalid ?? false,
            sources: outcome?.sources,
            skipped: outcome?.skipped ?? (outcome !== undefined && !outcome.output && namesSomethingUnknown(node))
        };
        this.layers.push(instance);
        return instance;
    }

    private outcome(node: LayerStatement, flow: Flow, scope: LayerScope): LayerOutcome {
        switch (node.$type) {
            case 'Conv':
            case 'DwConv':
            case 'Pool':
                return windowLayer(node, flow, scope);
            case 'Deconv':
                return deconvLayer(node, flow, scope);
            case 'GlobalPool':
                return globalPoolLayer(node, flow);
            case 'AdaptivePool':
                return adaptivePoolLayer(node, flow, scope);
            case 'Upsample':
                return upsampleLayer(node, flow, scope);
            case 'ZeroPad':
                return zeroPadLayer(node, flow, scope);
            case 'Flatten':
                return flattenLayer(flow);
            case 'Dense':
                return denseLayer(node, flow, scope);
            case 'BatchNorm':
                return batchNormLayer(flow);
            case 'Dropout':
                return dropoutLayer(node, flow, scope);
            case 'Activation':
                return activationLayer(node, flow);
            case 'Shuffle':
                return shuffleLayer(node, flow, scope);
            case 'Crop':
                return cropLayer(node, flow, scope);
            case 'ConcatWith':
            case 'Add':
            case 'MultiplyWith':
            case 'Route':
                return referenceLayer(node, flow, scope);
            case 'UnknownStatement':
                return Object.assign({}, FAILED, { invalid: false });
        }
    }

    /**
     * Counts work so that huge or nested repeats stop; false once the budget is
     * spent. The outermost repeat is the one to blame, once per network.
     */
    private charge(node: Statement): boolean {
        if (this.exhausted) return false;
        if (++this.work <= MAX_INSTANCES) return true;
        this.exhausted = true;
        const culprit: AstNode = this.activeRepeats[0]?.count ?? node;
        report({ env: new Map(), sink: this.sink, callPath: [], callArgs: [], labels: new Map() }, 'too-large', [culprit], {
            reason: 'unrolled',
            network: this.networkName,
            limit: MAX_INSTANCES
        });
        return false;
    }

    private record<T extends Instance>(instance: T): T {
        let list = this.byNode.get(instance.node);
        if (!list) this.byNode.set(instance.node, (list = []));
        list.push(instance);
        return instance;
    }

    /** A lane's totals are the sums of its children's. */
    private lane(role: Lane['role'], sequence: Sequence, input: Flow | undefined): Lane {
        return {
            role,
            children: sequence.children,
            input,
            output: sequence.output,
            params: sumOrNaN(
                'parameter count',
                sequence.children.map(c => c.params)
            ),
            macs: sumOrNaN(
                'MAC count',
                sequence.children.map(c => c.macs)
            )
        };
    }

    /** The common fields of a structure: its totals and validity come from its lanes. */
    private structure(
        node: Concat | Residual | Repeat | BlockCall | Multiply | Split,
        lanes: readonly Lane[],
        input: Flow | undefined,
        output: Flow | undefined,
        scope: LayerScope
    ) {
        return {
            kind: 'structure' as const,
            label: node.label,
            lanes,
            input,
            output,
            rounding: scope.rounding,
            callPath: scope.callPath,
            params: sumOrNaN(
                'parameter count',
                lanes.map(l => l.params)
            ),
            macs: sumOrNaN(
                'MAC count',
                lanes.map(l => l.macs)
            ),
            invalid: lanes.some(l => l.children.some(c => c.invalid))
        };
    }

    private concat(node: Concat, flow: Flow | undefined, scope: LayerScope): ConcatInstance {
        const lanes = branchesOf(node).map(b => this.lane('branch', this.sequence(b, flow, scope), flow));
        const output = this.sideBySide(node, lanes, flow, scope);
        return Object.assign(this.structure(node, lanes, flow, output, scope), { op: 'concat' as const, node });
    }

    /** The lanes' outputs concatenated on depth: equal W×H required. */
    private sideBySide(node: Concat | Split, lanes: readonly Lane[], flow: Flow | undefined, scope: LayerScope): Flow | undefined {
        const outputs = lanes.map(l => l.output);
        if (!flow || outputs.length === 0 || !outputs.every((o): o is Flow => o !== undefined)) return undefined;
        const first = outputs[0].volume;
        const odd = outputs.findIndex(f => f.volume.w !== first.w || f.volume.h !== first.h);
        if (odd >= 0) {
            report(scope, 'concat-mismatch', [branchNodes(node)[odd]], {
                sizes: outputs.map(f => [f.volume.w, f.volume.h] as const),
                branch: odd,
                input: flow.volume
            });
            return undefined;
        }
        let depth: number;
        try {
            depth = addAll(
                'concatenated depth',
                outputs.map(f => f.volume.d)
            );
        } catch (e) {
            if (!(e instanceof TooLargeError)) throw e;
            report(scope, 'too-large', [node], { reason: 'count', count: e.count });
            return undefined;
        }
        return {
            volume: { w: first.w, h: first.h, d: depth },
            rf: pairMap(a => maxOf(outputs.map(f => f.rf[a]))),
            jump: pairMap(a => maxOf(outputs.map(f => f.jump[a])))
        };
    }

    /** The input's depth in parts (equal, or as written), one per branch; the branches' outputs side by side. */
    private split(node: Split, flow: Flow | undefined, scope: LayerScope): SplitInstance {
        const branches = branchesOf(node);
        const parts = flow && this.splitDepths(node, flow.volume.d, branches.length, scope);
        const lanes = branches.map((b, k) => {
            const input: Flow | undefined = flow && parts && { ...flow, volume: { ...flow.volume, d: parts[k] } };
            return this.lane('branch', this.sequence(b, input, scope), input);
        });
        const output = parts ? this.sideBySide(node, lanes, flow, scope) : undefined;
        return Object.assign(this.structure(node, lanes, flow, output, scope), { op: 'split' as const, node, parts });
    }

    private splitDepths(node: Split, depth: number, branches: number, scope: LayerScope): number[] | undefined {
        if (node.sizes.length === 0) {
            if (branches > 0 && depth % branches === 0) return Array.from({ length: branches }, () => depth / branches);
            report(scope, 'split-mismatch', [node], { depth, branches });
            return undefined;
        }
        const sizes: number[] = [];
        for (const size of node.sizes) {
            const value = evaluate(size, scope);
            if (value === undefined || !positive([value], size, scope, 'split depth')) return undefined;
            sizes.push(value);
        }
        if (sizes.length !== branches || sizes.reduce((a, b) => a + b, 0) !== depth) {
            report(scope, 'split-mismatch', node.sizes, { depth, sizes, branches });
            return undefined;
        }
        return sizes;
    }

    /** `x ⊙ gate(x)`: the gate's output must broadcast to x (1×1×D, W×H×1 or x's volume); the output is x's. */
    private multiply(node: Multiply, flow: Flow | undefined, scope: LayerScope): MultiplyInstance {
        const gate = this.lane('gate', this.sequence(node.body, flow, scope), flow);
        const make = (output?: Flow): MultiplyInstance =>
            Object.assign(this.structure(node, [gate], flow, output, scope), { op: 'multiply' as const, node });
        if (!flow || !gate.output) return make();
        const x = flow.volume;
        const g = gate.output.volume;
        if (broadcast(x, g) !== x) {
            report(scope, 'merge-mismatch', [node], {
                statement: 'multiply',
                volumes: [{ volume: x }, { volume: g }],
                crop: false,
                problem: 'broadcast'
            });
            return make();
        }
        const gated = gate.output;
        return make({ volume: x, rf: pairMap(a => Math.max(flow.rf[a], gated.rf[a])), jump: flow.jump });
    }

    private residual(node: Residual, flow: Flow | undefined, scope: LayerScope): ResidualInstance {
        const body = this.lane('body', this.sequence(node.body, flow, scope), flow);
        const shortcut = this.lane(
            'shortcut',
            node.shortcut ? this.sequence(node.shortcutBody, flow, scope) : { children: [], output: flow },
            flow
        );
        const identityShortcut = !node.shortcut;
        const make = (output?: Flow): ResidualInstance =>
            Object.assign(this.structure(node, [body, shortcut], flow, output, scope), { op: 'residual' as const, node, identityShortcut });
        if (!flow || !body.output || !shortcut.output) return make();
        if (!sameVolume(body.output.volume, shortcut.output.volume)) {
            report(scope, 'residual-mismatch', [node], {
                body: body.output.volume,
                shortcut: shortcut.output.volume,
                input: flow.volume,
                rounding: scope.rounding,
                identityShortcut
            });
            return make();
        }
        const b = body.output;
        const s = shortcut.output;
        return make({ volume: b.volume, rf: pairMap(a => Math.max(b.rf[a], s.rf[a])), jump: b.jump });
    }

    private repeat(node: Repeat, flow: Flow | undefined, scope: LayerScope): RepeatInstance {
        const count = evaluate(node.count, scope);
        const lanes: Lane[] = [];
        const make = (output?: Flow, evaluated?: number): RepeatInstance =>
            Object.assign(this.structure(node, lanes, flow, output, scope), { op: 'repeat' as const, node, count: evaluated });
        if (count === undefined) return make();
        // `repeat 0` is the identity: the usual `first block + repeat n − 1` for n = 1.
        if (count < 0) {
            report(scope, 'invalid-value', [node.count], { reason: 'negative', quantity: 'repeat count', values: [count] });
            return make();
        }
        let current = flow;
        this.activeRepeats.push(node);
        for (let i = 0; i < count && this.charge(node); i++) {
            const iteration = this.sequence(node.statements, current, scope);
            lanes.push(this.lane('iteration', iteration, current));
            current = iteration.output;
        }
        this.activeRepeats.pop();
        return make(this.exhausted ? undefined : current, count);
    }

    private call(node: BlockCall, flow: Flow | undefined, scope: LayerScope): CallInstance {
        const block = node.block?.ref;
        const make = (lanes: readonly Lane[], output?: Flow, args?: readonly number[]): CallInstance =>
            Object.assign(this.structure(node, lanes, flow, output, scope), { op: 'call' as const, node, block, args });
        // Unknown blocks, arity and cycles are the validator's (they do not depend on
        // shapes); here they only stop evaluation, so a cycle is never followed. Past the
        // work budget a call is not expanded either: blocks calling blocks grow exponentially.
        if (this.exhausted || !block || block.params.length !== node.args.length || scope.callPath.some(c => c.block?.ref === block)) {
            return make([]);
        }
        const env = new Map<Parameter, number>();
        const args: number[] = [];
        for (let i = 0; i < block.params.length; i++) {
            const value = evaluate(node.args[i], scope);
            if (value === undefined) return make([]);
            env.set(block.params[i], value);
            args.push(value);
        }
        // A block instance has labels of its own: its references never see the caller's.
        const inner: LayerScope = {
            ...scope,
            env,
            callPath: [...scope.callPath, node],
            callArgs: [...scope.callArgs, args],
            labels: new Map()
        };
        const body = this.sequence(block.statements, flow, inner);
        return make([this.lane('body', body, flow)], body.output, args);
    }
}

/** `fc` → `dense`, `bn` → `batchnorm`, `swish` → `silu`; every other layer is named by its keyword. */
function canonicalOp(node: LayerStatement): LayerInstance['op'] {
    switch (node.$type) {
        case 'Conv':
            return 'conv';
        case 'DwConv':
            return 'dwconv';
        case 'Deconv':
            return 'deconv';
        case 'Flatten':
            return 'flatten';
        case 'Upsample':
            return 'upsample';
        case 'ZeroPad':
            return 'zeropad';
        case 'Dropout':
            return 'dropout';
        case 'Dense':
            return 'dense';
        case 'BatchNorm':
            return 'batchnorm';
        case 'Shuffle':
            return 'shuffle';
        case 'Crop':
            return 'crop';
        case 'ConcatWith':
            return 'concat';
        case 'Add':
            return 'add';
        case 'MultiplyWith':
            return 'multiply';
        case 'Route':
            return 'route';
        case 'UnknownStatement':
            return 'unknown';
        case 'Activation':
            return node.op === 'swish' ? 'silu' : node.op;
        default:
            return node.op;
    }
}

/** A skipped statement (an unknown word or name) lets the volume through; see LayerInstance.skipped. */
function skipped(instance: Instance): boolean {
    return instance.kind === 'layer' ? instance.skipped : instance.op === 'call' && !instance.block;
}

/** The statement uses a name that links to nothing (a parameter, a label, a block): a typo, not arithmetic. */
function namesSomethingUnknown(node: AstNode): boolean {
    return AstUtils.streamAst(node).some(n => {
        if (isParamRef(n)) return n.param.ref === undefined;
        if (isLabelDim(n)) return n.label.ref === undefined || !isDimension(n.dim);
        if (isInDim(n)) return !isDimension(n.dim);
        // `conv 8 kernel_size=3`: the kernel is an unknown option.
        if (isSize(n)) return n.unknown !== undefined;
        return false;
    });
}

/**
 * A concat's or split's branches in the order written: `branch { … }` blocks,
 * and statements written without one (each its own branch; the validator says
 * how to write them).
 */
export function branchesOf(node: Concat | Split): Statement[][] {
    return branchNodes(node).map(b => (isBranch(b) ? b.statements : [b]));
}

function branchNodes(node: Concat | Split): (Branch | Statement)[] {
    return [...node.branches, ...node.stray].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
}

/** Evaluates a model from scratch; services cache the result per document version. */
export function analyzeModel(model: Model): DocumentAnalysis {
    return new NetworkEvaluator().analyze(model);
}

/** `analyzeModel` for a build that a newer edit may cancel: `interrupt` is awaited between networks. */
export function analyzeModelInterruptibly(model: Model, interrupt: () => Promise<void>): Promise<DocumentAnalysis> {
    return new NetworkEvaluator().analyzeInterruptibly(model, interrupt);
}
