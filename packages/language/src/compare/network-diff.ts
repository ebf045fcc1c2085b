/*
 * The model behind `convspec diff A B` and the editor's compare view: two
 * networks' trees aligned row by row, with totals. It reads only the
 * engine's tree (no Node, no LSP), so the language server and a browser can
 * use it as the CLI does.
 */
import {
    countOrNull,
    volumeArray,
    type Flow,
    type Instance,
    type Lane,
    type NetworkAnalysis,
    type StructureInstance
} from '../inference/model.js';
import { alignRuns, type AlignItem } from './align.js';
import { statementText } from './statement-text.js';
import { structureFields, structureText } from '../presentation/structure-text.js';
import { pushAll } from '../util/large-arrays.js';
import type { DiffAspect, DiffNetworkHeader, DiffRow, DiffSide, DiffTotal, NetworkDiff } from './diff-types.js';

export type { DiffAspect, DiffNetworkHeader, DiffRow, DiffSide, DiffTotal, NetworkDiff };

/** Network A against network B: rows aligned by label, then by operation and position within each structure. */
export function diffNetworks(a: NetworkAnalysis, b: NetworkAnalysis): NetworkDiff {
    return {
        a: header(a),
        b: header(b),
        rows: diffRuns(a.body, b.body, 0),
        params: total(a.params, b.params),
        macs: total(a.macs, b.macs)
    };
}

const flowVolume = (f: Flow | undefined) => volumeArray(f?.volume);
const lineOf = (node: { $cstNode?: { range: { start: { line: number } } } } | undefined) => (node?.$cstNode?.range.start.line ?? 0) + 1;

function header(n: NetworkAnalysis): DiffNetworkHeader {
    return { name: n.name, input: volumeArray(n.input), output: volumeArray(n.output) };
}

function total(a: number, b: number): DiffTotal {
    const [ka, kb] = [countOrNull(a), countOrNull(b)];
    const delta = ka === null || kb === null ? null : kb - ka;
    return { a: ka, b: kb, delta, percent: delta === null || !ka ? null : (delta / ka) * 100 };
}

/* ---- alignment keys ---- */

/** Block calls align with calls of the same block; everything else by its operation. */
function alignKey(i: Instance): string {
    if (i.kind === 'structure' && i.op === 'call') return `call ${i.node.block.$refText}`;
    return i.op;
}

/** The statement's own settings: a layer's hyper-parameters and sources, a structure's count, arguments or parts. */
function settings(i: Instance): string {
    if (i.kind === 'layer') return JSON.stringify([i.hyper ?? null, i.sources?.map(s => s.label) ?? null]);
    switch (i.op) {
        case 'repeat':
            return JSON.stringify(i.count ?? null);
        case 'call':
            return JSON.stringify([i.node.block.$refText, i.args ?? null]);
        case 'split':
            return JSON.stringify(i.parts ?? null);
        case 'residual':
            return JSON.stringify(i.identityShortcut);
        default:
            return '';
    }
}

function alignItem(i: Instance): AlignItem {
    const side = instanceSide(i);
    return {
        key: alignKey(i),
        label: i.label,
        layer: i.kind === 'layer',
        content: JSON.stringify([side.input, side.output, side.params, side.macs, settings(i)])
    };
}

/* ---- sides ---- */

function instanceSide(i: Instance): DiffSide {
    return {
        line: lineOf(i.node),
        op: i.op,
        label: i.label ?? null,
        input: flowVolume(i.input),
        output: flowVolume(i.output),
        params: countOrNull(i.params),
        macs: countOrNull(i.macs),
        text: i.kind === 'layer' ? statementText(i.node) : structureText(structureFields(i))
    };
}

/** The structures whose lanes are rows of their own (a call's body and a gate are the structure's row itself). */
function showsLanes(s: StructureInstance): boolean {
    return s.op === 'concat' || s.op === 'split' || s.op === 'residual' || s.op === 'repeat';
}

function laneSide(s: StructureInstance, lane: Lane, index: number): DiffSide {
    const numbered = lane.role === 'branch' || lane.role === 'iteration';
    const branchNode = (s.op === 'concat' || s.op === 'split') && lane.role === 'branch' ? s.node.branches[index] : undefined;
    const identity = s.op === 'residual' && lane.role === 'shortcut' && s.identityShortcut;
    return {
        line: lineOf(branchNode ?? s.node),
        op: lane.role,
        label: null,
        input: flowVolume(lane.input),
        output: flowVolume(lane.output),
        params: countOrNull(lane.params),
        macs: countOrNull(lane.macs),
        text: numbered ? `${lane.role} ${index + 1}` : identity ? 'shortcut (identity)' : lane.role
    };
}

/* ---- rows ---- */

function diffRuns(a: readonly Instance[], b: readonly Instance[], depth: number): DiffRow[] {
    const rows: DiffRow[] = [];
    for (const [i, j] of alignRuns(a.map(alignItem), b.map(alignItem))) {
        if (i !== null && j !== null) pushAll(rows, diffPair(a[i], b[j], depth));
        else if (i !== null) pushAll(rows, oneSided(a[i], 'removed', depth));
        else if (j !== null) pushAll(rows, oneSided(b[j], 'added', depth));
    }
    return rows;
}

function sameNumbers(x: readonly number[] | null, y: readonly number[] | null): boolean {
    if (x === null || y === null) return x === y;
    return x.length === y.length && x.every((v, k) => v === y[k]);
}

function delta(a: number | null, b: number | null): number | null {
    return a === null || b === null ? null : b - a;
}

function matchedRow(a: DiffSide, b: DiffSide, depth: number, structure: boolean, own: DiffAspect[], below: readonly DiffRow[]): DiffRow {
    const differences: DiffAspect[] = [];
    if (a.op !== b.op) differences.push('op');
    if (a.label !== b.label) differences.push('label');
    if (!sameNumbers(a.input, b.input)) differences.push('input');
    if (!sameNumbers(a.output, b.output)) differences.push('output');
    if (a.params !== b.params) differences.push('params');
    if (a.macs !== b.macs) differences.push('macs');
    for (const d of own) differences.push(d);
    if (below.some(r => r.kind !== 'same')) differences.push('contents');
    return {
        kind: differences.length ? 'changed' : 'same',
        depth,
        structure,
        a,
        b,
        params: delta(a.params, b.params),
        macs: delta(a.macs, b.macs),
        differences
    };
}

function diffPair(a: Instance, b: Instance, depth: number): DiffRow[] {
    const own: DiffAspect[] = settings(a) === settings(b) ? [] : ['settings'];
    if (a.kind === 'layer' || b.kind === 'layer') {
        // Two layers (a layer is never paired with a structure: see align.ts). Written differently
        // but evaluated alike (`pad 1` and `pad same` on a 3×3) is the same layer.
        return [matchedRow(instanceSide(a), instanceSide(b), depth, false, own, [])];
    }
    const below = diffLanes(a, b, depth + 1);
    return [matchedRow(instanceSide(a), instanceSide(b), depth, true, own, below), ...below];
}

/** Lanes pair in order (branch 1 with branch 1, iteration 2 with iteration 2); the rows inside are aligned. */
function diffLanes(a: StructureInstance, b: StructureInstance, depth: number): DiffRow[] {
    const rows: DiffRow[] = [];
    const lanes = Math.max(a.lanes.length, b.lanes.length);
    for (let k = 0; k < lanes; k++) {
        const [la, lb] = [a.lanes[k], b.lanes[k]];
        if (!showsLanes(a)) {
            pushAll(rows, diffRuns(la?.children ?? [], lb?.children ?? [], depth));
        } else if (la && lb) {
            const inside = diffRuns(la.children, lb.children, depth + 1);
            rows.push(matchedRow(laneSide(a, la, k), laneSide(b, lb, k), depth, true, [], inside));
            pushAll(rows, inside);
        } else if (la) {
            pushAll(rows, oneSidedLane(a, la, k, 'removed', depth));
        } else if (lb) {
            pushAll(rows, oneSidedLane(b, lb, k, 'added', depth));
        }
    }
    return rows;
}

function oneSidedRow(side: DiffSide, kind: 'added' | 'removed', depth: number, structure: boolean): DiffRow {
    const sign = kind === 'added' ? 1 : -1;
    return {
        kind,
        depth,
        structure,
        a: kind === 'removed' ? side : null,
        b: kind === 'added' ? side : null,
        params: side.params === null ? null : sign * side.params,
        macs: side.macs === null ? null : sign * side.macs,
        differences: []
    };
}

/** A statement only one network has: its row and every row below it, all on that side. */
function oneSided(i: Instance, kind: 'added' | 'removed', depth: number): DiffRow[] {
    const row = oneSidedRow(instanceSide(i), kind, depth, i.kind === 'structure');
    if (i.kind === 'layer') return [row];
    const rows = [row];
    i.lanes.forEach((lane, k) => {
        if (showsLanes(i)) pushAll(rows, oneSidedLane(i, lane, k, kind, depth + 1));
        else for (const child of lane.children) pushAll(rows, oneSided(child, kind, depth + 1));
    });
    return rows;
}

function oneSidedLane(s: StructureInstance, lane: Lane, k: number, kind: 'added' | 'removed', depth: number): DiffRow[] {
    const rows = [oneSidedRow(laneSide(s, lane, k), kind, depth, true)];
    for (const child of lane.children) pushAll(rows, oneSided(child, kind, depth + 1));
    return rows;
}
