// The extension on VS Code for the Web: its `browser` entry
// (src/browser-extension.ts, bundled for the browser with no Node built-in)
// packaged in a test-only manifest variant — no `main`, `extensionKind:
// ["ui"]` — so code-server can only run it in its web worker extension host,
// where the language server runs in the same worker. The workspace's
// main.conv imports lib/blocks.conv, which no editor opens: the block resolves
// only if the server read it through `workspace.fs` (code-server's
// `vscode-remote:` file system). Checks a hint, a diagnostic and that import.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { assert, BROWSER_ARGS, CHROMIUM, RESULTS, ROOT } from './harness.mjs';

const EXTENSION = path.join(ROOT, 'packages/extension');
const CODE_SERVER = path.join(ROOT, '.tools/cs/node_modules/.bin/code-server');
const VSCE = path.join(EXTENSION, 'node_modules/.bin/vsce');
const RUN = path.join(RESULTS, 'web-extension-run');
const FIRST_ANSWER_MS = 45_000;

const NODE_BUILTINS = new Set(builtinModules.flatMap(name => [name, `node:${name}`]));

const grouped = n => n.toLocaleString('en-US');

/**
 * The web bundle when the extension's build has not made one (out/web/extension.js):
 * CJS for the web worker host, `vscode` external, no Node built-in.
 */
async function buildWebBundle(outfile) {
    const offenders = [];
    await esbuild.build({
        absWorkingDir: EXTENSION,
        entryPoints: ['src/browser-extension.ts'],
        outfile,
        bundle: true,
        format: 'cjs',
        platform: 'browser',
        target: 'es2022',
        external: ['vscode'],
        minify: true,
        logLevel: 'warning',
        plugins: [
            {
                name: 'no-node-builtins',
                setup(build) {
                    build.onResolve({ filter: /.*/ }, args => {
                        if (!NODE_BUILTINS.has(args.path)) return undefined;
                        offenders.push(`${args.path} (imported by ${args.importer})`);
                        return { path: args.path, external: true };
                    });
                }
            }
        ]
    });
    assert(offenders.length === 0, `the web bundle imports Node built-ins: ${[...new Set(offenders)].join(', ')}`);
}

/** A copy of the extension with the browser entry only, packaged with vsce. */
async function packageWebOnly(stage) {
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE', 'language-configuration.json', 'syntaxes', 'snippets', 'images']) {
        cpSync(path.join(EXTENSION, f), path.join(stage, f), { recursive: true });
    }
    const bundle = path.join(stage, 'out/web/extension.js');
    const shipped = path.join(EXTENSION, 'out/web/extension.js');
    if (existsSync(shipped)) {
        // The extension's own build made the web entry: test that file, after checking it loads no Node built-in
        // (a bundle's require() of a module; lodash's guarded `module.require("util")` is not one).
        mkdirSync(path.dirname(bundle), { recursive: true });
        copyFileSync(shipped, bundle);
        const code = readFileSync(bundle, 'utf8');
        const required = [...code.matchAll(/(?<![.\w$])require\(["']([^"']+)["']\)/g)]
            .map(m => m[1])
            .filter(name => NODE_BUILTINS.has(name));
        assert(required.length === 0, `out/web/extension.js requires Node built-ins: ${[...new Set(required)].join(', ')}`);
    } else {
        await buildWebBundle(bundle);
    }
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));
    delete manifest.main;
    delete manifest.scripts;
    delete manifest.devDependencies;
    manifest.browser = './out/web/extension.js';
    manifest.extensionKind = ['ui'];
    manifest.capabilities.virtualWorkspaces = true;
    writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(path.join(stage, '.vscodeignore'), '**/*.map\n');
    const vsix = path.join(stage, 'convspec-web.vsix');
    const r = spawnSync(VSCE, ['package', '--no-dependencies', '-o', vsix], { cwd: stage, encoding: 'utf8', input: '', timeout: 120_000 });
    assert(r.status === 0, `vsce package exited ${r.status}: ${r.stderr || r.stdout}`);
    return vsix;
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
        server.on('error', reject);
    });
}

async function waitForHealth(port, child, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
        try {
            if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
        } catch {
            /* not up yet */
        }
        await new Promise(r => setTimeout(r, 300));
    }
    throw new Error('code-server did not answer /healthz');
}

export async function webExtensionSuite(tally) {
    rmSync(RUN, { recursive: true, force: true });
    const userData = path.join(RUN, 'user-data');
    const extensions = path.join(RUN, 'extensions');
    const workspace = path.join(RUN, 'workspace');
    const config = path.join(RUN, 'config.yaml');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    mkdirSync(extensions, { recursive: true });
    mkdirSync(path.join(workspace, 'lib'), { recursive: true });
    writeFileSync(path.join(workspace, 'lib/blocks.conv'), 'block squeeze(c) {\n  conv c 1x1\n}\n');
    writeFileSync(
        path.join(workspace, 'main.conv'),
        'import "lib/blocks.conv"\n\nnetwork Web {\n  input 28x28x192\n  squeeze(96)\n  conv 16 3x3 stride 2\n}\n'
    );
    writeFileSync(
        path.join(userData, 'User/settings.json'),
        JSON.stringify({
            'security.workspace.trust.enabled': false,
            'workbench.startupEditor': 'none',
            'workbench.tips.enabled': false,
            'extensions.autoUpdate': false,
            'extensions.autoCheckUpdates': false,
            'extensions.ignoreRecommendations': true,
            'telemetry.telemetryLevel': 'off',
            'update.mode': 'none',
            'chat.commandCenter.enabled': false,
            'workbench.secondarySideBar.defaultVisibility': 'hidden',
            'editor.inlayHints.enabled': 'on',
            'editor.hover.delay': 200,
            'editor.minimap.enabled': false,
            'git.enabled': false
        })
    );
    const port = await freePort();
    writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

    const installed = await tally.require(
        'package the browser entry alone (no Node built-in, no `main`) and install it in code-server',
        async () => {
            const vsix = await packageWebOnly(path.join(RUN, 'package'));
            const r = spawnSync(CODE_SERVER, [...common, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
            assert(r.status === 0, `code-server --install-extension exited ${r.status}: ${r.stderr || r.stdout}`);
            assert(
                readdirSync(extensions).some(d => d.startsWith('convspec.')),
                'no convspec.* extension folder'
            );
        },
        ['the web extension in code-server']
    );
    if (!installed) return;

    const child = spawn(
        CODE_SERVER,
        [...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened', workspace],
        { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    const logChunks = [];
    child.stdout.on('data', d => logChunks.push(d));
    child.stderr.on('data', d => logChunks.push(d));
    let browser;
    try {
        const up = await tally.require('code-server starts', () => waitForHealth(port, child), ['the web extension in code-server']);
        if (!up) return;
        const playwright = await import(pathToFileURL(path.join(ROOT, '.tools/pw/node_modules/playwright-core/index.mjs')).href);
        browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
        const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
        await runChecks(tally, page, port, workspace);
    } finally {
        await browser?.close().catch(() => undefined);
        child.kill('SIGTERM');
        await new Promise(r => setTimeout(r, 300));
        if (child.exitCode === null) child.kill('SIGKILL');
        writeFileSync(path.join(RUN, 'code-server.log'), Buffer.concat(logChunks));
    }
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
