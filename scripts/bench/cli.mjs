#!/usr/bin/env node
/**
 * How fast the CLI starts (issue #12, point 1). Whole processes, as a user's
 * shell or CI runs them, in paired rounds against `node -e 0` on the same
 * machine in the same run (each round runs every command once, so a busy
 * moment hits them alike); the figure of each is its median wall time.
 *
 *   convspec --version                   ≤ 1.5× node -e 0
 *   convspec summary examples/resnet50   ≤ 3× node -e 0
 *   the torch summary script ÷ summary   ≥ 30× (when /usr/bin/python3 has torch)
 *   check of 100 copies of examples/     ≤ 2 ms per file beyond the first: (T(N) − T(1)) / (N − 1)
 *
 * The code cache (bin/cached-bundle.js) is warmed first, in a folder of this
 * run's; the cold figure (no cache) is printed for information.
 * Also prints the sizes of the bundles and of the npm package.
 * Build first (`pnpm build`). BENCH_ROUNDS sets the rounds (default 15).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { figure, writeFigures } from './lib/figures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGE = path.join(ROOT, 'packages/language');
const BIN = path.join(PACKAGE, 'bin/convspec.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PYTHON = '/usr/bin/python3';
const TORCH_SCRIPT = path.join(ROOT, 'scripts/bench/torch_summary.py');

const work = mkdtempSync(path.join(tmpdir(), 'convspec-bench-cli-'));
const env = { ...process.env, CONVSPEC_CACHE_DIR: path.join(work, 'cache'), NO_COLOR: '1' };

/** Wall milliseconds of one whole process; throws when it fails (other than check's exit 1 for the invalid examples). */
function timed(command, args) {
    const started = performance.now();
    const r = spawnSync(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = performance.now() - started;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return ms;
}

const median = values => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Each command once per round, in turn; the median of each. */
function paired(commands, rounds) {
    const times = commands.map(() => []);
    for (let round = 0; round < rounds; round++) commands.forEach(([command, args], i) => times[i].push(timed(command, args)));
    return times.map(median);
}

// 100 copies of examples/ (its subfolders too), and one file alone.
const copies = path.join(work, 'copies');
for (let i = 1; i <= 100; i++) cpSync(path.join(ROOT, 'examples'), path.join(copies, `copy${i}`), { recursive: true });
const countConv = dir =>
    readdirSync(dir, { withFileTypes: true }).reduce(
        (n, e) => n + (e.isDirectory() ? countConv(path.join(dir, e.name)) : e.name.endsWith('.conv') ? 1 : 0),
        0
    );
const files = countConv(copies);
const one = path.join(ROOT, 'examples/resnet50.conv');

const node = [process.execPath, ['-e', '0']];
const version = [process.execPath, [BIN, '--version']];
const summary = [process.execPath, [BIN, 'summary', 'examples/resnet50.conv']];
const checkOne = [process.execPath, [BIN, 'check', one]];
const checkAll = [process.execPath, [BIN, 'check', copies]];

timed(...summary); // warms the code cache
const [nodeMs, versionMs, summaryMs] = paired([node, version, summary], ROUNDS);
const checkRounds = Math.max(3, Math.round(ROUNDS / 3));
const [checkOneMs, checkAllMs] = paired([checkOne, checkAll], checkRounds);
const perFile = (checkAllMs - checkOneMs) / (files - 1);
env.CONVSPEC_CODE_CACHE = '0';
const [coldNodeMs, coldSummaryMs] = paired([node, summary], Math.max(3, Math.round(ROUNDS / 3)));
delete env.CONVSPEC_CODE_CACHE;

const figures = [
    figure('node -e 0', nodeMs, 'ms', 'baseline'),
    figure('convspec --version', versionMs / nodeMs, '× node', '≤ 1.5', r => r <= 1.5),
    figure('convspec summary resnet50.conv', summaryMs / nodeMs, '× node', '≤ 3', r => r <= 3),
    figure(`check of ${files} files: per file beyond the first`, perFile, 'ms/file', '≤ 2', r => r <= 2),
    figure('summary without the code cache (information)', coldSummaryMs / coldNodeMs, '× node', 'none')
];
console.log(`whole processes, median of ${ROUNDS} paired rounds (check: ${checkRounds}):`);
console.log(
    `  node -e 0 ${nodeMs.toFixed(0)} ms · --version ${versionMs.toFixed(0)} ms · summary resnet50 ${summaryMs.toFixed(0)} ms` +
        ` (no code cache: ${coldSummaryMs.toFixed(0)} ms vs node ${coldNodeMs.toFixed(0)} ms)`
);
console.log(`  check: 1 file ${checkOneMs.toFixed(0)} ms, ${files} files ${checkAllMs.toFixed(0)} ms`);

const torch = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { stdio: 'ignore' });
if (existsSync(PYTHON) && torch.status === 0) {
    const torchRounds = 3;
    const [torchMs, summaryAgainMs] = paired(
        [
            [PYTHON, [TORCH_SCRIPT]],
            [process.execPath, [BIN, 'summary', 'examples/resnet50.conv']]
        ],
        torchRounds
    );
    console.log(
        `  torch summary script ${torchMs.toFixed(0)} ms vs convspec summary ${summaryAgainMs.toFixed(0)} ms (median of ${torchRounds})`
    );
    figures.push(figure('torch summary script ÷ convspec summary', torchMs / summaryAgainMs, '×', '≥ 30', r => r >= 30));
} else {
    console.log('  torch summary script: skipped, /usr/bin/python3 has no torch/torchvision');
}

// Sizes: what a user downloads and what start-up reads.
const bytes = file => statSync(path.join(ROOT, file)).size;
figures.push(figure('dist/convspec.cjs (CLI and server bundle)', bytes('packages/language/dist/convspec.cjs'), 'bytes', 'none'));
figures.push(figure('dist/index.mjs (library bundle)', bytes('packages/language/dist/index.mjs'), 'bytes', 'none'));
const pack = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: PACKAGE, encoding: 'utf8' });
if (pack.status === 0) {
    const [{ size, unpackedSize }] = JSON.parse(pack.stdout);
    figures.push(figure('npm package, packed', size, 'bytes', '< 1,000,000', s => s < 1_000_000));
    figures.push(figure('npm package, unpacked', unpackedSize, 'bytes', 'none'));
}
const vsix = readdirSync(path.join(ROOT, 'packages/extension')).find(f => f.endsWith('.vsix'));
if (vsix) figures.push(figure(`${vsix} (information: built by pnpm package)`, bytes(`packages/extension/${vsix}`), 'bytes', 'none'));

rmSync(work, { recursive: true, force: true });
process.exit(writeFigures('cli', figures) ? 0 : 1);
