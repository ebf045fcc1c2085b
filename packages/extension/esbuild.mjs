// Bundles the extension (client) and the language server into out/: the .vsix
// ships no node_modules. Langium is ESM-only; VS Code loads CommonJS, so both
// bundles are CJS for Node with `vscode` left to the host.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const production = process.argv.includes('--production');

const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    absWorkingDir: here
};

rmSync(new URL('out/', import.meta.url), { recursive: true, force: true });

await Promise.all([
    esbuild.build({ ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'out' }),
    // The language package's server (`npm run build` there first), started over Node IPC.
    esbuild.build({ ...common, entryPoints: { server: 'src/server.ts' }, outdir: 'out' })
]);
