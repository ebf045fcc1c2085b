// The build check behind "the core runs anywhere" (docs/architecture.md):
// bundles the package's core and language-server entry points for the
// browser and fails if anything in them, ours or a dependency's, imports a
// Node built-in. Run after the build (it reads out/).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';

const ENTRIES = [
    'packages/language/out/index.js',
    'packages/language/out/api/public.js',
    'packages/language/out/lsp/index.js',
    'packages/language/out/browser/index.js'
];
const builtins = new Set(builtinModules.flatMap(name => [name, `node:${name}`]));

const missing = ENTRIES.filter(entry => !existsSync(entry));
if (missing.length > 0) {
    console.error(`check-core: build first, ${missing.join(', ')} missing`);
    process.exit(2);
}

const offenders = [];
const noNodeBuiltins = {
    name: 'no-node-builtins',
    setup(build) {
        build.onResolve({ filter: /.*/ }, args => {
            if (!builtins.has(args.path)) return undefined;
            offenders.push(`${args.path} (imported by ${args.importer})`);
            return { path: args.path, external: true };
        });
    }
};

const result = await esbuild.build({
    entryPoints: ENTRIES,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    outdir: 'out-check-core',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins]
});

const inputs = Object.keys(result.metafile.inputs).length;
if (offenders.length > 0) {
    console.error(`check-core: the core imports Node built-ins:\n  ${[...new Set(offenders)].join('\n  ')}`);
    process.exit(1);
}
console.log(`check-core: ${ENTRIES.join(' and ')} bundle for the browser (${inputs} modules), no Node built-in`);
