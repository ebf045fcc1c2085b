#!/usr/bin/env node
/**
 * `convspec inputs` (issue #11): the valid input sizes 1..4096 of every
 * example network must come in under 1 s each. The baseline, measured in
 * this run, is one run of the plain engine on the declared input: a brute
 * force would take 4,096 (per axis) of those. Build first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'packages/language/out');
const load = file => import(pathToFileURL(path.join(OUT, file)).href);
const { analyzeText } = await load('index.js');
const { solveValidInputs } = await load('inference/valid-inputs.js');
const { NetworkEvaluator } = await load('inference/engine.js');

const RANGE = { lo: 1, hi: 4096 };
const examples = path.join(ROOT, 'examples');
let failed = 0;
let worst = 0;
console.log('network                 one engine run   solver 1..4096 (first call, again)   brute force ÷ solver');
for (const file of readdirSync(examples)
    .filter(f => f.endsWith('.conv'))
    .sort()) {
    const analyzed = await analyzeText(readFileSync(path.join(examples, file), 'utf8'), pathToFileURL(path.join(examples, file)).href);
    for (const n of analyzed.analysis.networks) {
        if (!n.input) continue;
        const runs = 5;
        let started = performance.now();
        for (let i = 0; i < runs; i++) new NetworkEvaluator(m => (m === n.network ? n.input : undefined)).analyzeNetwork(n.network);
        const engineMs = (performance.now() - started) / runs;
        started = performance.now();
        solveValidInputs(n.network, n.input.d, RANGE);
        const firstMs = performance.now() - started;
        started = performance.now();
        const result = solveValidInputs(n.network, n.input.d, RANGE);
        const againMs = performance.now() - started;
        worst = Math.max(worst, firstMs);
        // Width and height independent: a brute force runs the engine once per size and axis; pairs: once per pair.
        const bruteRuns = result.kind === 'pairs' ? 128 * 128 : 2 * RANGE.hi;
        const speedup = (bruteRuns * engineMs) / firstMs;
        console.log(
            `${n.name.padEnd(22)} ${engineMs.toFixed(2).padStart(9)} ms ${firstMs.toFixed(0).padStart(14)} ms, ${againMs.toFixed(0).padStart(5)} ms` +
                `${' '.repeat(16)}${speedup.toFixed(0).padStart(6)}×  (${result.kind})`
        );
        if (firstMs >= 1000) failed++;
    }
}
const ok = failed === 0;
console.log(`${ok ? 'pass' : 'FAIL'}  slowest network, 1..4096, first call: ${worst.toFixed(0)} ms  (target < 1000 ms per network)`);
process.exit(ok ? 0 : 1);
