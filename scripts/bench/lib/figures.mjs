// What every bench script reports: named figures, each with its target and
// whether it is met. Printed as a table, and written as JSON to
// $BENCH_RESULTS_DIR/<script>.json when `pnpm bench` (scripts/bench.mjs)
// collects them into bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * One figure. `target` is how it reads (`≤ 3`, or `none` for a figure given
 * for information); `meets` decides pass or fail when there is a target.
 */
export function figure(name, value, unit, target, meets) {
    return { name, value: Number(value.toPrecision(4)), unit, target, pass: meets ? meets(value) : null };
}

/** Prints the figures and writes them for the collector; true when no target is missed. */
export function writeFigures(script, figures) {
    const width = Math.max(...figures.map(f => f.name.length));
    for (const f of figures) {
        const verdict = f.pass === null ? '' : f.pass ? '  ok' : '  MISSED';
        const target = f.target === 'none' || f.target === 'baseline' ? '' : `  (target ${f.target})`;
        console.log(`${f.name.padEnd(width)}  ${String(f.value).padStart(12)} ${f.unit}${target}${verdict}`);
    }
    const dir = process.env.BENCH_RESULTS_DIR;
    if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `${script}.json`), JSON.stringify({ figures }, null, 2) + '\n');
    }
    return figures.every(f => f.pass !== false);
}
