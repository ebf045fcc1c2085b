/**
 * The compare page (the editor's compare view): the seed article's
 * comparison on examples/inception.conv as it is, every number worked out
 * here by hand; rows marked and aligned; every name from a file escaped; the
 * same strict page frame as the network view. The browser half (the page in
 * a real VS Code webview) is in scripts/e2e/vscode.mjs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { diffNetworks } from '../../src/compare/network-diff.js';
import type { NetworkAnalysis } from '../../src/inference/model.js';
import { COMPARE_SCRIPT, renderCompareBody, renderCompareHtml, type ComparedNetworks } from '../../src/render/compare-html.js';
import { validate } from '../helpers.js';

const INCEPTION = readFileSync(path.resolve(__dirname, '../../../../examples/inception.conv'), 'utf8');
const en = (n: number) => n.toLocaleString('en-US');
/** The CLI's and the page's minus sign. */
const minus = (n: number) => `−${en(n)}`;

// Naive: 1·1·192·64 + 3·3·192·128 + 5·5·192·32 (+ 0 for the pool) = 12,288 + 221,184 + 153,600 = 387,072.
const NAIVE = 1 * 1 * 192 * 64 + 3 * 3 * 192 * 128 + 5 * 5 * 192 * 32;
// Reduced: 12,288 + (1·1·192·96 + 3·3·96·128) + (1·1·192·16 + 5·5·16·32) + 1·1·192·32 = 163,328.
const REDUCED = 192 * 64 + (192 * 96 + 9 * 96 * 128) + (192 * 16 + 25 * 16 * 32) + 192 * 32;

let compared: ComparedNetworks;
let body: string;

async function compare(text: string, a: string, b: string): Promise<ComparedNetworks> {
    const { analysis } = await validate(text);
    const find = (name: string) => analysis.networks.find(n => n.name === name) as NetworkAnalysis;
    return { a: find(a), b: find(b), diff: diffNetworks(find(a), find(b)) };
}

/** The `<tr>`s of the aligned table's body. */
function bodyRows(html: string): string[] {
    const tbody = html.slice(html.indexOf('<tbody>', html.indexOf('compare-rows')), html.lastIndexOf('</tbody>'));
    return tbody.match(/<tr[^>]*>.*?<\/tr>/g) ?? [];
}

const cellsOf = (row: string, side: 'a' | 'b') =>
    [...row.matchAll(new RegExp(`<td class="${side}[^"]*">([^<]*)</td>`, 'g'))].map(m => m[1]);

beforeAll(async () => {
    compared = await compare(INCEPTION, 'Naive', 'Reduced');
    body = renderCompareBody(compared);
});

describe('the seed comparison, Naive → Reduced', () => {
    test('totals: both sides, the change and its percentage; input and output volumes', () => {
        expect(NAIVE).toBe(387072);
        expect(REDUCED).toBe(163328);
        const span = (cls: string, side = '') =>
            new RegExp(`<span class="${cls}"${side ? ` data-side="${side}"` : ''}>([^<]*)</span>`).exec(body)?.[1];
        expect(span('total-params', 'a')).toBe(en(NAIVE));
        expect(span('total-params', 'b')).toBe(en(REDUCED));
        expect(span('delta-total-params')).toBe(minus(NAIVE - REDUCED)); // −223,744
        // 223,744 / 387,072 = 0.5780… → −57.8%
        expect(span('percent-total-params')).toBe(`−${((100 * (NAIVE - REDUCED)) / NAIVE).toFixed(1)}%`);
        expect(span('percent-total-params')).toBe('−57.8%');
        // Outputs: 28×28×(64 + 128 + 32 + 192) and 28×28×(64 + 128 + 32 + 32).
        expect(body).toContain(
            `<tr><td>Output</td><td class="num">28×28×${64 + 128 + 32 + 192}</td><td class="num">28×28×${64 + 128 + 32 + 32}</td>`
        );
        expect(body).toContain('<tr><td>Input</td><td class="num">28×28×192</td><td class="num">28×28×192</td>');
    });

    test('the 1×1 reductions and the pool projection are added rows: an empty left half, the layer on the right', () => {
        const added = bodyRows(body).filter(r => r.startsWith('<tr class="added'));
        const names = added.map(r => cellsOf(r, 'b')[0]);
        expect(names).toEqual(['reduce3x3: conv 96 1x1', 'reduce5x5: conv 16 1x1', 'poolproj: conv 32 1x1']);
        for (const row of added) {
            expect(cellsOf(row, 'a')).toEqual(['', '', '', '']);
            expect(row).toContain('<td class="mark" title="added">+</td>');
        }
        // Their parameters, and the change they make: + 192·96, + 192·16, + 192·32.
        expect(added.map(r => cellsOf(r, 'b')[2])).toEqual([en(192 * 96), en(192 * 16), en(192 * 32)]);
        expect(added[0]).toContain(`<td class="num side-start loss">+${en(192 * 96)}</td>`);
    });

    test('the 3×3 and 5×5 convs are changed rows: the same statement, fewer parameters on the right', () => {
        const changed = bodyRows(body).filter(r => r.startsWith('<tr class="changed') && !r.includes('structure'));
        const row = (name: string) => changed.find(r => cellsOf(r, 'a')[0] === name) as string;
        const conv3 = row('conv 128 3x3 pad 1');
        const conv5 = row('conv 32 5x5 pad 2');
        // 3×3: 3·3·192·128 = 221,184 → 3·3·96·128 = 110,592; 5×5: 5·5·192·32 = 153,600 → 5·5·16·32 = 12,800.
        expect(cellsOf(conv3, 'a').slice(2, 3)).toEqual([en(9 * 192 * 128)]);
        expect(cellsOf(conv3, 'b').slice(0, 3)).toEqual(['conv 128 3x3 pad 1', '28×28×128', en(9 * 96 * 128)]);
        expect(conv3).toContain(`<td class="num side-start gain">${minus(9 * 192 * 128 - 9 * 96 * 128)}</td>`);
        expect(cellsOf(conv5, 'b')[2]).toBe(en(25 * 16 * 32));
        expect(conv5).toContain('<td class="mark" title="changed">~</td>');
        // The changed aspect is bold, the unchanged output is not.
        expect(conv3).toMatch(/<td class="a num differs">221,184<\/td>/);
        expect(conv3).toMatch(/<td class="a">28×28×128<\/td>/);
    });

    test('each row carries its source lines, the footer the totals and their change', () => {
        const lines = INCEPTION.split('\n');
        const lineOf = (needle: string, from = 0) => lines.findIndex((l, k) => k >= from && l.includes(needle)) + 1;
        const reduced = lineOf('network Reduced');
        const poolproj = bodyRows(body).find(r => r.includes('poolproj')) as string;
        expect(poolproj).toContain(`data-line-b="${lineOf('poolproj:')}"`);
        expect(poolproj).not.toContain('data-line-a');
        const conv3 = bodyRows(body).find(r => r.includes('data-kind="changed"') && r.includes('3x3 pad 1')) as string;
        expect(conv3).toContain(`data-line-a="${lineOf('conv 128 3x3 pad 1')}" data-line-b="${lineOf('conv 128 3x3 pad 1', reduced)}"`);
        const foot = body.slice(body.indexOf('<tfoot>'), body.indexOf('</tfoot>'));
        expect(foot).toContain(`<td class="num">${en(NAIVE)}</td>`);
        expect(foot).toContain(`<td class="num side-start gain">${minus(NAIVE - REDUCED)}</td>`);
    });

    test('both diagrams, side by side: 4 layer boxes for Naive, 7 for Reduced', () => {
        const diagram = (side: string) => body.slice(body.indexOf(`<div class="diagram" data-side="${side}">`)).split('</svg>')[0];
        const boxes = (svg: string) => (svg.match(/<g class="layer[^"]*" data-layer="\d+"/g) ?? []).length;
        expect(boxes(diagram('a'))).toBe(4); // 1×1, 3×3, 5×5, pool
        expect(boxes(diagram('b'))).toBe(7); // + the two reductions and the pool projection
        // Marker ids differ between the two SVGs of one page.
        const ids = [...body.matchAll(/ id="([^"]+)"/g)].map(m => m[1]);
        expect(new Set(ids).size).toBe(ids.length);
    });

    test('compact numbers follow the numberFormat setting, signs included', () => {
        const compact = renderCompareBody(compared, { numberFormat: 'compact' });
        // 387,072 → 387K, 163,328 → 163K, −223,744 → −224K (three significant digits).
        expect(compact).toContain('<span class="total-params" data-side="a">387K</span>');
        expect(compact).toContain('<span class="delta-total-params">−224K</span>');
    });
});

describe('one page, escaped, under the network view CSP', () => {
    test('strict CSP; the style and the script carry the nonce; no inline style or handler', () => {
        const page = renderCompareHtml(compared, { title: 'inception.conv: Naive → Reduced', nonce: 'n0nce' });
        expect(page).toContain(`content="default-src 'none'; img-src data:; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';"`);
        expect(page.match(/<style nonce="n0nce">/g)).toHaveLength(1);
        expect(page.match(/<script nonce="n0nce">/g)).toHaveLength(1);
        expect(page).not.toMatch(/ style="| on[a-z]+="/);
        expect(page).toContain('<h1>inception.conv: Naive → Reduced</h1>');
        // The script parses (it runs in the webview; the e2e test runs it).
        expect(() => new Function(COMPARE_SCRIPT)).not.toThrow();
    });

    test('file names and the title are text, never markup', () => {
        const hostile = '<img src=x onerror=alert(1)>.conv';
        const page = renderCompareHtml(compared, {
            title: hostile,
            nonce: 'x',
            headings: { a: `Naive (${hostile})`, b: 'Reduced (b&c.conv)' }
        });
        expect(page).not.toContain('<img');
        expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;.conv');
        expect(page).toContain('Reduced (b&amp;c.conv)');
    });

    test('a statement as written is escaped in its row', async () => {
        // An unknown word is a statement of its own (skipped); its text comes straight from the file.
        const text = 'network A {\n  input 8x8x3\n  conv 4 3x3\n}\nnetwork B {\n  input 8x8x3\n  conv 4 3x3\n  frobnicate\n}\n';
        const html = renderCompareBody(await compare(text, 'A', 'B'));
        const added = bodyRows(html).filter(r => r.includes('data-kind="added"'));
        expect(added.map(r => cellsOf(r, 'b')[0])).toEqual(['frobnicate']);
        expect(renderCompareHtml('Network "<Reduced>" is not in a&b.conv any more', { title: 't', nonce: 'x' })).toContain(
            '<p class="empty">Network &quot;&lt;Reduced&gt;&quot; is not in a&amp;b.conv any more</p>'
        );
    });
});
