// Builds the playground into dist/: a static folder (index.html, scripts,
// styles, fonts) that any static host serves. esbuild bundles for the
// browser; the build fails if anything — ours or a dependency's — imports a
// Node built-in (no shims: the page and its workers run as they are).
//   main.js            the page (Monaco, the LSP adapter, the UI)
//   server.js          the language server worker (convspec/browser)
//   editor.worker.js   Monaco's own worker
//   view-script.js     the network view's script, the same one `convspec draw` pages and VS Code run
//   compare-script.js  the compare view's script, the same one VS Code's compare view runs
//   view.css           the network view's styles (and the compare view's), from the shared renderer
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { noNodeBuiltins } from '../../scripts/lib/no-node-builtins.mjs';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.join(here, 'dist');
const production = !process.argv.includes('--dev');

const language = path.join(root, 'packages/language');
if (!statSync(path.join(language, 'out/browser/index.js'), { throwIfNoEntry: false })) {
    console.error('playground: build the language package first (npm run build in packages/language)');
    process.exit(2);
}
const { COMPARE_CSS, COMPARE_SCRIPT, DIAGRAM_CSS, TABLE_CSS, VIEW_SCRIPT } = await import(path.join(language, 'out/index.js'));

/** The grammar's keywords, as the generated TextMate grammar lists them. */
function grammarKeywords() {
    const grammar = JSON.parse(readFileSync(path.join(language, 'syntaxes/conv.tmLanguage.json'), 'utf8'));
    const keyword = grammar.patterns.find(p => p.name === 'keyword.control.conv');
    const match = /^\\b\((.*)\)\\b$/.exec(keyword?.match ?? '');
    if (!match) throw new Error('playground: no keyword pattern in conv.tmLanguage.json');
    return match[1].split('|');
}

function bundledExamples() {
    const dir = path.join(root, 'examples');
    const list = [];
    for (const sub of ['', 'invalid']) {
        for (const f of readdirSync(path.join(dir, sub)).sort()) {
            if (f.endsWith('.conv')) list.push({ name: sub ? `${sub}/${f}` : f, text: readFileSync(path.join(dir, sub, f), 'utf8') });
        }
    }
    return list;
}

const buildData = {
    name: 'build-data',
    setup(build) {
        build.onResolve({ filter: /^convspec-playground:build-data$/ }, args => ({ path: args.path, namespace: 'build-data' }));
        build.onLoad({ filter: /.*/, namespace: 'build-data' }, () => ({
            loader: 'json',
            contents: JSON.stringify({
                keywords: grammarKeywords(),
                languageConfiguration: JSON.parse(readFileSync(path.join(root, 'packages/extension/language-configuration.json'), 'utf8')),
                snippets: JSON.parse(readFileSync(path.join(root, 'packages/extension/snippets/conv.code-snippets'), 'utf8')),
                examples: bundledExamples(),
                version: JSON.parse(readFileSync(path.join(language, 'package.json'), 'utf8')).version
            })
        }));
    }
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const started = Date.now();
const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: {
        main: 'src/main.ts',
        server: 'src/worker/server.ts',
        'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js'
    },
    outdir: dist,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'linked',
    loader: { '.ttf': 'file' },
    // Langium's packages declare "browser" fields and conditions; prefer them to Node's.
    conditions: ['browser'],
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [noNodeBuiltins('the playground runs in a browser'), buildData]
});

// The shared view's styles, scoped to the pane (the page is not only the view).
const viewCss = `${TABLE_CSS}${DIAGRAM_CSS}${COMPARE_CSS}`.replace(/^body \{/gm, '#convspec-view {');
writeFileSync(path.join(dist, 'view.css'), viewCss);
writeFileSync(path.join(dist, 'view-script.js'), VIEW_SCRIPT);
// The compare view's marks (added, removed, changed boxes) and selection, on the same pane.
writeFileSync(path.join(dist, 'compare-script.js'), COMPARE_SCRIPT);
for (const f of ['index.html', 'playground.css']) copyFileSync(path.join(here, 'static', f), path.join(dist, f));

// What a visitor downloads: every file, raw and gzipped (what a static host would send).
let raw = 0;
let gzip = 0;
for (const f of readdirSync(dist)) {
    if (f.endsWith('.map') || f.endsWith('.LEGAL.txt')) continue;
    const bytes = readFileSync(path.join(dist, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
}
const kb = n => `${(n / 1000).toFixed(0)} kB`;
console.log(
    `playground: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s: ${kb(raw)} (${kb(gzip)} gzip), ${Object.keys(result.metafile.inputs).length} modules, no Node built-in`
);
