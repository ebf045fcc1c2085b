// Every example drawn by `convspec draw` (as a process) to SVG and HTML, each
// loaded in headless Chromium: no console errors (the HTML page runs under its
// own strict CSP, so a blocked style or script would show as one), one
// `[data-layer]` element per layer of `convspec summary`, a screenshot kept.
// A hostile file (HTML in its name and in a comment inside a layer) must come
// out as text: no element injected, no script run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assert, BROWSER_ARGS, CHROMIUM, RESULTS, ROOT } from './harness.mjs';

const CLI = path.join(ROOT, 'packages/language/bin/convspec.js');
const OUT = path.join(RESULTS, 'diagrams');
const HOSTILE_NAME = `<img src=x onerror=alert(1)> & "quotes".conv`;
const HOSTILE_TEXT = `// hostile: markup in a file name and in a comment inside a layer
network Hostile {
  input 32x32x3
  conv1: conv 16 /* </text><script>alert(2)</script><img src=x onerror=alert(3)> */ 3x3 pad 1
  relu
}
`;

function convspec(...args) {
    return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

function examples() {
    const dir = path.join(ROOT, 'examples');
    const files = readdirSync(dir)
        .filter(f => f.endsWith('.conv'))
        .map(f => path.join(dir, f));
    const invalid = path.join(dir, 'invalid');
    return [
        ...files,
        ...readdirSync(invalid)
            .filter(f => f.endsWith('.conv'))
            .map(f => path.join(invalid, f))
    ];
}

function layerCount(file) {
    const r = convspec('summary', file, '--format', 'json');
    assert(r.stdout, `summary ${file}: no output (${r.stderr})`);
    return JSON.parse(r.stdout).networks.reduce((sum, n) => sum + n.layers.length, 0);
}

export async function diagramSuite(tally) {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const hostileDir = path.join(OUT, 'hostile');
    mkdirSync(hostileDir, { recursive: true });
    const hostile = path.join(hostileDir, HOSTILE_NAME);
    writeFileSync(hostile, HOSTILE_TEXT);
    const files = [...examples(), hostile];

    let playwright;
    try {
        playwright = await import(pathToFileURL(path.join(ROOT, '.tools/pw/node_modules/playwright-core/index.mjs')).href);
    } catch (error) {
        await tally.test('load playwright-core from .tools/pw', () => {
            throw error;
        });
        return;
    }
    const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
    try {
        for (const file of files) {
            const name = file === hostile ? 'hostile' : path.basename(file, '.conv');
            const expectedLayers = layerCount(file);
            for (const format of ['svg', 'html']) {
                await tally.test(`draw ${name}.${format}: ${expectedLayers} layers, no console errors`, async () => {
                    const out = path.join(OUT, `${name}.${format}`);
                    const r = convspec('draw', file, '-o', out);
                    const invalid = file.includes(`${path.sep}invalid${path.sep}`);
                    assert(r.status === (invalid ? 1 : 0), `convspec draw exited ${r.status}: ${r.stderr}`);
                    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
                    const problems = [];
                    page.on('console', m => {
                        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
                    });
                    page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
                    page.on('dialog', d => {
                        problems.push(`dialog: ${d.message()}`);
                        void d.dismiss();
                    });
                    try {
                        await page.goto(pathToFileURL(out).href);
                        await page.waitForTimeout(100);
                        const boxes = await page.locator('svg [data-layer]').count();
                        assert(boxes === expectedLayers, `${boxes} layer boxes in the diagram, summary lists ${expectedLayers}`);
                        if (format === 'html') {
                            const rows = await page.locator('tr[data-layer]').count();
                            assert(rows === expectedLayers, `${rows} table rows, summary lists ${expectedLayers}`);
                            // The page's script works: clicking a row selects the row and its box.
                            if (rows > 0) {
                                await page.locator('tr[data-layer]').first().click();
                                const selected = await page.locator('svg .layer.selected').count();
                                assert(selected === 1, `clicking the first row selected ${selected} boxes`);
                            }
                        }
                        if (file === hostile) {
                            const injected = await page.locator('img, script:not([nonce]), svg script').count();
                            assert(injected === 0, `${injected} injected element(s) from the file's text`);
                            const text = await page.locator(format === 'html' ? 'body' : 'svg').textContent();
                            assert(text.includes('</text><script>alert(2)'), 'the comment should appear as text');
                            if (format === 'html')
                                assert(
                                    (await page.title()).includes('<img src=x'),
                                    `the title shows the file name as text: ${await page.title()}`
                                );
                        }
                        await page.screenshot({
                            path: path.join(OUT, `${name}-${format}.png`),
                            fullPage: format === 'html' && expectedLayers < 40
                        });
                        assert(problems.length === 0, problems.join('\n'));
                    } finally {
                        await page.close();
                    }
                });
            }
        }
    } finally {
        await browser.close();
    }
    copyFileSync(path.join(OUT, 'inception-html.png'), path.join(RESULTS, 'diagram-inception.png'));
}
