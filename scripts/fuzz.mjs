#!/usr/bin/env node
// `pnpm fuzz [COUNT] [SEED]`: the hostile-input fuzz of the test suite
// (packages/language/test/fuzz), at 100,000 inputs by default instead of 2,000.
// Build first (`pnpm build`): the real-process part runs the built CLI.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [count = '100000', seed = String(Date.now() % 100000)] = process.argv.slice(2);
const language = fileURLToPath(new URL('../packages/language/', import.meta.url));
console.log(`fuzz: ${Number(count).toLocaleString('en-US')} hostile inputs, seed ${seed}`);
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', 'test/fuzz'], {
    cwd: language,
    stdio: 'inherit',
    env: { ...process.env, CONVSPEC_FUZZ_COUNT: count, CONVSPEC_FUZZ_SEED: seed, CONVSPEC_FUZZ_PROGRESS: '1' }
});
console.log(`fuzz: ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${seed})`);
process.exit(result.status ?? 1);
