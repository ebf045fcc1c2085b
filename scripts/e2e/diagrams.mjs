// Every example drawn by `convspec draw` (as a process) to SVG and HTML, each
// loaded in headless Chromium: no console errors (the HTML page runs under its
// own strict CSP, so a blocked style or script would show as one), one
// `[data-layer]` element per layer of `convspec summary`, a screenshot kept.
// The boxes are drawn to scale: with the browser's own text metrics, no
// label overlaps a box or another layer's label, and VGG-16's pools shrink
// stage by stage. A hostile file (HTML in its name and in a comment inside a
// layer) must come out as text: no element injected, no script run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assert, launchChromium, RESULTS, ROOT } from './harness.mjs';

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

/**
 * Runs in the page: every layer's labels against every box and every other
 * layer's labels, as the browser laid them out (screen rectangles, so the
 * per-network translations count). The `?` inside a neutral box is part of the box.
 */
function labelOverlaps() {
    const rect = e => e.getBoundingClientRect();
    const layers = [...globalThis.document.querySelectorAll('svg .layer')];
    const shapes = layers.map(l => [...l.querySelectorAll('polygon, rect, circle')].map(rect));
    const labels = layers.map(l => [...l.querySelectorAll('text')].filter(t => t.textContent !== '?').map(rect));
    const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const problems = [];
    labels.forEach((own, i) => {
        layers.forEach((other, j) => {
            if (shapes[j].some(s => own.some(t => meet(t, s)))) problems.push(`label of layer ${i} on the box of layer ${j}`);
            if (j > i && labels[j].some(t => own.some(u => meet(t, u)))) problems.push(`labels of layers ${i} and ${j} overlap`);
        });
    });
    return problems;
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

    const browser = await launchChromium(tally);
    if (!browser) return;
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
                        const overlaps = await page.evaluate(labelOverlaps);
                        assert(overlaps.length === 0, overlaps.slice(0, 5).join('\n'));
                        if (name === 'vgg16') {
                            // 224 → 112 → 56 → 28 → 14 → 7: each pool's face narrower than the last, the input's widest.
                            const widths = await page
                                .locator('svg .layer[data-op="maxpool"] rect.front')
                                .evaluateAll(rects => rects.map(r => r.getBoundingClientRect().width));
                            const input = await page
                                .locator('svg .k-input rect.front')
                                .first()
                                .evaluate(r => r.getBoundingClientRect().width);
                            const shrinking = [input, ...widths].every((w, k, all) => k === 0 || w < all[k - 1]);
                            assert(widths.length === 5 && shrinking, `the pyramid: input ${input}, pools ${widths.join(', ')}`);
                        }
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
