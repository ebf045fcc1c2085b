// Bundles the extension (client) into out/ and puts the language server beside
// it: the .vsix ships no node_modules. Langium is ESM-only; VS Code loads
// CommonJS, so the bundle is CJS for Node with `vscode` left to the host.
// The server is the language package's own bundle, dist/convspec.cjs (build
// that package first), the same file the npm package's bin runs.
import * as esbuild from 'esbuild';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
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

await esbuild.build({ ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'out' });
copyFileSync(new URL('../language/dist/convspec.cjs', import.meta.url), new URL('out/convspec.cjs', import.meta.url));
// What the client forks (over Node IPC): the shared bundle, started as a server.
writeFileSync(new URL('out/server.js', import.meta.url), "'use strict';\nrequire('./convspec.cjs').startNodeLanguageServer();\n");
