// The playground (packages/playground) in headless Chromium: the page, its
// Monaco editor and the language server in its Web Worker, served from
// localhost. One browser, one page: each check continues from the last
// state the page was left in, as a user would. Expected numbers are written
// as the arithmetic that gives them, never pasted from the tool's output.
// Every request the page (or its workers) makes must go to the local
// server: no CDN, no font service, nothing at all elsewhere.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assert, launchChromium, RESULTS, ROOT } from './harness.mjs';

const PLAYGROUND = path.join(ROOT, 'packages/playground');
const HOSTILE_NAME = '<img src=x onerror=alert(1)>.conv';
const HOSTILE_TEXT = `// hostile: markup in a file name, a network's name and a comment inside a layer
network <img src=x onerror=alert(1)> {
  input 8x8x3
}
network Hostile {
  input 32x32x3
  conv1: conv 16 /* </text><script>alert(2)</script><img src=x onerror=alert(3)> */ 3x3 pad 1
}
network HostileToo {
  input 32x32x3
  conv1: conv 8 /* <img src=x onerror=alert(4)> */ 3x3 pad 1
}
`;

const grouped = n => n.toLocaleString('en-US');
/** Monaco draws a space as U+00A0 in `.view-lines`; compare text as written. */
const plain = text => text.replace(/\u00a0/g, ' ');

function examples() {
    const dir = path.join(ROOT, 'examples');
    const list = readdirSync(dir)
        .filter(f => f.endsWith('.conv'))
        .map(f => path.join(dir, f));
    list.push(
        ...readdirSync(path.join(dir, 'invalid'))
            .filter(f => f.endsWith('.conv'))
            .map(f => path.join(dir, 'invalid', f))
    );
    return list.sort();
}

export async function playgroundSuite(tally) {
    const built = await tally.require('build the playground (esbuild, no Node built-in in the bundle)', () => {
        const r = spawnSync(process.execPath, [path.join(PLAYGROUND, 'build.mjs')], {
            cwd: PLAYGROUND,
            encoding: 'utf8',
            timeout: 180_000
        });
        assert(r.status === 0, `build.mjs exited ${r.status}: ${r.stderr}${r.stdout}`);
        console.log(`       ${r.stdout.trim()}`);
    });
    if (!built) return;
    const browser = await launchChromium(tally);
    if (!browser) return;
    let server;
    try {
        const { servePlayground } = await import(pathToFileURL(path.join(PLAYGROUND, 'serve.mjs')).href);
        const served = await servePlayground(0);
        server = served.server;
        const url = served.url;
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
        const requests = [];
        context.on('request', r => requests.push(r.url()));
        const page = await context.newPage();
        const problems = [];
        page.on('console', m => {
            if (m.type() === 'error') problems.push(`console: ${m.text()}`);
        });
        page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
        page.on('dialog', d => {
            problems.push(`dialog: ${d.message()}`);
            void d.dismiss();
        });
        await runChecks(tally, page, url);
        await tally.test('no console error, no script error, no dialog on the way', () => {
            assert(problems.length === 0, problems.slice(0, 6).join('\n'));
        });
        await tally.test('every request went to the local server (nothing fetched from elsewhere)', () => {
            const outside = requests.filter(u => !u.startsWith(url) && !u.startsWith('data:') && !u.startsWith('blob:'));
            assert(requests.length > 0, 'no request seen at all');
            assert(outside.length === 0, `requests elsewhere: ${[...new Set(outside)].slice(0, 5).join(', ')}`);
        });
    } finally {
        await browser.close();
        server?.close();
    }
}

/** The editor's visible text, hints included (Monaco draws them as text inside `.view-lines`). */
async function editorText(page) {
    return plain(await page.locator('.monaco-editor .view-lines').innerText());
}

async function waitForText(page, selector, text, timeout = 15_000) {
    await page.waitForFunction(
        ([s, t]) => (globalThis.document.querySelector(s)?.textContent ?? '').replace(/\u00a0/g, ' ').includes(t),
        [selector, text],
        { timeout }
    );
}

/** Types `typed` on a new line after the line holding `after`, and asks for suggestions (Ctrl+Space). */
async function suggestOnNewLine(page, after, typed) {
    await page.locator('.view-line', { hasText: after }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(typed);
    await page.keyboard.press('Control+Space');
}

/** Waits until the editor's cursor is on the line that starts with `start` (hints after it aside). */
async function waitForCursorLine(page, start, timeout = 10_000) {
    const deadline = Date.now() + timeout;
    let seen = '';
    while (Date.now() < deadline) {
        seen = await page.evaluate(() => {
            const cursor = globalThis.document.querySelector('.monaco-editor .cursors-layer .cursor');
            const lines = [...globalThis.document.querySelectorAll('.monaco-editor .view-lines .view-line')];
            const line = lines.find(l => l.style.top === cursor?.style.top);
            return (line?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
        });
        if (seen.startsWith(start)) return;
        await page.waitForTimeout(100);
    }
    throw new Error(`the cursor is on ${JSON.stringify(seen)}, not on \`${start}\``);
}

/** A new tab named `name` holding `text`, opened through the file picker as a user would. */
async function openFile(page, name, text) {
    await page.setInputFiles('#file-input', { name, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
    await page.locator('#tabs .tab.active .tab-name', { hasText: name }).waitFor({ timeout: 10_000 });
}

/** The active tab's text, as the `.conv` download gives it. */
async function downloadedText(page, button) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** Hovers the first element matching `locator` and returns the hover widget's text once it contains `expected`. */
async function hoverText(page, locator, expected) {
    await page.mouse.move(0, 0);
    await locator.first().hover();
    const hover = page.locator('.monaco-hover:not(.hidden)');
    await waitForText(page, '.monaco-hover:not(.hidden)', expected);
    return plain(await hover.first().innerText());
}

async function screenshot(page, name) {
    await page.screenshot({ path: path.join(RESULTS, `playground-${name}.png`) });
}

async function runChecks(tally, page, url) {
    // The seed's FilterDepth: 28×28×192, conv 96 3x3 → (28 − 3 + 2·0)/1 + 1 = 26; 3·3·192·96 + 96 weights and biases.
    const side = (28 - 3 + 2 * 0) / 1 + 1;
    const seedHint = `→ ${side}×${side}×96 · ${grouped(3 * 3 * 192 * 96 + 96)} params`;
    const loaded = await tally.require(
        `the page opens on the seed example and shows the hint \`${seedHint}\``,
        async () => {
            const started = Date.now();
            await page.goto(url);
            await page.waitForFunction(
                t =>
                    globalThis.document
                        .querySelector('.view-lines')
                        ?.textContent?.replace(/\u00a0/g, ' ')
                        .includes(t),
                seedHint,
                {
                    timeout: 30_000
                }
            );
            console.log(`       load → first hints: ${Date.now() - started} ms`);
            await waitForText(page, '#convspec-view', 'FilterDepth');
            await screenshot(page, 'seed');
        },
        ['the rest of the playground checks']
    );
    if (!loaded) return;

    // 26×26 outputs × 96 filters, each 3·3·192 multiply-adds.
    const lens = `${grouped(3 * 3 * 192 * 96 + 96)} params · ${grouped(26 * 26 * 96 * 3 * 3 * 192)} MACs · → 26×26×96`;
    await tally.test(`the code lens above FilterDepth reads \`${lens}\``, async () => {
        await waitForText(page, '.monaco-editor .contentWidgets', lens);
    });

    await tally.test('hover on the conv shows the worked formula', async () => {
        const conv = page.locator('.view-line', { hasText: 'conv3x3:' }).locator('span', { hasText: /^conv$/ });
        const text = await hoverText(page, conv, '(28 − 3 + 2·0)/1 + 1 = 26');
        assert(text.includes('3·3·192·96 + 96'), `the hover has no parameter formula:\n${text}`);
        await page.waitForTimeout(300); // the hover fades in
        await screenshot(page, 'hover');
        await page.mouse.move(0, 0);
    });

    await tally.test('the diagram and the table follow an edit (conv 96 → conv 48)', async () => {
        const total = page.locator('#convspec-view section[data-network="FilterDepth"] .total-params');
        assert((await total.getAttribute('data-params')) === String(3 * 3 * 192 * 96 + 96), 'FilterDepth total before the edit');
        const count = page.locator('.view-line', { hasText: 'conv3x3:' }).locator('span', { hasText: /^96$/ });
        await count.first().dblclick();
        await page.keyboard.insertText('48');
        const expected = String(3 * 3 * 192 * 48 + 48);
        await page.waitForFunction(
            e =>
                globalThis.document
                    .querySelector('#convspec-view section[data-network="FilterDepth"] .total-params')
                    ?.getAttribute('data-params') === e,
            expected,
            { timeout: 15_000 }
        );
        const heading = plain(
            await page.locator('#convspec-view section[data-network="FilterDepth"] .cs-diagram .title').first().textContent()
        );
        assert(heading.includes(grouped(3 * 3 * 192 * 48 + 48)), `the diagram's title still says: ${heading}`);
        await waitForText(page, '.view-lines', `→ 26×26×48 · ${grouped(3 * 3 * 192 * 48 + 48)} params`);
    });

    await tally.test('the view follows the cursor: the layer on the cursor line is selected', async () => {
        await page.locator('.view-line', { hasText: 'reduce: conv 5 1x1' }).first().click();
        await page.waitForSelector('#convspec-view section[data-network="OneByOne"] tr.selected', { timeout: 5_000 });
    });

    await tally.test('a new tab from the + button, closed again with its ×', async () => {
        await page.click('#new-file');
        await page.fill('#new-file-name', 'scratch.conv');
        await page.press('#new-file-name', 'Enter');
        await page.locator('#tabs .tab.active .tab-name', { hasText: 'scratch.conv' }).waitFor();
        await page.locator('#tabs .tab.active .tab-close').click();
        await page.waitForFunction(
            () => ![...globalThis.document.querySelectorAll('#tabs .tab-name')].some(t => t.textContent === 'scratch.conv')
        );
    });

    // The seed article's invalid case: (10 − 3 + 2·0)/2 + 1 = 4.5.
    const raw = (10 - 3 + 2 * 0) / 2 + 1;
    await tally.test(
        `typing \`conv 16 3x3 stride 2\` on 10×10×3: a squiggle and "(10 − 3 + 2·0)/2 + 1 = ${raw} is not an integer"`,
        async () => {
            await openFile(page, 'tiles.conv', 'network Tiles {\n  input 10x10x3\n  \n}\n');
            await page.locator('.view-line', { hasText: 'input 10x10x3' }).first().click();
            await page.keyboard.press('ArrowDown');
            await page.keyboard.press('End');
            await page.keyboard.insertText('conv 16 3x3 stride 2');
            await page.waitForSelector('.squiggly-error', { timeout: 15_000 });
            const message = `(10 − 3 + 2·0)/2 + 1 = ${raw} is not an integer`;
            const squiggled = page.locator('.view-line', { hasText: 'stride 2' }).locator('span', { hasText: /^3x3$/ });
            const text = await hoverText(page, squiggled, message);
            assert(text.includes('does not tile the 10-wide input'), `the message: ${text}`);
            await screenshot(page, 'diagnostic');
            await page.mouse.move(0, 0);
        }
    );

    /** Opens the lightbulb menu (the bulb or Ctrl+.), moves to the action titled `title` and applies it. */
    async function applyAction(open, title, { mustBeFirst = false } = {}) {
        await open();
        const menu = page.locator('.action-widget');
        await menu.waitFor({ state: 'visible', timeout: 10_000 });
        const focused = () => page.locator('.action-widget .action.focused').getAttribute('aria-label');
        if (mustBeFirst) {
            const first = await focused();
            assert(first?.startsWith(title), `the focused (preferred) action is "${first}"`);
        }
        for (let i = 0; i < 20 && !(await focused())?.startsWith(title); i++) await page.keyboard.press('ArrowDown');
        const chosen = await focused();
        assert(chosen?.startsWith(title), `no action "${title}" in the menu: ${plain(await menu.innerText())}`);
        await page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: 5_000 });
    }

    // No padding tiles it (10 − 3 + 2P is odd, the stride 2): the preferred fix is PyTorch's floor, ⌊4.5⌋ = 4.
    const floored = Math.floor((10 - 3 + 2 * 0) / 2) + 1;
    const fixedHint = `→ ${floored}×${floored}×16 (⌊${raw}⌋) · ${grouped(3 * 3 * 3 * 16 + 16)} params`;
    await tally.test(`the lightbulb's preferred fix clears the error and the hint becomes \`${fixedHint}\``, async () => {
        await page.locator('.view-line', { hasText: 'stride 2' }).first().click();
        await applyAction(
            async () => {
                const bulb = page.locator('.lightBulbWidget');
                await bulb.waitFor({ state: 'visible', timeout: 10_000 });
                await bulb.click();
                await page.locator('.action-widget').waitFor({ state: 'visible', timeout: 5_000 });
                await screenshot(page, 'lightbulb');
            },
            `Round down like PyTorch (floor) → ${floored}×${floored}×16`,
            { mustBeFirst: true }
        );
        await waitForText(page, '.view-lines', fixedHint);
        await page.waitForFunction(() => globalThis.document.querySelectorAll('.monaco-editor .squiggly-error').length === 0, null, {
            timeout: 15_000
        });
        assert((await editorText(page)).includes('conv 16 3x3 stride 2 floor'), 'the fix did not write `floor`');
        await screenshot(page, 'fixed');
    });

    // The conv is conv 48 since the edit above. Before: 3·3·192·48 + 48; with a 1×1 to 96 channels first: 192·96 + 96 + 3·3·96·48 + 48.
    const reduced = 192 * 96 + 96 + 3 * 3 * 96 * 48 + 48;
    await tally.test(
        `the 1×1 refactor (Ctrl+.) inserts \`conv 96 1x1\`: params 3·3·192·48 + 48 → 192·96 + 96 + 3·3·96·48 + 48`,
        async () => {
            await page.selectOption('#examples', 'seed.conv');
            await page.locator('#tabs .tab.active .tab-name', { hasText: 'seed.conv' }).waitFor();
            const saved = 3 * 3 * 192 * 48 + 48 - reduced;
            await page
                .locator('.view-line', { hasText: 'conv3x3:' })
                .locator('span', { hasText: /^conv$/ })
                .first()
                .click();
            await applyAction(
                () => page.keyboard.press('Control+.'),
                `Insert a 1×1 reduction to 96 channels before this 3×3 conv (−${grouped(saved)} params`
            );
            await waitForText(page, '.view-lines', 'conv 96 1x1');
            await page.waitForFunction(
                e =>
                    globalThis.document
                        .querySelector('#convspec-view section[data-network="FilterDepth"] .total-params')
                        ?.getAttribute('data-params') === e,
                String(reduced),
                { timeout: 15_000 }
            );
        }
    );

    await tally.test('completion offers layer keywords (`rel` → relu, relu6)', async () => {
        await suggestOnNewLine(page, 'reduce: conv 5 1x1', 'rel');
        const suggest = page.locator('.suggest-widget .monaco-list-row');
        await suggest.first().waitFor({ state: 'visible', timeout: 10_000 });
        const labels = plain(await page.locator('.suggest-widget').innerText());
        assert(labels.includes('relu6') && labels.includes('relu'), `suggestions: ${labels}`);
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => globalThis.document.querySelectorAll('.suggest-widget.visible').length === 0);
    });

    await tally.test("the extension's snippets: `pool` inserts `maxpool 2x2 stride 2` (its placeholders' defaults)", async () => {
        await openFile(page, 'snippets.conv', 'network Snippets {\n  input 8x8x3\n  \n}\n');
        await suggestOnNewLine(page, 'input 8x8x3', 'pool');
        const row = page.locator('.suggest-widget .monaco-list-row.focused');
        await row.waitFor({ state: 'visible', timeout: 10_000 });
        const focused = plain(await row.innerText());
        assert(/^pool\b/.test(focused) && focused.includes('snippet'), `the first suggestion: ${focused}`);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        await waitForText(page, '.view-lines', 'maxpool 2x2 stride 2');
    });

    await tally.test('imports between the page files: a block from blocks.conv in another tab', async () => {
        await openFile(page, 'blocks.conv', 'block squeeze(c) {\n  conv c 1x1\n  relu\n}\n');
        // 14×14×64 through squeeze(16): 1·1·64·16 + 16 parameters, the volume 14×14×16.
        await openFile(page, 'uses-blocks.conv', 'import "blocks.conv"\n\nnetwork UsesBlocks {\n  input 14x14x64\n  squeeze(16)\n}\n');
        await waitForText(page, '.view-lines', `→ 14×14×16 · ${grouped(1 * 1 * 64 * 16 + 16)} params`);
        assert((await page.locator('.squiggly-error').count()) === 0, 'an error in the importing file');
    });

    await tally.test('go to definition (F12) on `squeeze(16)` brings blocks.conv to the front, the cursor on `block squeeze`', async () => {
        await page.locator('.view-line', { hasText: 'squeeze(16)' }).first().click();
        await page.keyboard.press('Home');
        await page.keyboard.press('F12');
        await page.locator('#tabs .tab.active .tab-name', { hasText: /^blocks\.conv$/ }).waitFor({ timeout: 10_000 });
        await waitForCursorLine(page, 'block squeeze(c) {');
    });

    await tally.test('references (Shift+F12) on the block: its one call, in uses-blocks.conv, comes to the front', async () => {
        await page.locator('#tabs .tab-name', { hasText: /^blocks\.conv$/ }).click();
        await page.locator('.view-line', { hasText: 'block squeeze(c)' }).first().click();
        // `block squeeze`: Home, then past `block` and its space.
        await page.keyboard.press('Home');
        await page.keyboard.press('Control+ArrowRight');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Shift+F12');
        await page.locator('#tabs .tab.active .tab-name', { hasText: /^uses-blocks\.conv$/ }).waitFor({ timeout: 10_000 });
        await waitForCursorLine(page, 'squeeze(16)');
    });

    await tally.test("the outline (Ctrl+Shift+O) lists the file's network, UsesBlocks", async () => {
        await page.keyboard.press('Control+Shift+O');
        await waitForText(page, '.quick-input-widget .quick-input-list', 'UsesBlocks');
        await screenshot(page, 'outline');
        await page.keyboard.press('Escape');
    });

    // examples/inception.conv, weights only: Naive 1·1·192·64 + 3·3·192·128 + 5·5·192·32; Reduced adds the 1×1
    // reductions before the 3×3 and 5×5 and after the pool.
    const naiveParams = 1 * 1 * 192 * 64 + 3 * 3 * 192 * 128 + 5 * 5 * 192 * 32;
    const reducedParams =
        1 * 1 * 192 * 64 + (1 * 1 * 192 * 96 + 3 * 3 * 96 * 128) + (1 * 1 * 192 * 16 + 5 * 5 * 16 * 32) + 1 * 1 * 192 * 32;
    const delta = `−${grouped(naiveParams - reducedParams)}`;
    const percent = `−${((100 * (naiveParams - reducedParams)) / naiveParams).toFixed(1)}%`;
    await tally.test(
        `compare mode: the \`compare with Reduced\` lens on inception.conv shows ${grouped(naiveParams)} → ${grouped(reducedParams)}, ${delta} (${percent})`,
        async () => {
            await page.selectOption('#examples', 'inception.conv');
            await page.locator('#tabs .tab.active .tab-name', { hasText: /^inception\.conv$/ }).waitFor({ timeout: 10_000 });
            const lens = page.locator('.codelens-decoration a', { hasText: 'compare with Reduced' }).first();
            await lens.waitFor({ timeout: 15_000 });
            await lens.click();
            const totals = page.locator('#convspec-view .compare-totals .total-params');
            await totals.nth(1).waitFor({ timeout: 15_000 });
            const shown = (await totals.allTextContents()).join(' | ');
            assert(shown === `${grouped(naiveParams)} | ${grouped(reducedParams)}`, `total params shown: ${shown}`);
            const change = [
                await page.locator('#convspec-view .compare-totals .delta-total-params').textContent(),
                await page.locator('#convspec-view .compare-totals .percent-total-params').textContent()
            ];
            assert(change.join(' ') === `${delta} ${percent}`, `change shown: ${change.join(' ')}`);
            // The shared compare script marked the three 1×1 reductions added in Reduced's diagram.
            const marked = await page.locator('#convspec-view .diagram[data-side="b"] .layer.added').count();
            assert(marked === 3, `${marked} boxes marked as added in Reduced's diagram`);
            const sides = [await page.inputValue('#compare-a'), await page.inputValue('#compare-b')];
            assert(sides.join(' → ') === 'Naive → Reduced', `the bar's pickers: ${sides.join(' → ')}`);
            await screenshot(page, 'compare');
            // Swapping the sides through the bar reverses the change: +223,744 on 163,328.
            await page.selectOption('#compare-a', 'Reduced');
            await page.selectOption('#compare-b', 'Naive');
            await waitForText(page, '#convspec-view .compare-totals .delta-total-params', `+${grouped(naiveParams - reducedParams)}`);
            await page.click('#compare-close');
            await page.locator('#convspec-view .compare-totals').waitFor({ state: 'detached', timeout: 10_000 });
            await waitForText(page, '#convspec-view', `Total params`);
            assert(await page.locator('#compare-bar').isHidden(), 'the compare bar is still shown');
        }
    );

    await tally.test('a .conv file dropped on the page opens in a tab', async () => {
        // 8×8×3 through a 3×3 conv with 4 filters: (8 − 3 + 2·0)/1 + 1 = 6, 3·3·3·4 + 4 parameters.
        await page.evaluate(() => {
            const data = new globalThis.DataTransfer();
            data.items.add(new globalThis.File(['network Dropped {\n  input 8x8x3\n  conv 4 3x3\n}\n'], 'dropped.conv'));
            globalThis.document.body.dispatchEvent(
                new globalThis.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
            );
        });
        await page.locator('#tabs .tab.active .tab-name', { hasText: 'dropped.conv' }).waitFor({ timeout: 10_000 });
        await waitForText(page, '.view-lines', `→ 6×6×4 · ${grouped(3 * 3 * 3 * 4 + 4)} params`);
    });

    await tally.test('Format normalises spacing and indentation', async () => {
        await openFile(page, 'messy.conv', 'network   Messy {\ninput 8x8x3\n      conv 4   3x3\n}\n');
        await page.click('#format');
        await page.waitForFunction(() =>
            globalThis.document
                .querySelector('.view-lines')
                ?.textContent?.replace(/\u00a0/g, ' ')
                .includes('network Messy {')
        );
        const { text } = await downloadedText(page, '#download-conv');
        assert(text === 'network Messy {\n  input 8x8x3\n  conv 4 3x3\n}\n', `formatted: ${JSON.stringify(text)}`);
    });

    await tally.test('downloads: the .conv text, the PyTorch export and the SVG; no export from a file with an error', async () => {
        await page.selectOption('#examples', 'alexnet.conv');
        await page.locator('#tabs .tab.active .tab-name', { hasText: 'alexnet.conv' }).waitFor();
        const source = readFileSync(path.join(ROOT, 'examples/alexnet.conv'), 'utf8');
        const conv = await downloadedText(page, '#download-conv');
        assert(
            conv.name === 'alexnet.conv' && conv.text === source,
            `the .conv download differs from examples/alexnet.conv (${conv.name})`
        );
        const py = await downloadedText(page, '#download-pytorch');
        assert(
            py.name === 'alexnet.py' && /class \w+\(nn\.Module\)/.test(py.text),
            `the PyTorch export: ${py.name} ${py.text.slice(0, 200)}`
        );
        const svg = await downloadedText(page, '#download-svg');
        assert(
            svg.name === 'alexnet.svg' && svg.text.includes('<svg') && svg.text.includes('data-layer'),
            `the SVG: ${svg.text.slice(0, 120)}`
        );
        // A file with an error has no PyTorch module to offer (as `convspec export` refuses): a notice says why.
        await page.selectOption('#examples', 'invalid/stride-does-not-tile.conv');
        await page.locator('#tabs .tab.active .tab-name', { hasText: 'invalid/stride-does-not-tile.conv' }).waitFor();
        await page.click('#download-pytorch');
        await waitForText(
            page,
            '#notice-text',
            `Not exported: line 14: (10 − 3 + 2·0)/2 + 1 = ${(10 - 3 + 2 * 0) / 2 + 1} is not an integer`
        );
        await page.click('#notice-close');
    });

    await tally.test('a file with every example in it round-trips through the share link exactly', async () => {
        const all = examples()
            .map(f => readFileSync(f, 'utf8'))
            .join('\n');
        await openFile(page, 'all-examples.conv', all);
        await page.click('#share');
        const link = await page.inputValue('#share-link');
        assert(link.startsWith(`${url}#c1=`), `the link: ${link.slice(0, 80)}`);
        console.log(`       ${grouped(all.length)} characters of examples → a link of ${grouped(link.length)} characters`);
        await page.goto('about:blank');
        await page.goto(link);
        await page.locator('#tabs .tab.active .tab-name', { hasText: 'all-examples.conv' }).waitFor({ timeout: 20_000 });
        const tabs = await page.locator('#tabs .tab-name').allTextContents();
        assert(tabs.includes('blocks.conv') && tabs.includes('tiles.conv'), `the tabs after the link: ${tabs.join(', ')}`);
        const { text } = await downloadedText(page, '#download-conv');
        assert(text === all, `the text after the round trip differs (${text.length} vs ${all.length} characters)`);
    });

    await tally.test('a truncated or garbage link opens an empty editor and says the link is broken', async () => {
        const link = await page.evaluate(() => globalThis.location.href);
        for (const broken of [link.slice(0, link.length - 40), `${url}#c1=%%%garbage`, `${url}#c1=AAAA`]) {
            await page.goto('about:blank');
            await page.goto(broken);
            await waitForText(page, '#notice-text', 'This share link is broken');
            assert(await page.locator('#notice').isVisible(), 'the notice is hidden');
            const tabs = await page.locator('#tabs .tab-name').allTextContents();
            assert(tabs.length === 1 && tabs[0] === 'main.conv', `tabs: ${tabs.join(', ')}`);
            assert((await editorText(page)).trim() === '', 'the editor is not empty');
        }
        await screenshot(page, 'broken-link');
    });

    await tally.test('hostile names stay text: tab, editor, hover, table, diagram and compare view', async () => {
        await openFile(page, HOSTILE_NAME, HOSTILE_TEXT);
        await waitForText(page, '#convspec-view', 'Hostile');
        await waitForText(page, '#convspec-view', '</text><script>alert(2)</sc');
        await page.waitForSelector('.squiggly-error');
        const tab = await page.locator('#tabs .tab.active .tab-name').textContent();
        assert(tab === HOSTILE_NAME, `the tab reads ${tab}`);
        // The hovers: the layer with markup in its comment, and a diagnostic on the network line full of markup.
        await hoverText(page, page.locator('.view-line', { hasText: 'conv1:' }).locator('span', { hasText: /^conv$/ }), '32×32×16');
        await page.mouse.move(0, 0);
        const markup = page.locator('.view-line', { hasText: 'onerror' }).locator('span > span', { hasText: '=alert' });
        await hoverText(page, markup, 'no block named `alert`');
        await page.mouse.move(0, 0);
        // Three named networks: Hostile's lens leaves the other side to the page, which takes the file's first.
        await page
            .locator('.codelens-decoration', { hasText: `${grouped(3 * 3 * 3 * 16 + 16)} params` })
            .locator('a', { hasText: 'compare with' })
            .click();
        await page.locator('#convspec-view .compare-totals').waitFor({ timeout: 15_000 });
        const sides = [await page.inputValue('#compare-a'), await page.inputValue('#compare-b')];
        assert(sides[0] === 'Hostile' && sides[1] !== 'Hostile', `the compare bar: ${sides.join(' → ')}`);
        await waitForText(page, '#convspec-view .compare-totals thead', sides[1]);
        await screenshot(page, 'hostile-compare');
        await page.click('#compare-close');
        const injected = await page.evaluate(() => ({
            images: globalThis.document.querySelectorAll('img').length,
            scripts: [...globalThis.document.querySelectorAll('script')].map(s => s.getAttribute('src'))
        }));
        assert(injected.images === 0, `${injected.images} <img> elements in the page`);
        assert(injected.scripts.join() === 'view-script.js,compare-script.js,main.js', `scripts: ${injected.scripts.join()}`);
        await screenshot(page, 'hostile');
    });

    // 165,984 compact is 166K (165,984 / 1,000 rounded), as the extension's convspec.numberFormat writes it.
    const compact = `${Math.round((3 * 3 * 192 * 96 + 96) / 1000)}K`;
    await tally.test(
        `settings: numbers \`compact\` → \`→ 26×26×96 · ${compact} params\` in hints and view; params off → \`→ 26×26×96\``,
        async () => {
            await page.goto('about:blank');
            await page.goto(url);
            await waitForText(page, '.view-lines', seedHint);
            await page.selectOption('#number-format', 'compact');
            await waitForText(page, '.view-lines', `→ 26×26×96 · ${compact} params`);
            await waitForText(page, '#convspec-view section[data-network="FilterDepth"] h2', `${compact} params`);
            await page.uncheck('#show-params');
            await page.waitForFunction(
                () => {
                    const line = [...globalThis.document.querySelectorAll('.view-line')].find(l => l.textContent.includes('conv3x3:'));
                    const text = (line?.textContent ?? '').replace(/\u00a0/g, ' ');
                    return text.includes('→ 26×26×96') && !text.includes('params');
                },
                null,
                { timeout: 15_000 }
            );
            await screenshot(page, 'settings');
            // Remembered by this browser: a reload keeps them; back to the defaults for whoever runs next.
            await page.reload();
            await waitForText(page, '#convspec-view section[data-network="FilterDepth"] h2', `${compact} params`);
            await page.selectOption('#number-format', 'grouped');
            await page.check('#show-params');
            await waitForText(page, '.view-lines', seedHint);
        }
    );
}
