#!/usr/bin/env node
// `pnpm bench`: runs every scripts/bench/*.mjs in turn (build first). Each
// prints its figures as ratios against a baseline measured in the same run,
// with its target, and exits non-zero when a target is missed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const only = process.argv[2];
let failed = 0;
for (const file of readdirSync(dir)
    .filter(f => f.endsWith('.mjs') && (!only || f.includes(only)))
    .sort()) {
    console.log(`\n== ${file}`);
    const result = spawnSync(process.execPath, ['--expose-gc', dir + file], { stdio: 'inherit' });
    if (result.status !== 0) failed++;
}
console.log(failed ? `\nbench: ${failed} script(s) missed a target` : '\nbench: every target met');
process.exit(failed ? 1 : 0);
