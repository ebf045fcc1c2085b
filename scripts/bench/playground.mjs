#!/usr/bin/env node
/**
 * The playground's cost to a visitor (issue #13, point 4): what the page
 * downloads (every file of packages/playground/dist, gzipped as a static host
 * would send it) and the time from navigation to the first inlay hint of the
 * seed example (`→ 26×26×96 · 165,984 params`), median of 3 fresh loads in
 * headless Chromium (scripts/e2e/setup.sh installs it and playwright-core).
 * Builds the playground first (packages/language must be built).
 * BENCH_RESULTS_DIR: also writes playground.json ({ figures: [...] }).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PLAYGROUND = path.join(ROOT, 'packages/playground');
const PLAYWRIGHT = path.join(ROOT, '.tools/pw/node_modules/playwright-core/index.mjs');
const GZIP_TARGET = 1_500_000;
const FIRST_HINT_TARGET_MS = 4_000;
const LOADS = 3;
// 28×28×192 through 96 3×3 filters: (28 − 3)/1 + 1 = 26; 3·3·192·96 + 96 parameters.
const SEED_HINT = `→ 26×26×96 · ${(3 * 3 * 192 * 96 + 96).toLocaleString('en-US')} params`;

const figures = [];
function report(name, value, unit, target, pass) {
    figures.push({ name, value, unit, target, pass });
    console.log(`${pass ? 'ok  ' : 'MISS'} ${name}: ${value.toLocaleString('en-US')} ${unit} (target ${target})`);
}

const build = spawnSync(process.execPath, [path.join(PLAYGROUND, 'build.mjs')], { cwd: PLAYGROUND, encoding: 'utf8' });
if (build.status !== 0) {
    console.error(`playground build failed:\n${build.stderr}${build.stdout}`);
    process.exit(2);
}

const dist = path.join(PLAYGROUND, 'dist');
let gzip = 0;
for (const f of readdirSync(dist)) {
    if (!f.endsWith('.map') && !f.endsWith('.LEGAL.txt')) gzip += gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length;
}
report('playground download (gzip, every file)', gzip, 'bytes', `≤ ${GZIP_TARGET.toLocaleString('en-US')} bytes`, gzip <= GZIP_TARGET);

if (existsSync(PLAYWRIGHT) && existsSync('/usr/bin/chromium')) {
    const { servePlayground } = await import(pathToFileURL(path.join(PLAYGROUND, 'serve.mjs')).href);
    const playwright = await import(pathToFileURL(PLAYWRIGHT).href);
    const { server, url } = await servePlayground(0);
    const browser = await playwright.chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu']
    });
    const times = [];
    try {
        for (let i = 0; i < LOADS; i++) {
            const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
            const page = await context.newPage();
            await page.goto(url);
            const handle = await page.waitForFunction(
                hint =>
                    (globalThis.document.querySelector('.view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ').includes(hint) &&
                    globalThis.performance.now(),
                SEED_HINT,
                { polling: 'raf', timeout: 60_000 }
            );
            times.push(Math.round(await handle.jsonValue()));
            await context.close();
        }
    } finally {
        await browser.close();
        server.close();
    }
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    console.log(`     loads: ${times.join(', ')} ms`);
    report(
        'load → first hints (median of 3)',
        median,
        'ms',
        `≤ ${FIRST_HINT_TARGET_MS.toLocaleString('en-US')} ms`,
        median <= FIRST_HINT_TARGET_MS
    );
} else {
    console.log('skip load → first hints: no Chromium or playwright-core (bash scripts/e2e/setup.sh installs them)');
}

if (process.env.BENCH_RESULTS_DIR) {
    mkdirSync(process.env.BENCH_RESULTS_DIR, { recursive: true });
    writeFileSync(path.join(process.env.BENCH_RESULTS_DIR, 'playground.json'), JSON.stringify({ figures }, null, 2));
}
process.exit(figures.every(f => f.pass) ? 0 : 1);
