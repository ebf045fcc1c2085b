// The extension on VS Code for the Web: the packaged .vsix, its manifest
// rewritten for the test only — no `main`, `extensionKind: ["ui"]` — so
// code-server can only run its `browser` entry (src/browser-extension.ts), in
// its web worker extension host, where the language server runs in the same
// worker. The workspace's main.conv imports lib/blocks.conv, which no editor
// opens: the block resolves only if the server read it through `workspace.fs`
// (code-server's `vscode-remote:` file system). Checks a hint, a diagnostic
// and that import.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { inCodeServer, packagedVsix } from './code-server.mjs';
import { assert, RESULTS } from './harness.mjs';

const RUN = path.join(RESULTS, 'web-extension-run');
const FIRST_ANSWER_MS = 45_000;
const NODE_BUILTINS = new Set(builtinModules.flatMap(name => [name, `node:${name}`]));

const grouped = n => n.toLocaleString('en-US');

/**
 * Copies `vsix` to `variant` with the test manifest, and writes its manifest and browser entry to `stage`
 * for the checks below. Python's zipfile does the zip work (python3 is the test command's PyTorch referee).
 */
function webOnlyVariant(vsix, variant, stage) {
    const script = `
import json, os, sys, zipfile
vsix, variant, stage = sys.argv[1:4]
with zipfile.ZipFile(vsix) as src, zipfile.ZipFile(variant, 'w', zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == 'extension/package.json':
            open(os.path.join(stage, 'package.json'), 'wb').write(data)
            manifest = json.loads(data)
            manifest.pop('main', None)
            manifest['extensionKind'] = ['ui']
            data = json.dumps(manifest, indent=2).encode()
        elif item.filename == 'extension/out/web/extension.js':
            open(os.path.join(stage, 'extension.js'), 'wb').write(data)
        dst.writestr(item, data)
`;
    const r = spawnSync('/usr/bin/python3', ['-c', script, vsix, variant, stage], { encoding: 'utf8', timeout: 60_000 });
    assert(r.status === 0, `rewriting the .vsix's manifest failed: ${r.stderr}`);
}

/** The packaged .vsix as a browser-only extension, after checking what the browser host will load from it. */
function browserOnlyPackage(stage) {
    const vsix = packagedVsix();
    assert(existsSync(vsix), `${vsix} does not exist (run \`pnpm package\`)`);
    mkdirSync(stage, { recursive: true });
    const variant = path.join(stage, 'convspec-web.vsix');
    webOnlyVariant(vsix, variant, stage);
    const manifest = JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8'));
    assert(manifest.browser === './out/web/extension.js', `the package's browser entry is ${manifest.browser}`);
    assert(manifest.capabilities?.virtualWorkspaces === true, 'the package does not declare virtualWorkspaces: true');
    // The build already fails on a Node built-in; this checks the shipped file: a bundle's require() of a module
    // (lodash's guarded `module.require("util")` is not one).
    const code = readFileSync(path.join(stage, 'extension.js'), 'utf8');
    const required = [...code.matchAll(/(?<![.\w$])require\(["']([^"']+)["']\)/g)].map(m => m[1]).filter(name => NODE_BUILTINS.has(name));
    assert(required.length === 0, `out/web/extension.js requires Node built-ins: ${[...new Set(required)].join(', ')}`);
    return variant;
}

export async function webExtensionSuite(tally) {
    rmSync(RUN, { recursive: true, force: true });
    const workspace = path.join(RUN, 'workspace');
    mkdirSync(path.join(workspace, 'lib'), { recursive: true });
    writeFileSync(path.join(workspace, 'lib/blocks.conv'), 'block squeeze(c) {\n  conv c 1x1\n}\n');
    writeFileSync(
        path.join(workspace, 'main.conv'),
        'import "lib/blocks.conv"\n\nnetwork Web {\n  input 28x28x192\n  squeeze(96)\n  conv 16 3x3 stride 2\n}\n'
    );
    const install = {
        title: 'the packaged .vsix with its browser entry alone (no `main`) installs in code-server',
        vsix: () => browserOnlyPackage(path.join(RUN, 'package')),
        verify: extensions =>
            assert(
                readdirSync(extensions).some(d => d.startsWith('convspec.')),
                'no convspec.* extension folder'
            )
    };
    await inCodeServer(tally, { run: RUN, workspace, install, dependents: ['the web extension in code-server'] }, (page, port) =>
        runChecks(tally, page, port, workspace)
    );
}

async function shot(page, name) {
    await page.screenshot({ path: path.join(RESULTS, `web-extension-${name}.png`) });
}

async function lineText(page, source) {
    const line = page.locator('.monaco-editor .view-line', { hasText: source }).first();
    return ((await line.textContent().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
}

async function waitForLine(page, source, expected, timeout) {
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
        text = await lineText(page, source);
        if (text.includes(expected)) return;
        await page.waitForTimeout(250);
    }
    throw new Error(`no \`${expected}\` on the line; it reads ${JSON.stringify(text)}`);
}

async function runChecks(tally, page, port, workspace) {
    const opened = await tally.require(
        'main.conv opens in the workbench (lib/blocks.conv stays closed)',
        async () => {
            await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
            await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
            await page
                .locator('.explorer-folders-view .monaco-list-row', { hasText: /^main\.conv/ })
                .first()
                .click({ timeout: 30_000 });
            await page.locator('.editor-group-container.active .tab.active[aria-label*="main.conv"]').waitFor({ timeout: 15_000 });
            await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
        },
        ['the web extension checks']
    );
    if (!opened) return;

    // squeeze(96) from lib/blocks.conv: a 1×1 conv on 28×28×192, 1·1·192·96 + 96 parameters.
    const importHint = `→ 28×28×96 · ${grouped(1 * 1 * 192 * 96 + 96)} params`;
    await tally.test(`an imported block read through workspace.fs: \`squeeze(96)\` shows \`${importHint}\``, async () => {
        await waitForLine(page, 'squeeze(96)', importHint, FIRST_ANSWER_MS);
        await shot(page, 'hints');
    });

    // After the squeeze: (28 − 3 + 2·0)/2 + 1 = 13.5.
    const raw = (28 - 3 + 2 * 0) / 2 + 1;
    await tally.test(`a diagnostic: "(28 − 3 + 2·0)/2 + 1 = ${raw} is not an integer", and no other error`, async () => {
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: FIRST_ANSWER_MS });
        await page.keyboard.press('Control+Shift+M');
        const problems = page.locator('.markers-panel');
        await problems.waitFor({ timeout: 10_000 });
        const expected = `(28 − 3 + 2·0)/2 + 1 = ${raw} is not an integer`;
        const deadline = Date.now() + 10_000;
        let text = '';
        while (Date.now() < deadline && !text.includes(expected)) {
            text = ((await problems.textContent()) ?? '').replace(/\u00a0/g, ' ');
            await page.waitForTimeout(250);
        }
        assert(text.includes(expected), `the Problems panel: ${text.slice(0, 400)}`);
        assert(!/unresolved-import|cannot import|no block named/.test(text), `the import did not resolve: ${text.slice(0, 400)}`);
        await shot(page, 'problems');
    });

    // Web: squeeze(96) 1·1·192·96 + 96, then conv 16 3x3 on 96 channels 3·3·96·16 + 16.
    const total = 1 * 1 * 192 * 96 + 96 + (3 * 3 * 96 * 16 + 16);
    await tally.test(`the network view opens in a webview with the total ${grouped(total)} params`, async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').fill('>Convspec: Show Network View');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Network View' }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        const deadline = Date.now() + 30_000;
        let found;
        while (Date.now() < deadline && found === undefined) {
            for (const frame of page.frames()) {
                const value = await frame
                    .locator('#convspec-view section[data-network="Web"] .total-params')
                    .getAttribute('data-params', { timeout: 200 })
                    .catch(() => null);
                if (value !== null) found = value;
            }
            if (found === undefined) await page.waitForTimeout(250);
        }
        await shot(page, 'network-view');
        assert(found === String(total), `the view's total: ${found ?? 'no view found'}`);
    });

    await tally.test('the extension runs in the web worker extension host (its output channel says so)', async () => {
        await page.keyboard.press('Control+Shift+U');
        const picker = page.locator('.output-view, .part.panel').first();
        await picker.waitFor({ timeout: 10_000 });
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').fill('>Output: Show Output Channels');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Output Channels' }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await page
            .locator('.quick-input-list .monaco-list-row', { hasText: 'Convspec Language Server' })
            .first()
            .click({ timeout: 10_000 });
        const panel = page.locator('.part.panel .monaco-editor .view-lines').first();
        const deadline = Date.now() + 10_000;
        let text = '';
        while (Date.now() < deadline && !text.includes('in the web extension host')) {
            text = ((await panel.textContent().catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
            await page.waitForTimeout(250);
        }
        await shot(page, 'output');
        assert(text.includes('language server started (in the web extension host)'), `the output reads: ${text.slice(0, 300)}`);
    });
}
