// The build check behind "the core runs anywhere" (docs/architecture.md):
// bundles the package's core and language-server entry points for the
// browser and fails if anything in them, ours or a dependency's, imports a
// Node built-in. Run after the build (it reads out/).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { noNodeBuiltins } from './lib/no-node-builtins.mjs';

const ENTRIES = [
    'packages/language/out/index.js',
    'packages/language/out/api/public.js',
    'packages/language/out/lsp/index.js',
    'packages/language/out/browser/index.js'
];

const missing = ENTRIES.filter(entry => !existsSync(entry));
if (missing.length > 0) {
    console.error(`check-core: build first, ${missing.join(', ')} missing`);
    process.exit(2);
}

let result;
try {
    result = await esbuild.build({
        entryPoints: ENTRIES,
        bundle: true,
        platform: 'browser',
        format: 'esm',
        outdir: 'out-check-core',
        write: false,
        metafile: true,
        logLevel: 'silent',
        plugins: [noNodeBuiltins('the core must run in a browser (docs/architecture.md)')]
    });
} catch (error) {
    const messages = error.errors?.map(e => e.text) ?? [String(error)];
    console.error(`check-core: the core does not bundle for the browser:\n  ${[...new Set(messages)].join('\n  ')}`);
    process.exit(1);
}

const inputs = Object.keys(result.metafile.inputs).length;
console.log(`check-core: ${ENTRIES.join(' and ')} bundle for the browser (${inputs} modules), no Node built-in`);
