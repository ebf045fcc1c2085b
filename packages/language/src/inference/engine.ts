import {
    isBiasSetting, isInput, isRoundingSetting,
    type BlockCall, type Concat, type Input, type Model, type Network, type Parameter, type Repeat, type Residual, type Statement
} from '../generated/ast.js';
import type { AstNode } from 'langium';
import { IssueCodes } from '../validation/codes.js';
import { add, TooLargeError } from './checked.js';
import { evaluate, evaluateSize } from './expressions.js';
import { IssueSink } from './issues.js';
import { positive, report, type LayerOutcome, type LayerScope } from './layer-support.js';
import { formatVolume, sameVolume, type DocumentAnalysis, type Flow, type LayerInstance, type NetworkAnalysis, type Volume } from './model.js';
import {
    adaptivePoolLayer, batchNormLayer, deconvLayer, denseLayer, dropoutLayer, elementwiseLayer, flattenLayer, globalPoolLayer,
    upsampleLayer, zeroPadLayer
} from './shape-layers.js';
import type { Rounding } from './spatial.js';
import { windowLayer } from './window-layers.js';

/**
 * A network that unrolls to more layer instances than this is refused as
 * `too-large`: `repeat 1000000000 { relu }` must finish, not hang.
 */
export const MAX_INSTANCES = 50_000;

/** A network's statements without `input`, `rounding` and `bias`: the layers, in order. */
export function layerStatements(network: Network): Statement[] {
    return network.statements.filter((s): s is Statement => !isInput(s) && !isRoundingSetting(s) && !isBiasSetting(s));
}

const CANONICAL_OP: Record<string, string> = { fc: 'dense', bn: 'batchnorm' };

class InstanceBudgetExceeded extends Error {
    constructor(readonly culprit: AstNode) {
        super('instance budget exceeded');
    }
}

/**
 * Evaluates every network of a model in execution order. Plain TypeScript over
 * the AST: the validator, the CLI, hints and hovers all read its result.
 */
export class NetworkEvaluator {
    /** `inputOverride` evaluates a network on another input volume (the input-size search). */
    constructor(private readonly inputOverride?: (network: Network) => Volume | undefined) {}

    private readonly sink = new IssueSink();
    private readonly byNode = new Map<Statement, LayerInstance[]>();
    private instances: LayerInstance[] = [];
    /** Statements and repeat iterations evaluated in this network, empty bodies included. */
    private work = 0;
    private readonly activeRepeats: Repeat[] = [];

    analyze(model: Model): DocumentAnalysis {
        const networks = model.declarations.filter((d): d is Network => d.$type === 'Network').map(n => this.network(n));
        return { networks, issues: this.sink.issues, instancesByNode: this.byNode };
    }

    /** One network alone, with the issues it raised. */
    analyzeNetwork(network: Network): { network: NetworkAnalysis; issues: DocumentAnalysis['issues'] } {
        return { network: this.network(network), issues: this.sink.issues };
    }

    private network(network: Network): NetworkAnalysis {
        this.instances = [];
        this.work = 0;
        const rounding: Rounding = network.statements.find(isRoundingSetting)?.mode ?? 'strict';
        const bias = (network.statements.find(isBiasSetting)?.value ?? 'on') === 'on';
        const inputNode = network.statements.find(isInput);
        const scope: LayerScope = { env: new Map(), sink: this.sink, callPath: [], rounding, bias };
        if (!inputNode) {
            report(scope, IssueCodes.MissingInput, [network], `network ${network.name} has no \`input WxHxD\`: nothing to infer shapes from`);
        }
        // A candidate input (the input-size search) replaces the written one.
        const input = this.inputOverride?.(network) ?? (inputNode && this.readInput(inputNode, scope));
        const statements = layerStatements(network);
        let flow: Flow | undefined = input && { volume: input, rf: [1, 1], jump: [1, 1] };
        try {
            flow = this.sequence(statements, flow, scope);
        } catch (e) {
            if (!(e instanceof InstanceBudgetExceeded)) throw e;
            report(scope, IssueCodes.TooLarge, [e.culprit], `network ${network.name} unrolls to more than ${MAX_INSTANCES.toLocaleString('en-US')} layers and repetitions`);
            this.activeRepeats.length = 0;
            flow = undefined;
        }
        const leaves = this.instances.filter(i => !i.structural);
        const total = (pick: (i: LayerInstance) => number, what: string) => {
            try {
                return add(what, ...leaves.map(pick));
            } catch (e) {
                if (!(e instanceof TooLargeError)) throw e;
                report(scope, IssueCodes.TooLarge, [network], `the ${what} of ${network.name} ${e.message}`);
                return NaN;
            }
        };
        return {
            network, name: network.name, input, output: flow?.volume, rounding, bias,
            params: total(i => i.params, 'parameter count'),
            macs: total(i => i.macs, 'MAC count'),
            activations: total(i => (i.output ? i.output.volume.w * i.output.volume.h * i.output.volume.d : 0), 'activation count'),
            instances: this.instances
        };
    }

    private readInput(node: Input, scope: LayerScope): Volume | undefined {
        const parts = evaluateSize(node.size, scope);
        if (parts && parts.length !== 3) {
            report(scope, IssueCodes.InvalidValue, [node.size], `an input volume is WxHxD, not ${parts.join('x')}`);
            return undefined;
        }
        return parts && positive(parts, node.size, scope, 'input size') ? { w: parts[0], h: parts[1], d: parts[2] } : undefined;
    }

    private sequence(statements: readonly Statement[], flow: Flow | undefined, scope: LayerScope): Flow | undefined {
        for (const statement of statements) flow = this.statement(statement, flow, scope);
        return flow;
    }

    private statement(node: Statement, flow: Flow | undefined, scope: LayerScope): Flow | undefined {
        this.charge(node);
        switch (node.$type) {
            case 'Concat': return this.concat(node, flow, scope);
            case 'Residual': return this.residual(node, flow, scope);
            case 'Repeat': return this.repeat(node, flow, scope);
            case 'BlockCall': return this.call(node, flow, scope);
        }
        let outcome: LayerOutcome | undefined;
        if (flow) {
            try {
                outcome = this.layer(node, flow, scope);
            } catch (e) {
                if (!(e instanceof TooLargeError)) throw e;
                report(scope, IssueCodes.TooLarge, [node], e.message);
                outcome = { invalid: true, params: 0, macs: 0 };
            }
        }
        const output: Flow | undefined = outcome?.output && { volume: outcome.output, rf: outcome.rf ?? flow!.rf, jump: outcome.jump ?? flow!.jump };
        const op = 'op' in node ? CANONICAL_OP[node.op] ?? node.op : node.$type.toLowerCase();
        this.record({
            node, op, label: node.label, structural: false, input: flow, output,
            exact: outcome?.exact, axes: outcome?.axes, filter: outcome?.filter, hyper: outcome?.hyper,
            params: outcome?.params ?? 0, paramFormula: outcome?.paramFormula, macs: outcome?.macs ?? 0,
            rounding: scope.rounding, callPath: scope.callPath, invalid: outcome?.invalid ?? false
        });
        return output;
    }

    private layer(node: Exclude<Statement, Concat | Residual | Repeat | BlockCall>, flow: Flow, scope: LayerScope): LayerOutcome {
        switch (node.$type) {
            case 'Conv': case 'DwConv': case 'Pool': return windowLayer(node, flow, scope);
            case 'Deconv': return deconvLayer(node, flow, scope);
            case 'GlobalPool': return globalPoolLayer(flow);
            case 'AdaptivePool': return adaptivePoolLayer(node, flow, scope);
            case 'Upsample': return upsampleLayer(node, flow, scope);
            case 'ZeroPad': return zeroPadLayer(node, flow, scope);
            case 'Flatten': return flattenLayer(flow);
            case 'Dense': return denseLayer(node, flow, scope);
            case 'BatchNorm': return batchNormLayer(flow);
            case 'Dropout': return dropoutLayer(node, flow, scope);
            case 'Activation': return elementwiseLayer(flow, node.op === 'prelu' ? 1 : 0, node.slope);
        }
    }

    /** Counts work so that huge or nested repeats stop; the outermost repeat is the one to blame. */
    private charge(node: Statement): void {
        if (++this.work <= MAX_INSTANCES) return;
        const outermost = this.activeRepeats[0];
        throw new InstanceBudgetExceeded(outermost?.count ?? node);
    }

    private record(instance: LayerInstance): void {
        this.instances.push(instance);
        let list = this.byNode.get(instance.node);
        if (!list) this.byNode.set(instance.node, list = []);
        list.push(instance);
    }

    /** Sums the leaves recorded since `start`: a structure's own totals. */
    private structure(node: Concat | Residual | Repeat | BlockCall, op: string, start: number, input: Flow | undefined, output: Flow | undefined, scope: LayerScope, count?: number): Flow | undefined {
        const inner = this.instances.slice(start).filter(i => !i.structural);
        let params = NaN;
        let macs = NaN;
        try {
            params = add('parameter count', ...inner.map(i => i.params));
            macs = add('MAC count', ...inner.map(i => i.macs));
        } catch (e) {
            if (!(e instanceof TooLargeError)) throw e;
        }
        this.record({
            node, op, label: node.label, structural: true, input, output, params, macs, hyper: count === undefined ? undefined : { count },
            rounding: scope.rounding, callPath: scope.callPath, invalid: inner.some(i => i.invalid)
        });
        return output;
    }

    private concat(node: Concat, flow: Flow | undefined, scope: LayerScope): Flow | undefined {
        const start = this.instances.length;
        const outputs = node.branches.map(b => this.sequence(b.statements, flow, scope));
        if (!flow || outputs.some(o => !o) || outputs.length === 0) return this.structure(node, 'concat', start, flow, undefined, scope);
        const flows = outputs as Flow[];
        const first = flows[0].volume;
        const odd = flows.findIndex(f => f.volume.w !== first.w || f.volume.h !== first.h);
        if (odd >= 0) {
            const sizes = flows.map((f, i) => `branch ${i + 1}: ${f.volume.w}×${f.volume.h}`).join(', ');
            report(scope, IssueCodes.ConcatMismatch, [node.branches[odd]],
                `concatenated branches must agree on W×H (${sizes})`,
                { sizes: flows.map(f => [f.volume.w, f.volume.h]), branch: odd });
            return this.structure(node, 'concat', start, flow, undefined, scope);
        }
        let depth = 0;
        try {
            depth = add('concatenated depth', ...flows.map(f => f.volume.d));
        } catch (e) {
            if (!(e instanceof TooLargeError)) throw e;
            report(scope, IssueCodes.TooLarge, [node], e.message);
            return this.structure(node, 'concat', start, flow, undefined, scope);
        }
        const output: Flow = {
            volume: { w: first.w, h: first.h, d: depth },
            rf: [Math.max(...flows.map(f => f.rf[0])), Math.max(...flows.map(f => f.rf[1]))],
            jump: [Math.max(...flows.map(f => f.jump[0])), Math.max(...flows.map(f => f.jump[1]))]
        };
        return this.structure(node, 'concat', start, flow, output, scope);
    }

    private residual(node: Residual, flow: Flow | undefined, scope: LayerScope): Flow | undefined {
        const start = this.instances.length;
        const body = this.sequence(node.body, flow, scope);
        const shortcut = node.shortcut ? this.sequence(node.shortcutBody, flow, scope) : flow;
        if (!flow || !body || !shortcut) return this.structure(node, 'residual', start, flow, undefined, scope);
        if (!sameVolume(body.volume, shortcut.volume)) {
            report(scope, IssueCodes.ResidualMismatch, [node],
                `the residual body gives ${formatVolume(body.volume)} but the ${node.shortcut ? 'shortcut' : 'identity shortcut'} gives ${formatVolume(shortcut.volume)}`,
                { body: body.volume, shortcut: shortcut.volume, input: flow.volume, rounding: scope.rounding });
            return this.structure(node, 'residual', start, flow, undefined, scope);
        }
        const output: Flow = {
            volume: body.volume,
            rf: [Math.max(body.rf[0], shortcut.rf[0]), Math.max(body.rf[1], shortcut.rf[1])],
            jump: body.jump
        };
        return this.structure(node, 'residual', start, flow, output, scope);
    }

    private repeat(node: Repeat, flow: Flow | undefined, scope: LayerScope): Flow | undefined {
        const start = this.instances.length;
        const count = evaluate(node.count, scope);
        if (count === undefined || !positive([count], node.count, scope, 'repeat count')) {
            return this.structure(node, 'repeat', start, flow, undefined, scope);
        }
        let current = flow;
        this.activeRepeats.push(node);
        for (let i = 0; i < count; i++) {
            this.charge(node);
            current = this.sequence(node.statements, current, scope);
        }
        this.activeRepeats.pop();
        return this.structure(node, 'repeat', start, flow, current, scope, count);
    }

    private call(node: BlockCall, flow: Flow | undefined, scope: LayerScope): Flow | undefined {
        const start = this.instances.length;
        const block = node.block?.ref;
        // Unknown blocks, arity and cycles are the validator's (they do not depend on
        // shapes); here they only stop evaluation, so a cycle is never followed.
        if (!block || block.params.length !== node.args.length || scope.callPath.some(c => c.block?.ref === block)) {
            return this.structure(node, 'call', start, flow, undefined, scope);
        }
        const env = new Map<Parameter, number>();
        for (let i = 0; i < block.params.length; i++) {
            const value = evaluate(node.args[i], scope);
            if (value === undefined) return this.structure(node, 'call', start, flow, undefined, scope);
            env.set(block.params[i], value);
        }
        const inner: LayerScope = { ...scope, env, callPath: [...scope.callPath, node] };
        const output = this.sequence(block.statements, flow, inner);
        return this.structure(node, 'call', start, flow, output, scope);
    }
}

/** Evaluates a model from scratch; services cache the result per document version. */
export function analyzeModel(model: Model): DocumentAnalysis {
    return new NetworkEvaluator().analyze(model);
}
