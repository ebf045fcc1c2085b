// Bundles the extension (client) into out/ and puts the language server beside
// it: the .vsix ships no node_modules. Langium is ESM-only; VS Code loads
// CommonJS, so the bundle is CJS for Node with `vscode` left to the host.
// The server is the language package's own bundle, dist/convspec.cjs (build
// that package first), the same file the npm package's bin runs.
import * as esbuild from 'esbuild';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { noNodeBuiltins } from '../../scripts/lib/no-node-builtins.mjs';

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
// VS Code for the Web (vscode.dev, github.dev, virtual workspaces): the client and the language server in
// the web extension host's worker (src/browser-extension.ts). CommonJS is what that host loads.
await esbuild.build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: { 'web/extension': 'src/browser-extension.ts' },
    outdir: 'out',
    plugins: [noNodeBuiltins('the web entry runs in a browser worker')]
});
// What the client forks (over Node IPC): the shared bundle, started as a server.
writeFileSync(new URL('out/server.js', import.meta.url), "'use strict';\nrequire('./convspec.cjs').startNodeLanguageServer();\n");
