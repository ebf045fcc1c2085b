// Bundles the built package (out/, from tsc) into dist/, what the npm package
// ships and the bin scripts run:
//   dist/convspec.cjs  the CLI's `main` and the language server, one CommonJS
//                      file: bin/convspec.js and bin/convspec-language-server.js
//                      run it through V8's code cache (bin/cached-bundle.js),
//                      and the VS Code extension ships this same file;
//   dist/index.mjs     the library API (src/api/public.ts), no Node built-in in it.
// One file instead of hundreds of modules is most of the CLI's start-up time
// (docs/architecture.md, "Start-up"). Nothing is external: the package has
// no dependencies.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));

const common = {
    absWorkingDir: here,
    bundle: true,
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { CONVSPEC_BUNDLED_VERSION: JSON.stringify(version) },
    // cli/version.ts reads package.json through import.meta.url only when the
    // version was not written in; in the bundle that branch is dead code.
    logOverride: { 'empty-import-meta': 'silent' }
};

rmSync(new URL('dist/', import.meta.url), { recursive: true, force: true });

await Promise.all([
    esbuild.build({
        ...common,
        entryPoints: { convspec: 'out/node/program.js' },
        outdir: 'dist',
        format: 'cjs',
        outExtension: { '.js': '.cjs' }
    }),
    // The library takes its dependencies' browser builds (vscode-jsonrpc's without `net` and `util`):
    // it runs in Node and in a browser alike, and a `require` inside an ES module would fail in both.
    esbuild.build({
        ...common,
        entryPoints: { index: 'out/api/public.js' },
        outdir: 'dist',
        format: 'esm',
        platform: 'browser',
        outExtension: { '.js': '.mjs' }
    })
]);
