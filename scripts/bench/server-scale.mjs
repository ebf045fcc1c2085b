#!/usr/bin/env node
/**
 * Does the language server keep up at any size (issue #12, point 3)? Spawns
 * the built server (lib/lsp-client.mjs; BENCH_SERVER points it at another build)
 * on one network of N lines of `conv 16 3x3 pad 1` / `bn` / `relu` (the
 * volume stays 32×32×16 all the way) and measures, at 100, 1,000 and 10,000
 * lines:
 *
 *   - open → first diagnostics, on a fresh server (median of OPEN_RUNS), and
 *     the server's start (spawn → initialize answered) before it, which
 *     includes the parser's warm-up (src/lsp/warm-up.ts);
 *   - edit → fresh diagnostics over EDITS one-character edits, each waited
 *     for before the next (median and p90), after a few warm-up edits;
 *   - a 60-line viewport's inlay hints in the middle of the file, a hover on
 *     a statement there and the document's code lenses (median of REQUESTS
 *     each on the settled document), and the first viewport of hints after
 *     each edit (the analysis is new then).
 *
 * Targets: the viewport's hints, the hover and the lenses at 10,000 lines
 * ≤ 2× their cost at 100 (they cost what is asked, not the document);
 * edit → diagnostics at 10,000 lines ≤ 10× its cost at 1,000 and ≤ 250 ms;
 * open of 10,000 lines ≤ 1 s. Prints a table and each target's pass/fail,
 * writes $BENCH_RESULTS_DIR/server-scale.json when that is set, exits 1 if a
 * target fails. `node scripts/bench/server-scale.mjs 100,1000` measures only
 * those sizes (the targets that need a missing size are skipped). Build first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PACKAGE, Server, sleep, TIMEOUT_MS } from './lib/lsp-client.mjs';
import { Figures } from './lib/figures.mjs';

const SIZES = (process.argv[2] ?? '100,1000,10000').split(',').map(Number);
const OPEN_RUNS = 3;
const WARM_UP_EDITS = 4;
const EDITS = 20;
const REQUESTS = 50;
const VIEWPORT_LINES = 60;

/** `lines` lines in all: the header, the input, conv/bn/relu repeated, the closing brace. */
function network(lines) {
    const layers = ['  conv 16 3x3 pad 1', '  bn', '  relu'];
    const text = ['network Scale {', '  input 32x32x16'];
    for (let i = 0; i < lines - 3; i++) text.push(layers[i % 3]);
    text.push('}');
    return text;
}

/**
 * One-character edits near the middle, in cycles of four: a conv's 16 becomes
 * 17 (every later volume changes) and back, a `relu` becomes `relx` (one
 * unknown-statement diagnostic on that line) and back. Each comes with the
 * diagnostics its text must get, so a stale publication is caught.
 */
function edits(lines, count) {
    const middle = lines.length >> 1;
    const lineOf = (from, word) => {
        for (let l = from; l < lines.length; l++) if (lines[l].trim().startsWith(word)) return l;
        throw new Error(`no ${word} after line ${from}`);
    };
    const list = [];
    for (let k = 0; list.length < count; k++) {
        const conv = lineOf(middle - 40 + 7 * (k % 10), 'conv');
        const relu = lineOf(conv + 1, 'relu');
        const digit = lines[conv].indexOf('16') + 1;
        const u = lines[relu].indexOf('relu') + 3;
        const clean = diagnostics => diagnostics.length === 0;
        const typoOn = line => diagnostics => diagnostics.length === 1 && diagnostics[0].range.start.line === line;
        list.push(
            { line: conv, character: digit, text: '7', expect: clean },
            { line: conv, character: digit, text: '6', expect: clean },
            { line: relu, character: u, text: 'x', expect: typoOn(relu) },
            { line: relu, character: u, text: 'u', expect: clean }
        );
    }
    return list.slice(0, count);
}

const median = xs => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];

async function timed(request) {
    const start = performance.now();
    const result = await request();
    return { ms: performance.now() - start, result };
}

/** The figures of one size. */
async function measure(size) {
    const lines = network(size);
    const text = lines.join('\n') + '\n';
    const opens = [];
    let server;
    try {
        const starts = [];
        for (let run = 0; run < OPEN_RUNS; run++) {
            await server?.stop();
            const spawned = performance.now();
            server = await new Server().start();
            starts.push(performance.now() - spawned);
            opens.push(await server.open(server.uri('scale.conv'), text));
        }
        const uri = server.uri('scale.conv');
        if (server.diagnostics.get(uri).length !== 0)
            throw new Error(`the ${size}-line network has diagnostics: ${JSON.stringify(server.diagnostics.get(uri))}`);

        const middle = lines.length >> 1;
        const viewport = {
            textDocument: { uri },
            // Lines middle − 30 … middle + 29, each to its end, as an editor asks for what it shows.
            range: {
                start: { line: middle - VIEWPORT_LINES / 2, character: 0 },
                end: { line: middle + VIEWPORT_LINES / 2 - 1, character: 1000 }
            }
        };
        const hoverLine = lines.findIndex((l, i) => i >= middle && l.includes('conv'));
        const hover = { textDocument: { uri }, position: { line: hoverLine, character: 3 } };
        const hints = () => server.request('textDocument/inlayHint', viewport);

        // Edits: each waits for the diagnostics of its text; then the viewport's hints, as an editor asks after a change.
        const editMs = [];
        const hintsAfterEditMs = [];
        const all = edits(lines, WARM_UP_EDITS + EDITS);
        for (const [k, edit] of all.entries()) {
            const published = server.diagnosticsWhere(uri, () => true);
            const sent = performance.now();
            server.replaceText(uri, k + 2, edit.line, edit.character, 1, edit.text);
            const arrived = await published;
            if (arrived === undefined) throw new Error(`edit ${k}: no diagnostics within ${TIMEOUT_MS} ms`);
            if (!edit.expect(server.diagnostics.get(uri))) {
                throw new Error(`edit ${k} (line ${edit.line + 1}): unexpected diagnostics ${JSON.stringify(server.diagnostics.get(uri))}`);
            }
            const after = await timed(hints);
            if (k >= WARM_UP_EDITS) {
                editMs.push(arrived - sent);
                hintsAfterEditMs.push(after.ms);
            }
            await sleep(20);
        }

        // Requests on the settled document: two of each to warm up, then the measured ones.
        const requestMs = async (method, params, check) => {
            const ms = [];
            for (let r = 0; r < REQUESTS + 2; r++) {
                const { ms: spent, result } = await timed(() => server.request(method, params));
                check(result);
                if (r >= 2) ms.push(spent);
            }
            return median(ms);
        };
        const hintMs = await requestMs('textDocument/inlayHint', viewport, result => {
            // Every line of the viewport is a statement with a hint.
            if (result?.length !== VIEWPORT_LINES) throw new Error(`${result?.length} hints in a ${VIEWPORT_LINES}-line viewport`);
        });
        const hoverMs = await requestMs('textDocument/hover', hover, result => {
            if (!result?.contents?.value?.includes('32×32×16'))
                throw new Error(`hover on line ${hoverLine + 1}: ${JSON.stringify(result)}`);
        });
        const lensMs = await requestMs('textDocument/codeLens', { textDocument: { uri } }, result => {
            if (result?.length !== 1) throw new Error(`${result?.length} code lenses for one network`);
        });
        return {
            size,
            start: median(starts),
            open: median(opens),
            edit: median(editMs),
            editP90: percentile(editMs, 0.9),
            hints: hintMs,
            hintsAfterEdit: median(hintsAfterEditMs),
            hover: hoverMs,
            lens: lensMs
        };
    } finally {
        await server?.stop();
    }
}

if (!fs.existsSync(path.join(PACKAGE, 'dist/convspec.cjs')) && !process.env.BENCH_SERVER) {
    console.error('packages/language/dist is missing: build first (npx -y pnpm@12.4.2 build)');
    process.exit(2);
}

const figures = new Figures();
const rows = new Map();
for (const size of SIZES) {
    try {
        rows.set(size, await measure(size));
    } catch (error) {
        figures.failed(`server at ${size.toLocaleString('en-US')} lines`, error);
    }
}

const columns = [
    ['lines', r => r.size.toLocaleString('en-US')],
    ['start → initialized', r => r.start],
    ['open → diagnostics', r => r.open],
    ['edit → diagnostics (median)', r => r.edit],
    ['(p90)', r => r.editP90],
    ['60-line hints', r => r.hints],
    ['hints after an edit', r => r.hintsAfterEdit],
    ['hover', r => r.hover],
    ['code lens', r => r.lens]
];
const cell = v => (typeof v === 'string' ? v : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
console.log(`| ${columns.map(([name]) => name).join(' | ')} |`);
console.log(`|${columns.map(() => '---:').join('|')}|`);
for (const row of rows.values()) console.log(`| ${columns.map(([, get]) => cell(get(row))).join(' | ')} |`);
console.log('');

for (const row of rows.values()) {
    const at = `at ${row.size.toLocaleString('en-US')} lines`;
    figures.add(
        `open → first diagnostics ${at}`,
        row.open,
        'ms',
        row.size === 10_000 ? '≤ 1000 ms' : 'none',
        row.size === 10_000 ? ms => ms <= 1000 : undefined
    );
    figures.add(
        `edit → diagnostics ${at}, median`,
        row.edit,
        'ms',
        row.size === 10_000 ? '≤ 250 ms' : 'none',
        row.size === 10_000 ? ms => ms <= 250 : undefined
    );
    figures.add(`edit → diagnostics ${at}, p90`, row.editP90, 'ms', 'none');
    figures.add(`60-line viewport inlay hints ${at}`, row.hints, 'ms', 'none');
    figures.add(`60-line viewport inlay hints right after an edit ${at}`, row.hintsAfterEdit, 'ms', 'none');
    figures.add(`hover ${at}`, row.hover, 'ms', 'none');
    figures.add(`code lens ${at}`, row.lens, 'ms', 'none');
}
const ratio = (name, key, large, small, limit) => {
    const a = rows.get(large);
    const b = rows.get(small);
    if (!a || !b) return;
    const value = a[key] / b[key];
    figures.add(
        `${name} at ${large.toLocaleString('en-US')} lines against ${small.toLocaleString('en-US')} (${cell(a[key])} vs ${cell(b[key])})`,
        value,
        '×',
        `≤ ${limit}×`,
        r => r <= limit
    );
};
ratio('60-line viewport inlay hints', 'hints', 10_000, 100, 2);
ratio('60-line viewport inlay hints right after an edit', 'hintsAfterEdit', 10_000, 100, 2);
ratio('hover', 'hover', 10_000, 100, 2);
ratio('code lens', 'lens', 10_000, 100, 2);
ratio('edit → diagnostics', 'edit', 10_000, 1000, 10);

process.exit(figures.finish('server-scale') ? 0 : 1);
