// What the two VS Code suites (vscode.mjs: the desktop .vsix; web-extension.mjs:
// its browser entry) share: a fresh code-server profile with the package
// installed, serving a workspace folder to a headless Chromium page.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { assert, launchChromium, ROOT } from './harness.mjs';

const CODE_SERVER = path.join(ROOT, '.tools/cs/node_modules/.bin/code-server');

/** The .vsix under test: E2E_VSIX, or the one `pnpm package` wrote. */
export function packagedVsix() {
    if (process.env.E2E_VSIX) return path.resolve(process.env.E2E_VSIX);
    const dir = path.join(ROOT, 'packages/extension');
    const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    return path.join(dir, `convspec-${version}.vsix`);
}

/** The user settings of a quiet profile (no tours, updates, telemetry or git), with `extra` on top. */
export function userSettings(extra = {}) {
    return JSON.stringify(
        {
            'security.workspace.trust.enabled': false,
            'workbench.startupEditor': 'none',
            'workbench.tips.enabled': false,
            'workbench.welcomePage.walkthroughs.openOnInstall': false,
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
            'window.zoomLevel': 0,
            'files.autoSave': 'off',
            'git.enabled': false,
            'git.openRepositoryInParentFolders': 'never',
            ...extra
        },
        null,
        2
    );
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

/**
 * Installs a package into a fresh profile under `run` (a required step of `tally` titled `install.title`;
 * `install.vsix()` returns the file, `install.verify(extensionsDir)` checks what landed), starts code-server on
 * `workspace` and runs `checks(page, port)` on a Chromium page. Stops both and keeps code-server's log in `run`.
 * `dependents` names what cannot run when a required step fails.
 */
export async function inCodeServer(tally, { run, workspace, install, dependents }, checks) {
    const userData = path.join(run, 'user-data');
    const extensions = path.join(run, 'extensions');
    const config = path.join(run, 'config.yaml');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    mkdirSync(extensions, { recursive: true });
    writeFileSync(path.join(userData, 'User', 'settings.json'), userSettings());
    const port = await freePort();
    writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

    const installed = await tally.require(
        install.title,
        async () => {
            const vsix = await install.vsix();
            const r = spawnSync(CODE_SERVER, [...common, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
            assert(r.status === 0, `code-server --install-extension exited ${r.status}: ${r.stderr || r.stdout}`);
            install.verify(extensions);
        },
        dependents
    );
    if (!installed) return;

    const child = spawn(
        CODE_SERVER,
        [
            ...common,
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--disable-getting-started-override',
            '--ignore-last-opened',
            workspace
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] }
    );
    const logChunks = [];
    child.stdout.on('data', d => logChunks.push(d));
    child.stderr.on('data', d => logChunks.push(d));
    let browser;
    try {
        const up = await tally.require('code-server starts', () => waitForHealth(port, child), dependents);
        if (!up) return;
        browser = await launchChromium(tally);
        if (!browser) return;
        const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
        await checks(page, port);
    } finally {
        await browser?.close().catch(() => undefined);
        child.kill('SIGTERM');
        await new Promise(r => setTimeout(r, 300));
        if (child.exitCode === null) child.kill('SIGKILL');
        writeFileSync(path.join(run, 'code-server.log'), Buffer.concat(logChunks));
    }
}
