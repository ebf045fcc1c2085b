/**
 * The npm package as a user gets it: `npm pack`, then `npm install --offline`
 * of that tarball into a fresh folder outside the checkout, where no
 * workspace node_modules can be resolved. Build first (`npm run build`).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LspClient } from '../lsp/lsp-client.js';

const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const TYPESCRIPT = path.join(PACKAGE_DIR, 'node_modules/typescript/bin/tsc');

/** A small network whose numbers are written out: conv 3×3, 3 → 16 channels, same padding. */
const SMALL = 'network Small {\n  input 32x32x3\n  conv 16 3x3 pad 1\n  relu\n  maxpool 2x2 stride 2\n}\n';
const CONV_PARAMS = 3 * 3 * 3 * 16 + 16; // 448: weights k·k·Din·Dout, one bias per filter
const CONV_MACS = 32 * 32 * 16 * (3 * 3 * 3); // 442,368: one k·k·Din dot product per output value

let home: string;
let project: string;
let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };

function sh(command: string, args: readonly string[], options: SpawnSyncOptions = {}) {
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, ...options });
    if (result.error) throw result.error;
    return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

beforeAll(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'convspec-npm-'));
    const pack = sh('npm', ['pack', '--json', '--pack-destination', home], { cwd: PACKAGE_DIR });
    expect(pack.status, pack.stderr).toBe(0);
    [packed] = JSON.parse(pack.stdout);
    project = path.join(home, 'project');
    sh('mkdir', [project]);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    writeFileSync(path.join(project, 'small.conv'), SMALL);
    const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(home, packed.filename)], {
        cwd: project,
        env: { ...process.env, npm_config_cache: path.join(home, 'npm-cache') }
    });
    expect(install.status, install.stderr).toBe(0);
}, 180_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The installed CLI, through the shim npm made in node_modules/.bin. */
const convspec = (...args: string[]) =>
    sh(path.join(project, 'node_modules/.bin/convspec'), args, {
        cwd: project,
        env: { ...process.env, CONVSPEC_CACHE_DIR: path.join(home, 'cache') }
    });

describe('npm pack', () => {
    test('a package under 1 MB with no dependencies, shipping the bins, the bundles and the declarations', () => {
        expect(packed.size).toBeLessThan(1_000_000);
        const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules/convspec/package.json'), 'utf8'));
        expect(manifest.name).toBe('convspec');
        expect(manifest.dependencies ?? {}).toEqual({});
        expect(manifest.bin).toEqual({ convspec: 'bin/convspec.js', 'convspec-language-server': 'bin/convspec-language-server.js' });
        const files = packed.files.map(f => f.path);
        expect(files.filter(f => !/^(bin|dist)\//.test(f)).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
        expect(files).toContain('dist/convspec.cjs');
        expect(files).toContain('dist/index.mjs');
        expect(files).toContain(manifest.types.replace(/^\.\//, ''));
    });
});

describe('the installed package', () => {
    test('convspec check, summary, export and draw', () => {
        const check = convspec('check', 'small.conv');
        expect(check.stdout + check.stderr).toContain('1 file checked: 0 errors');
        expect(check.status).toBe(0);

        const summary = convspec('summary', 'small.conv', '--format', 'json');
        expect(summary.status, summary.stderr).toBe(0);
        const [network] = JSON.parse(summary.stdout).networks;
        expect(network.output).toEqual([16, 16, 16]); // (32 − 2)/2 + 1 = 16
        expect(network.params).toBe(CONV_PARAMS);
        expect(network.macs).toBe(CONV_MACS);

        const exported = convspec('export', '--to', 'pytorch', 'small.conv');
        expect(exported.status, exported.stderr).toBe(0);
        expect(exported.stdout).toContain('nn.Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)');

        const drawn = convspec('draw', 'small.conv');
        expect(drawn.status, drawn.stderr).toBe(0);
        expect(drawn.stdout).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(drawn.stdout).toContain('448');

        const broken = convspec('check', '--format', 'json', 'small.conv', 'missing.conv');
        expect(broken.status).toBe(2);
    });

    test('the language server answers initialize and publishes the arithmetic', async () => {
        const client = new LspClient(project, path.join(project, 'node_modules/.bin/convspec-language-server'));
        try {
            const init = await client.initialize(project);
            expect(init.capabilities.inlayHintProvider).toBeTruthy();
            expect(init.capabilities.hoverProvider).toBe(true);
            const uri = pathToFileURL(path.join(project, 'strided.conv')).href;
            // (10 − 3)/2 + 1 = 4.5: a 3×3 window at stride 2 does not tile 10 columns.
            const diagnostics = await client.open(uri, 'network N {\n  input 10x10x3\n  conv 16 3x3 stride 2\n}\n');
            expect(diagnostics.map(d => d.code)).toContain('non-integer-output');
        } finally {
            await client.shutdown();
        }
    });

    test('the library, imported by name, in Node', () => {
        const script = `
            import { check, summarize, toPyTorch, drawSvg, compare, annotate, ISSUE_CODES } from 'convspec';
            const text = ${JSON.stringify(SMALL)};
            const summary = await summarize(text, { batch: 2 });
            const wider = text.replace('conv 16', 'conv 32');
            const diff = await compare({ text }, { text: wider });
            console.log(JSON.stringify({
                params: summary.networks[0].params,
                batch: summary.networks[0].memory.batch,
                errors: (await check('network N {\\n  input 10x10x3\\n  conv 16 3x3 stride 2\\n}\\n')).map(d => d.code),
                torch: (await toPyTorch(text)).includes('class Small(nn.Module)'),
                svg: (await drawSvg(text)).split('\\n')[1].startsWith('<svg '),
                annotated: (await annotate(text)).split('\\n')[2],
                delta: diff.params.delta,
                codes: ISSUE_CODES.includes('non-integer-output')
            }));`;
        const r = sh(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
        expect(r.status, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toEqual({
            params: CONV_PARAMS,
            batch: 2,
            errors: ['non-integer-output'],
            torch: true,
            svg: true,
            annotated: expect.stringMatching(/^ {2}conv 16 3x3 pad 1 +\/\/ → 32×32×16 · 448 params$/),
            // 32 filters instead of 16: 3·3·3·32 + 32 − 448
            delta: 3 * 3 * 3 * 32 + 32 - CONV_PARAMS,
            codes: true
        });
    });

    test('its declarations type-check a consumer with nothing but the package', () => {
        writeFileSync(
            path.join(project, 'consumer.ts'),
            `import { summarize, type FileSummary, type ConvDiagnostic, type NetworkDiff } from 'convspec';
             const summary: FileSummary = await summarize('network N { input 8x8x1 }');
             const params: number | null = summary.networks[0].params;
             const first: ConvDiagnostic | undefined = summary.diagnostics[0];
             export const seen: [number | null, string | undefined, NetworkDiff | null] = [params, first?.code, null];
             // @ts-expect-error the API takes text, not a number
             await summarize(42);\n`
        );
        writeFileSync(
            path.join(project, 'tsconfig.json'),
            JSON.stringify({
                compilerOptions: {
                    module: 'node16',
                    moduleResolution: 'node16',
                    target: 'es2022',
                    strict: true,
                    noEmit: true,
                    skipLibCheck: false,
                    types: []
                },
                files: ['consumer.ts']
            })
        );
        const tsc = sh(process.execPath, [TYPESCRIPT, '-p', project], { cwd: project });
        expect(tsc.stdout + tsc.stderr).toBe('');
        expect(tsc.status).toBe(0);
    });
});
