import type { Rounding } from '../../inference/spatial.js';
import { findPattern, formatPattern, nearestMembers, runsOf, type SizePattern } from '../../inference/size-pattern.js';
import { inputChoices, type InputChoices, type ValidInputs } from '../../inference/valid-inputs.js';
import { formatVolume, type Volume } from '../../inference/model.js';
import { formatCount } from '../../presentation/numbers.js';
import { pushAll } from '../../util/large-arrays.js';

/** One network's answer, with what the text and JSON need around it. */
export interface NetworkInputs {
    readonly name: string;
    readonly input: Volume;
    readonly rounding: Rounding;
    /** 1-based line of the statement no input size cures (when `result.kind` is `unsolvable`). */
    readonly unsolvableLine?: number;
    readonly result: ValidInputs;
}

/** At most this many runs of a list are printed; JSON has every size. */
const SHOWN_RUNS = 10;
/** At most this many widths of a pair list are printed. */
const SHOWN_PAIR_ROWS = 16;

function runText([a, b]: readonly [number, number]): string {
    return a === b ? String(a) : b === a + 1 ? `${a}, ${b}` : `${a}–${b}`;
}

/** `63–66, 95–98, …, 4095–4096`: the first runs and the last two. */
export function sizeList(sizes: readonly number[]): string {
    if (sizes.length === 0) return 'none';
    const runs = runsOf(sizes);
    if (runs.length <= SHOWN_RUNS) return runs.map(runText).join(', ');
    return [...runs.slice(0, SHOWN_RUNS - 2).map(runText), '…', ...runs.slice(-2).map(runText)].join(', ');
}

function patternText(pattern: SizePattern | undefined, lo: number, hi: number): string {
    if (!pattern) return `no period describes the upper half of ${lo}..${hi}`;
    const text = formatPattern(pattern);
    const where = pattern.from === lo ? `in ${lo}..${hi}` : `from ${pattern.from} to ${hi}`;
    return text === 'none' ? `no size ${where}` : `${text} ${where}`;
}

function nearText(sizes: readonly number[], declared: number): string {
    if (sizes.includes(declared)) return `${declared} is one`;
    const { below, above } = nearestMembers(sizes, declared);
    const parts = [below !== undefined ? `${below} below` : undefined, above !== undefined ? `${above} above` : undefined].filter(p => p);
    return parts.length ? `nearest to ${declared}: ${parts.join(', ')}` : `none near ${declared}`;
}

function axisBlock(title: string, valid: readonly number[], exact: readonly number[], declared: number, n: NetworkInputs): string[] {
    const { lo, hi } = n.result.range;
    const lines = [`${title}:`];
    for (const [label, sizes] of [
        [`valid under rounding ${n.rounding}`, valid],
        ['tile exactly (no layer rounds)', exact]
    ] as const) {
        lines.push(`  ${label}: ${formatCount(sizes.length)} size${sizes.length === 1 ? '' : 's'}: ${sizeList(sizes)}`);
        if (sizes.length === 0) continue;
        lines.push(`    pattern: ${patternText(findPattern(sizes, lo, hi), lo, hi)}`);
        lines.push(`    smallest: ${sizes[0]}; ${nearText(sizes, declared)}`);
    }
    return lines;
}

function choiceText(c: InputChoices, declared: Volume): string {
    if (c.declaredValid) return `${formatVolume(declared)} is one`;
    const parts = [c.below && `${formatVolume(c.below)} below`, c.above && `${formatVolume(c.above)} above`].filter(p => p);
    return parts.length ? parts.join(', ') : 'none in the range';
}

/** One row per run of widths that share the same valid heights: `W 2–40: H 1`. */
function pairRows(pairs: readonly (readonly [number, number])[]): string[] {
    const byWidth = new Map<number, number[]>();
    for (const [w, h] of pairs) {
        let list = byWidth.get(w);
        if (!list) byWidth.set(w, (list = []));
        list.push(h);
    }
    const rows: { widths: [number, number]; heights: string }[] = [];
    for (const [w, hs] of byWidth) {
        const heights = sizeList(hs);
        const last = rows[rows.length - 1];
        if (last && last.widths[1] === w - 1 && last.heights === heights) last.widths[1] = w;
        else rows.push({ widths: [w, w], heights });
    }
    const lines = rows.map(({ widths: [a, b], heights }) => `    W ${a === b ? a : `${a}–${b}`}: H ${heights}`);
    return lines.length <= SHOWN_PAIR_ROWS
        ? lines
        : [...lines.slice(0, SHOWN_PAIR_ROWS), `    … ${formatCount(lines.length - SHOWN_PAIR_ROWS)} more rows`];
}

/** The text answer for one network. */
export function formatInputsText(n: NetworkInputs): string {
    const { lo, hi } = n.result.range;
    const head = `${n.name}: input ${formatVolume(n.input)}, rounding ${n.rounding}`;
    const r = n.result;
    if (r.kind === 'unsolvable') {
        const where = `line ${n.unsolvableLine ?? '?'}`;
        const why = 'has an error that does not depend on the input size (see convspec check)';
        return `${head}\n  no input size can make it valid: ${where} ${why}\n`;
    }
    const lines: string[] = [];
    if (r.kind === 'pairs') {
        lines.push(`${head}; width and height interact (${r.reason}): valid (W, H) pairs in ${lo}..${hi} × ${lo}..${hi}`);
        for (const [label, pairs] of [
            [`valid under rounding ${n.rounding}`, r.valid],
            ['tile exactly (no layer rounds)', r.exact]
        ] as const) {
            lines.push(`  ${label}: ${formatCount(pairs.length)} pair${pairs.length === 1 ? '' : 's'}`);
            pushAll(lines, pairRows(pairs));
        }
    } else {
        lines.push(`${head}; sizes ${lo}..${hi}, width and height independent`);
        const same =
            r.width.valid.join() === r.height.valid.join() && r.width.exact.join() === r.height.exact.join() && n.input.w === n.input.h;
        if (same) pushAll(lines, axisBlock('width and height (the same sizes)', r.width.valid, r.width.exact, n.input.w, n));
        else {
            pushAll(lines, axisBlock('width', r.width.valid, r.width.exact, n.input.w, n));
            pushAll(lines, axisBlock('height', r.height.valid, r.height.exact, n.input.h, n));
        }
    }
    const valid = inputChoices(r, n.input, 'valid');
    const exact = inputChoices(r, n.input, 'exact');
    lines.push(`  nearest valid input: ${choiceText(valid, n.input)}; tiling exactly: ${choiceText(exact, n.input)}`);
    lines.push(`  smallest valid input: ${valid.smallest ? formatVolume(valid.smallest) : 'none in the range'}`);
    return lines.join('\n') + '\n';
}

const volumeArray = (v?: Volume) => (v ? [v.w, v.h, v.d] : null);
const patternJson = (p: SizePattern | undefined) => (p ? { ...p, text: formatPattern(p) } : null);

function axisJson(valid: readonly number[], exact: readonly number[], declared: number, lo: number, hi: number) {
    const side = (sizes: readonly number[]) => ({
        sizes,
        pattern: patternJson(findPattern(sizes, lo, hi)),
        smallest: sizes[0] ?? null,
        declared: sizes.includes(declared),
        below: nearestMembers(sizes, declared).below ?? null,
        above: nearestMembers(sizes, declared).above ?? null
    });
    return { valid: side(valid), exact: side(exact) };
}

function choicesJson(c: InputChoices) {
    return { declared: c.declaredValid, below: volumeArray(c.below), above: volumeArray(c.above), smallest: volumeArray(c.smallest) };
}

/** The JSON object for one network (`inputs --format json` prints `{ file, networks: [these] }`). */
export function inputsJson(n: NetworkInputs): object {
    const r = n.result;
    const { lo, hi } = r.range;
    const base = { name: n.name, input: volumeArray(n.input), rounding: n.rounding, range: [lo, hi] };
    if (r.kind === 'unsolvable') return { ...base, kind: 'unsolvable', line: n.unsolvableLine ?? null };
    const nearest = { valid: choicesJson(inputChoices(r, n.input, 'valid')), exact: choicesJson(inputChoices(r, n.input, 'exact')) };
    if (r.kind === 'pairs') return { ...base, kind: 'pairs', reason: r.reason, pairs: { valid: r.valid, exact: r.exact }, nearest };
    return {
        ...base,
        kind: 'axes',
        width: axisJson(r.width.valid, r.width.exact, n.input.w, lo, hi),
        height: axisJson(r.height.valid, r.height.exact, n.input.h, lo, hi),
        nearest
    };
}
