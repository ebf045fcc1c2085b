import { AstUtils } from 'langium';
import {
    isBlock,
    isNetwork,
    type Add,
    type ConcatWith,
    type LabelRef,
    type MultiplyWith,
    type Route,
    type Statement
} from '../generated/ast.js';
import { addAll } from './checked.js';
import type { MergeKind } from './issues.js';
import { FAILED, pairMap, report, type LayerOutcome, type LayerScope } from './layer-support.js';
import { sameVolume, type AxisPair, type Flow, type Source, type Volume } from './model.js';
import { centreCrop } from './shape-layers.js';
import { maxOf } from '../util/large-arrays.js';

/*
 * References to earlier outputs (§4.1): `concat with L…`, `add L…`,
 * `multiply L` and `route L…`. A reference reads the most recent output of
 * the labelled statement at this point of execution — in a repeat body, the
 * current iteration's — from the scope of its network or block instance.
 */

export type ReferenceNode = ConcatWith | Add | MultiplyWith | Route;

/** What the references of a statement resolve to. `unresolved`: a name the validator reports; the statement is skipped. */
type Resolution = { readonly sources: readonly Source[] } | { readonly unresolved: true } | { readonly unknownShape: true };

/** Where a node stands in its network or block, to tell an earlier label from a later one. */
function offsetOf(node: Statement | ReferenceNode): number {
    return node.$cstNode?.offset ?? 0;
}

function sameOwner(a: Statement, b: ReferenceNode): boolean {
    const owner = (n: Statement | ReferenceNode) => AstUtils.getContainerOfType(n, n => isNetwork(n) || isBlock(n));
    return owner(a) === owner(b);
}

function resolve(node: ReferenceNode, refs: readonly LabelRef[], scope: LayerScope): Resolution {
    const sources: Source[] = [];
    let unknownShape = false;
    for (const ref of refs) {
        const target = ref.target?.ref;
        // Unknown, in another network, or defined later in the text: the validator says which.
        if (!target?.label || !sameOwner(target, node) || offsetOf(target) >= offsetOf(node)) return { unresolved: true };
        const instance = scope.labels.get(target);
        if (!instance?.output) unknownShape = true;
        else sources.push({ label: target.label, instance });
    }
    return unknownShape ? { unknownShape: true } : { sources };
}

const volumeOf = (s: Source): Volume => s.instance.output?.volume ?? { w: 0, h: 0, d: 0 };
const flowOf = (s: Source): Flow | undefined => s.instance.output;

/** Receptive field and jump of a merge: the widest of its inputs. */
function merged(flows: readonly Flow[], volume: Volume): Pick<LayerOutcome, 'output' | 'rf' | 'jump'> {
    return {
        output: volume,
        rf: pairMap(a => maxOf(flows.map(f => f.rf[a]))),
        jump: pairMap(a => maxOf(flows.map(f => f.jump[a])))
    };
}

function mismatch(
    scope: LayerScope,
    node: ReferenceNode,
    statement: MergeKind,
    current: Volume | undefined,
    sources: readonly Source[],
    crop: boolean,
    problem: 'size' | 'volume' | 'broadcast' | 'crop'
): LayerOutcome {
    const volumes = [...(current ? [{ volume: current }] : []), ...sources.map(s => ({ label: s.label, volume: volumeOf(s) }))];
    report(scope, 'merge-mismatch', [node], { statement, volumes, crop, problem });
    return { ...FAILED, sources };
}

/**
 * With `crop`, each source is centre-cropped to the current W×H (it must be at
 * least as large); without, it must have it. Returns the sources with their
 * margins, or the problem.
 */
function aligned(current: Volume, sources: readonly Source[], crop: boolean): readonly Source[] | 'size' | 'crop' {
    const out: Source[] = [];
    for (const s of sources) {
        const v = volumeOf(s);
        if (!crop) {
            if (v.w !== current.w || v.h !== current.h) return 'size';
            out.push(s);
        } else {
            if (v.w < current.w || v.h < current.h) return 'crop';
            const size: AxisPair<number> = [current.w, current.h];
            out.push({ ...s, offset: centreCrop([v.w, v.h], size) });
        }
    }
    return out;
}

/** `flow` is undefined only for a `route` after an error: it does not read the current volume. */
export function referenceLayer(node: ReferenceNode, flow: Flow | undefined, scope: LayerScope): LayerOutcome & { skipped?: boolean } {
    const refs = node.$type === 'MultiplyWith' ? [node.ref] : node.refs;
    const resolution = resolve(node, refs, scope);
    if ('unresolved' in resolution) return { ...FAILED, invalid: false, skipped: true };
    if ('unknownShape' in resolution) return FAILED;
    const { sources } = resolution;
    if (node.$type === 'Route') return route(node, sources, scope);
    if (!flow) return FAILED;
    const current = flow.volume;
    const flows = [flow, ...sources.flatMap(s => flowOf(s) ?? [])];
    switch (node.$type) {
        case 'ConcatWith': {
            const ok = aligned(current, sources, node.crop);
            if (typeof ok === 'string') return mismatch(scope, node, 'concat', current, sources, node.crop, ok);
            const depth = addAll('concatenated depth', [current.d, ...ok.map(s => volumeOf(s).d)]);
            return finish(ok, merged(flows, { ...current, d: depth }), 'concat', node.crop);
        }
        case 'Add': {
            const ok = aligned(current, sources, node.crop);
            if (typeof ok === 'string') return mismatch(scope, node, 'add', current, sources, node.crop, ok);
            if (ok.some(s => volumeOf(s).d !== current.d)) return mismatch(scope, node, 'add', current, sources, node.crop, 'volume');
            return finish(ok, merged(flows, current), 'add', node.crop);
        }
        case 'MultiplyWith': {
            const output = broadcast(current, volumeOf(sources[0]));
            if (!output) return mismatch(scope, node, 'multiply', current, sources, false, 'broadcast');
            return finish(sources, merged(flows, output), 'multiply', false);
        }
    }
}

/** Darknet's route: the concatenation of the named outputs, whatever the current volume. */
function route(node: Route, sources: readonly Source[], scope: LayerScope): LayerOutcome {
    const first = volumeOf(sources[0]);
    if (sources.some(s => volumeOf(s).w !== first.w || volumeOf(s).h !== first.h)) {
        return mismatch(scope, node, 'route', undefined, sources, false, 'size');
    }
    const depth = addAll(
        'concatenated depth',
        sources.map(s => volumeOf(s).d)
    );
    return finish(
        sources,
        merged(
            sources.flatMap(s => flowOf(s) ?? []),
            { ...first, d: depth }
        ),
        'route',
        false
    );
}

function finish(
    sources: readonly Source[],
    shape: Pick<LayerOutcome, 'output' | 'rf' | 'jump'>,
    op: MergeKind,
    crop: boolean
): LayerOutcome {
    return { ...shape, sources, params: 0, macs: 0, invalid: false, hyper: { op, crop } };
}

/**
 * `a ⊙ b` with broadcasting (§4.1): equal volumes, or the smaller one is
 * 1×1×D (a per-channel gate) or W×H×1 (a spatial gate) of the larger. The
 * product has the larger volume; undefined when they do not broadcast.
 */
export function broadcast(a: Volume, b: Volume): Volume | undefined {
    if (sameVolume(a, b)) return a;
    const fits = (small: Volume, large: Volume) =>
        (small.w === 1 && small.h === 1 && small.d === large.d) || (small.w === large.w && small.h === large.h && small.d === 1);
    if (fits(b, a)) return a;
    if (fits(a, b)) return b;
    return undefined;
}
