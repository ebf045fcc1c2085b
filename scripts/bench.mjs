#!/usr/bin/env node
// `pnpm bench`: runs every scripts/bench/*.mjs in turn (build first; modules
// they share live in scripts/bench/lib/). Each prints its figures as ratios
// against a baseline measured in the same run, with its target, and exits
// non-zero when a target is missed. The figures of all of them, with the
// machine they ran on, are written to bench/results.json: the README quotes it.
//   node scripts/bench.mjs [NAME]   only the scripts whose file name contains NAME
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const resultsFile = fileURLToPath(new URL('../bench/results.json', import.meta.url));
const only = process.argv[2];
const collected = mkdtempSync(path.join(tmpdir(), 'convspec-bench-results-'));
const scripts = readdirSync(dir)
    .filter(f => f.endsWith('.mjs') && (!only || f.includes(only)))
    .sort();

let failed = 0;
const results = {};
for (const file of scripts) {
    console.log(`\n== ${file}`);
    const result = spawnSync(process.execPath, ['--expose-gc', dir + file], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_RESULTS_DIR: collected }
    });
    const name = file.replace(/\.mjs$/, '');
    const json = path.join(collected, `${name}.json`);
    results[name] = {
        exitCode: result.status,
        figures: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')).figures : []
    };
    if (result.status !== 0) failed++;
}
rmSync(collected, { recursive: true, force: true });

// A partial run (NAME given) updates its scripts' entries and keeps the others'.
const previous = only && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).scripts : {};
const cpu = cpus();
mkdirSync(path.dirname(resultsFile), { recursive: true });
writeFileSync(
    resultsFile,
    JSON.stringify(
        {
            date: new Date().toISOString(),
            machine: {
                cpu: cpu[0]?.model ?? 'unknown',
                cores: cpu.length,
                memoryGB: Math.round(totalmem() / 2 ** 30),
                platform: `${process.platform} ${process.arch}`,
                node: process.version
            },
            scripts: { ...previous, ...results }
        },
        null,
        2
    ) + '\n'
);
console.log(`\nfigures written to bench/results.json`);
console.log(failed ? `bench: ${failed} script(s) missed a target` : 'bench: every target met');
process.exit(failed ? 1 : 0);
