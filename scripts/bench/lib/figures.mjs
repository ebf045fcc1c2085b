// What every bench script reports: named figures, each with its target and
// whether it is met. Printed as they are measured or as a table, and written
// as JSON to $BENCH_RESULTS_DIR/<script>.json when `pnpm bench`
// (scripts/bench.mjs) collects them into bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * One figure. `target` is how it reads (`≤ 3`, `baseline`, or `none` for a
 * figure given for information); `meets` decides pass or fail when there is a
 * target. A value that is not a finite number (a wait that timed out) is
 * written as null and misses its target.
 */
export function figure(name, value, unit, target, meets) {
    const measured = typeof value === 'number' && Number.isFinite(value);
    return {
        name,
        value: measured ? Number(value.toPrecision(4)) : null,
        unit,
        target,
        pass: meets ? measured && meets(value) : null
    };
}

function line(f, width = 0) {
    const verdict = f.pass === null ? '' : f.pass ? '  ok' : '  MISSED';
    const target = f.target === 'none' || f.target === 'baseline' ? '' : `  (target ${f.target})`;
    const value = f.value === null ? 'not measured' : String(f.value);
    return `${f.name.padEnd(width)}  ${value.padStart(12)} ${f.unit}${target}${verdict}`;
}

/** Writes the figures for the collector, if one runs; true when no target is missed. */
function save(script, figures) {
    const dir = process.env.BENCH_RESULTS_DIR;
    if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `${script}.json`), JSON.stringify({ figures }, null, 2) + '\n');
    }
    return figures.every(f => f.pass !== false);
}

/** Prints the figures as a table and writes them for the collector; true when no target is missed. */
export function writeFigures(script, figures) {
    const width = Math.max(...figures.map(f => f.name.length));
    for (const f of figures) console.log(line(f, width));
    return save(script, figures);
}

/** Figures printed one by one as they are measured, for the benches that run for minutes. */
export class Figures {
    list = [];

    add(name, value, unit, target, meets) {
        const f = figure(name, value, unit, target, meets);
        this.list.push(f);
        console.log(line(f));
    }

    /** A step that failed before it could measure: a missed target. */
    failed(name, error) {
        this.list.push({ name, value: null, unit: '', target: 'runs', pass: false });
        console.log(`${name}: ${error instanceof Error ? error.message : String(error)}  MISSED`);
    }

    /** Writes the figures for the collector; true when no target is missed. */
    finish(script) {
        return save(script, this.list);
    }
}
