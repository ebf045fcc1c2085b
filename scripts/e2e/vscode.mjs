// The packaged extension in a real VS Code (code-server 4.100.3 = VS Code
// 1.100.3), driven through headless Chromium, asserting what a user sees.
// Everything runs in a fresh profile and on a copy of examples/, so quick
// fixes never touch the repository.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inCodeServer, packagedVsix, userSettings } from './code-server.mjs';
import { assert, RESULTS, ROOT, Tally } from './harness.mjs';

const RUN = path.join(RESULTS, 'vscode-run');
const SHOTS = RESULTS;
/** Waits for the first server answer (start-up included) and for everything after it. */
const FIRST_ANSWER_MS = 30_000;
const ANSWER_MS = 12_000;

export async function vscodeSuite(tally) {
    const vsix = packagedVsix();
    rmSync(RUN, { recursive: true, force: true });
    const workspace = path.join(RUN, 'workspace');
    cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    const install = {
        title: `install the .vsix into a fresh profile (${path.relative(ROOT, vsix)})`,
        vsix: () => {
            assert(existsSync(vsix), `${vsix} does not exist (run \`pnpm package\`)`);
            console.log(`       vsix ${(statSync(vsix).size / 1024).toFixed(0)} KB`);
            return vsix;
        },
        verify: extensions => {
            const dirs = readdirSync(extensions).filter(d => d.startsWith('convspec.'));
            assert(dirs.length === 1, `expected one convspec.* extension folder, found ${dirs.join(', ') || 'none'}`);
            assert(!existsSync(path.join(extensions, dirs[0], 'node_modules')), 'the installed extension carries node_modules');
        }
    };
    await inCodeServer(tally, { run: RUN, workspace, install, dependents: ['everything in VS Code'] }, (page, port) =>
        runChecks(tally, page, { port, workspace })
    );
}

async function shot(page, name) {
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/**
 * Opens a workspace file by Quick Open (Ctrl+P), or by a click in the
 * explorer if the picker does not come up; done when its tab is active.
 */
async function openFile(page, relative) {
    const name = path.basename(relative);
    const activeTab = page.locator(`.editor-group-container.active .tab.active[aria-label*="${name}"]`).first();
    await dismiss(page);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    try {
        await input.waitFor({ state: 'visible', timeout: 3_000 });
        await input.fill(relative);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await activeTab.waitFor({ timeout: 5_000 });
    } catch {
        await dismiss(page);
        await page
            .locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace(/[.]/g, '\\.')}`) })
            .first()
            .click();
        await activeTab.waitFor({ timeout: 5_000 }).catch(async error => {
            await shot(page, `failed-open-${name}`);
            throw error;
        });
    }
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}

/** Process ids of the bundled language servers running from the test profile's extensions folder. */
function serverPids() {
    const r = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
    return r.stdout
        .split('\n')
        .filter(l => l.includes(RUN) && /convspec\.[^/]*\/out\/server\.js/.test(l))
        .map(l => l.trim().split(/\s+/)[0]);
}

/** Closes menus, widgets and pickers a failed step may have left open. */
async function dismiss(page) {
    for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
}

/**
 * Changes user settings the way a user does, through the settings JSON editor
 * (code-server does not pick up a settings.json rewritten on disk while it runs).
 */
async function applySettings(page, settings) {
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    await page.locator('.tab.active[aria-label*="settings.json"]').waitFor({ timeout: 10_000 });
    await page.locator('.monaco-editor.focused').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // One insertion, not keystrokes: no auto-closed brackets or quotes.
    await page.keyboard.insertText(settings);
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    await page.keyboard.press('Control+W');
}

/** Ctrl+G to a 1-based line of the active editor. */
async function goToLine(page, line) {
    await dismiss(page);
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.insertText(String(line));
    await page.keyboard.press('Enter');
}

/** Replaces the cursor line's text after its indentation (one insertion: no completion popups). */
async function replaceLine(page, text) {
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.insertText(text);
}

/** Runs a command from the palette by its title. */
async function runCommand(page, title) {
    await dismiss(page);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
}

/** The rendered editor line (inlay hints included) whose source starts with `source`. */
function viewLine(page, source) {
    return page.locator('.monaco-editor .view-line', { hasText: source }).first();
}

async function lineText(page, source) {
    return ((await viewLine(page, source).textContent()) ?? '').replace(/\u00a0/g, ' ');
}

async function waitForLine(page, source, predicate, timeout, what) {
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
        text = await lineText(page, source).catch(() => '');
        if (predicate(text)) return text;
        await page.waitForTimeout(250);
    }
    throw new Error(`${what}; the line reads: ${JSON.stringify(text)}`);
}

async function runChecks(tally, page, { port, workspace }) {
    const ready = await tally.require(
        'the workbench loads on the examples folder',
        async () => {
            await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
            await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
            await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 30_000 });
        },
        ['everything in the editor']
    );
    if (!ready) return;

    const CONV_LINE = 'conv3x3: conv 96 3x3';
    await tally.test('seed.conv opens in language mode Convspec (status bar)', async () => {
        await openFile(page, 'seed.conv');
        const mode = page.locator('[id="status.editor.mode"]');
        await mode.waitFor({ timeout: 10_000 });
        const text = (await mode.textContent())?.trim();
        assert(text === 'Convspec', `the status bar shows language mode ${JSON.stringify(text)}`);
        await shot(page, '01-language-mode');
    });

    await tally.test('an inlay hint shows W×H×D and params at the conv line', async () => {
        // The source line has a comment but no arrow: `→ 26×26×96` can only be the hint.
        const text = await waitForLine(
            page,
            CONV_LINE,
            t => /→ 26×26×96 · 165,984 params/.test(t),
            FIRST_ANSWER_MS,
            'no inlay hint `→ 26×26×96 · 165,984 params` at the conv line'
        );
        assert(!/→/.test(text.replace(/→ 26×26×96 · 165,984 params/, '')), `unexpected extra arrow: ${text}`);
        await shot(page, '02-inlay-hints');
    });

    await tally.test('hover on the conv shows the worked formula and the filter depth', async () => {
        const token = viewLine(page, CONV_LINE)
            .locator('span[class*="mtk"]')
            .filter({ hasText: /^conv$/ })
            .first();
        const box = await token.boundingBox();
        assert(box, 'the conv token is not on screen');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        const hover = page.locator('.monaco-hover:visible', { hasText: 'W₂' }).first();
        await hover.waitFor({ timeout: ANSWER_MS });
        const text = await hover.textContent();
        assert(
            text.includes('(28 − 3 + 2·0)/1 + 1 = 26') || /W₂ = .*= 26/.test(text),
            `hover lacks the substituted formula: ${text.slice(0, 300)}`
        );
        assert(text.includes('3×3×192'), `hover lacks the filter shape 3×3×192: ${text.slice(0, 300)}`);
        await page.waitForTimeout(500); // let the hover finish fading in
        await shot(page, '03-hover');
        await page.mouse.move(5, 400);
        await page.keyboard.press('Escape');
    });

    await tally.test('settings: numberFormat compact → 166K; showParameters off → volume only', async () => {
        try {
            await applySettings(page, userSettings({ 'convspec.numberFormat': 'compact' }));
            await waitForLine(page, CONV_LINE, t => t.includes('→ 26×26×96 · 166K params'), ANSWER_MS, 'the hint did not switch to 166K');
            await applySettings(page, userSettings({ 'convspec.hints.showParameters': false }));
            const text = await waitForLine(
                page,
                CONV_LINE,
                t => t.includes('→ 26×26×96') && !/params/.test(t),
                ANSWER_MS,
                'the hint still shows parameters'
            );
            assert(/→ 26×26×96\s+\/\/ 96 filters/.test(text), `hint: ${text}`);
            await shot(page, '04-setting-hide-params');
        } finally {
            await applySettings(page, userSettings());
        }
        await waitForLine(page, CONV_LINE, t => t.includes('165,984 params'), ANSWER_MS, 'the hint did not come back');
    });

    const INVALID_LINE = 'conv1: conv 16 3x3 stride 2';
    const invalidOpen = await tally.require(
        'invalid example: a squiggle under the conv line',
        async () => {
            await openFile(page, 'invalid/stride-does-not-tile.conv');
            const squiggle = page.locator('.monaco-editor .squiggly-error');
            await squiggle.first().waitFor({ timeout: ANSWER_MS });
        },
        ['invalid example: Problems lists non-integer-output', 'quick fix through Ctrl+. removes the error']
    );
    if (invalidOpen) {
        await tally.test('invalid example: Problems lists non-integer-output', async () => {
            await page.keyboard.press('Control+Shift+M');
            const row = page.locator('.markers-panel .monaco-list-row', { hasText: '4.5' }).first();
            await row.waitFor({ timeout: ANSWER_MS });
            const text = await page.locator('.markers-panel').textContent();
            assert(text.includes('non-integer-output'), `the Problems entry lacks the code: ${text.slice(0, 300)}`);
            await shot(page, '05-squiggle-problems');
        });

        await tally.test('quick fix through Ctrl+. removes the error', async () => {
            const token = viewLine(page, INVALID_LINE)
                .locator('span[class*="mtk"]')
                .filter({ hasText: /^stride$/ })
                .first();
            await token.click();
            await page.keyboard.press('Control+.');
            const menu = page.locator('.action-widget');
            await menu.waitFor({ state: 'visible', timeout: ANSWER_MS });
            const fix = menu.locator('.monaco-list-row', { hasText: /floor/i }).first();
            await fix.waitFor({ timeout: ANSWER_MS });
            const titles = await menu.locator('.monaco-list-row').allTextContents();
            await shot(page, '06-quick-fix-menu');
            // Keyboard, as the lightbulb menu is meant to be used: move the focus to the fix, Enter.
            const rows = await menu.locator('.monaco-list-row.action').evaluateAll(els =>
                els.map(e => ({
                    label: e.getAttribute('aria-label') ?? '',
                    focused: e.classList.contains('focused')
                }))
            );
            const target = rows.findIndex(r => /floor/i.test(r.label));
            const focused = Math.max(
                rows.findIndex(r => r.focused),
                0
            );
            for (let k = focused; k < target; k++) await page.keyboard.press('ArrowDown');
            for (let k = focused; k > target; k--) await page.keyboard.press('ArrowUp');
            await page.keyboard.press('Enter');
            await waitForLine(
                page,
                'conv1: conv 16 3x3',
                t => /floor/.test(t),
                ANSWER_MS,
                `the floor fix was not applied (menu: ${titles.join(' | ')})`
            );
            await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: ANSWER_MS });
            // The workspace's other files keep their own warnings (resnet50's stride-2 1×1 shortcuts): only this error must go.
            await page
                .locator('.markers-panel .monaco-list-row', { hasText: 'non-integer-output' })
                .first()
                .waitFor({ state: 'detached', timeout: ANSWER_MS });
            await page.locator('[id="status.problems"]', { hasText: /^\s*0\b/ }).waitFor({ timeout: ANSWER_MS });
            await waitForLine(page, 'conv1: conv 16 3x3', t => /→ 4×4×16/.test(t), ANSWER_MS, 'the fixed line has no 4×4×16 hint');
            await shot(page, '07-quick-fix-applied');
        });
    }

    await tally.test("network view (editor title button) shows each network's total params", async () => {
        await openFile(page, 'inception.conv');
        await page.keyboard.press('Control+J').catch(() => undefined); // hide the panel: more room
        const button = page.locator('.editor-actions [aria-label*="Show Network View"]').first();
        await button.waitFor({ timeout: ANSWER_MS });
        await button.click();
        const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        const totals = view.locator('.total-params');
        await totals.first().waitFor({ timeout: FIRST_ANSWER_MS });
        const values = await totals.allTextContents();
        assert(values.join(' | ') === '387,072 | 163,328', `total params shown: ${values.join(' | ')}`);
        const boxes = await view.locator('svg [data-layer]').count();
        assert(boxes === 11, `${boxes} layer boxes (expected 4 + 7)`);
        await page.waitForTimeout(300);
        await shot(page, '08-network-view');
    });

    await tally.test('network view: a row reveals its line; the cursor selects rows; edits update it', async () => {
        const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        await view.locator('tr[data-line="41"]').first().click();
        const position = page.locator('[id="status.editor.selection"]');
        await position.filter({ hasText: 'Ln 41,' }).waitFor({ timeout: ANSWER_MS });
        await view.locator('tr.selected[data-line="41"]').first().waitFor({ timeout: ANSWER_MS });
        // Follow edits: 96 → 48 reduce filters changes Reduced's total.
        await replaceLine(page, 'reduce3x3: conv 48 1x1');
        // 163,328 − (192·96 + 9·96·128) + (192·48 + 9·48·128) = 98,816
        await view.locator('.total-params', { hasText: '98,816' }).waitFor({ timeout: ANSWER_MS });
        await shot(page, '09-network-view-follows-edits');
    });

    /** The compare view's totals as shown: [A, B], Δ and %. */
    async function compareTotals(view) {
        const totals = view.locator('.compare-totals .total-params');
        await totals.nth(1).waitFor({ timeout: FIRST_ANSWER_MS });
        return {
            params: await totals.allTextContents(),
            delta: await view.locator('.compare-totals .delta-total-params').textContent(),
            percent: await view.locator('.compare-totals .percent-total-params').textContent()
        };
    }

    /** Chooses `name` in the open quick pick by typing it (the list filters) and Enter. */
    async function pick(name) {
        const input = page.locator('.quick-input-widget input');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: ANSWER_MS });
        await input.fill(name);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: ANSWER_MS });
        await page.keyboard.press('Enter');
    }

    /**
     * Activates inception.conv's text editor by its tab (open since the network-view tests). Not by
     * Quick Open: the view's tab ("Network: inception.conv") also names the file, and with the
     * focus in the webview openFile could settle on it.
     */
    async function focusInception() {
        await dismiss(page);
        await page.locator('.tab[aria-label^="inception.conv"]').first().click();
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: ANSWER_MS });
    }

    await tally.test('Convspec: Compare Networks… shows Naive and Reduced side by side, both totals and the change', async () => {
        await focusInception();
        // The network-view test left an unsaved edit (96 → 48 reduce filters): back to the file as it is.
        await runCommand(page, 'File: Revert File');
        await page.locator('.editor-group-container .tab.active.dirty').waitFor({ state: 'detached', timeout: ANSWER_MS });
        await runCommand(page, 'Convspec: Compare Networks…');
        await pick('Naive');
        await pick('Reduced');
        const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        const shown = await compareTotals(view);
        // Naive 1·1·192·64 + 3·3·192·128 + 5·5·192·32 = 387,072; Reduced 163,328 (examples/inception.conv's own arithmetic).
        assert(shown.params.join(' | ') === '387,072 | 163,328', `total params shown: ${shown.params.join(' | ')}`);
        // 163,328 − 387,072 = −223,744; 223,744 / 387,072 = 57.80…%
        assert(shown.delta === '−223,744' && shown.percent === '−57.8%', `change shown: ${shown.delta} (${shown.percent})`);
        const outputs = await view.locator('.compare-totals tr', { hasText: 'Output' }).textContent();
        assert(outputs.includes('28×28×416') && outputs.includes('28×28×256'), `outputs: ${outputs}`);
        const added = await view.locator('tr.added td.b.side-start').allTextContents();
        assert(
            added.join(' | ') === 'reduce3x3: conv 96 1x1 | reduce5x5: conv 16 1x1 | poolproj: conv 32 1x1',
            `added rows: ${added.join(' | ')}`
        );
        const changed = await view.locator('tr.changed:not(.structure) td.a.side-start').allTextContents();
        assert(changed.join(' | ') === 'conv 128 3x3 pad 1 | conv 32 5x5 pad 2', `changed layer rows: ${changed.join(' | ')}`);
        // Both diagrams, and the page's script marked the three added boxes in B's.
        const boxes = side => view.locator(`.diagram[data-side="${side}"] svg [data-layer]`).count();
        assert((await boxes('a')) === 4 && (await boxes('b')) === 7, `layer boxes ${await boxes('a')} and ${await boxes('b')}`);
        const marked = await view.locator('.diagram[data-side="b"] .layer.added').count();
        assert(marked === 3, `${marked} boxes marked as added in Reduced's diagram`);
    });

    /** A layout command from the palette, retried once: the palette sometimes opens while the webview keeps the focus. */
    async function layoutCommand(title) {
        try {
            await runCommand(page, title);
        } catch {
            await dismiss(page);
            await page.waitForTimeout(500);
            await runCommand(page, title);
        }
        await page.waitForTimeout(400);
    }

    await tally.test('screenshot of the compare view alone, side bar hidden (docs/images/compare-view.png)', async () => {
        await page.locator('.tab', { hasText: 'Compare: Naive' }).first().click();
        await layoutCommand('View: Toggle Primary Side Bar Visibility');
        await layoutCommand('View: Toggle Maximize Editor Group');
        try {
            await page.waitForTimeout(400);
            const area = await page.locator('.part.editor').boundingBox();
            await page.screenshot({ path: path.join(SHOTS, '10-compare-view.png'), clip: area ?? undefined });
        } finally {
            await layoutCommand('View: Toggle Maximize Editor Group');
            await layoutCommand('View: Toggle Primary Side Bar Visibility');
            // Back to the file's group, so the next files open beside the view, not in its group.
            await focusInception();
        }
    });

    await tally.test('the `compare with Naive` code lens above Reduced opens Reduced → Naive', async () => {
        await focusInception();
        await goToLine(page, 36);
        const lens = page.locator('.codelens-decoration a', { hasText: 'compare with Naive' }).first();
        await lens.waitFor({ timeout: ANSWER_MS });
        await lens.click();
        const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        await view.locator('.compare-totals .total-params[data-side="a"]', { hasText: '163,328' }).waitFor({ timeout: ANSWER_MS });
        const shown = await compareTotals(view);
        // +223,744 / 163,328 = +136.99…% → +137.0%
        assert(
            shown.params.join(' | ') === '163,328 | 387,072' && shown.delta === '+223,744' && shown.percent === '+137.0%',
            `shown: ${shown.params.join(' | ')}, ${shown.delta} (${shown.percent})`
        );
        // The pool projection is a removed row now: only in A (Reduced).
        const removed = await view.locator('tr.removed td.a.side-start').allTextContents();
        assert(removed.includes('poolproj: conv 32 1x1'), `removed rows: ${removed.join(' | ')}`);
        await shot(page, '10b-compare-lens');
    });

    await tally.test('Convspec: Restart Language Server brings hints back', async () => {
        await openFile(page, 'seed.conv');
        await waitForLine(page, CONV_LINE, t => t.includes('165,984 params'), ANSWER_MS, 'no hint before the restart');
        const before = serverPids();
        assert(before.length === 1, `expected one language server process, found ${before.length}`);
        await runCommand(page, 'Convspec: Restart Language Server');
        const deadline = Date.now() + ANSWER_MS;
        let after = serverPids();
        while (Date.now() < deadline && (after.length !== 1 || after[0] === before[0])) {
            await page.waitForTimeout(250);
            after = serverPids();
        }
        assert(after.length === 1 && after[0] !== before[0], `server processes before ${before}, after ${after}: no clean restart`);
        // Edit so that the hint must come from the restarted server: 96 → 64 filters.
        await goToLine(page, 18);
        await replaceLine(page, 'conv3x3: conv 64 3x3');
        await waitForLine(
            page,
            'conv3x3: conv 64 3x3',
            t => /→ 26×26×64 · 110,656 params/.test(t),
            FIRST_ANSWER_MS,
            'no hint from the restarted server'
        );
        const errors = await page.locator('.notifications-toasts .notification-toast', { hasText: /Convspec|language server/i }).count();
        assert(errors === 0, 'a Convspec notification appeared (the server failed?)');
        await shot(page, '11-after-restart');
    });
}

// Allow `node scripts/e2e/vscode.mjs` on its own.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    const tally = new Tally();
    await vscodeSuite(tally);
    console.log(`e2e: ${tally.passed} passed, ${tally.failed} failed`);
    process.exit(tally.failed ? 1 : 0);
}
