import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { nestedLayers } from '../../src/inference/tree.js';
import { renderNetworkBody, renderNetworkHtml } from '../../src/render/network-html.js';
import { renderDocumentSvg, renderNetworkSvg } from '../../src/render/network-svg.js';
import { formatNumber } from '../../src/presentation/numbers.js';
import { net, validate } from '../helpers.js';

// The browser half (every example drawn by `convspec draw`, loaded in
// Chromium, no console errors, screenshots) is in scripts/e2e/diagrams.mjs.
const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const examples = readdirSync(EXAMPLES).filter(f => f.endsWith('.conv'));

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('network renderer', () => {
    test.each(examples)('%s: one box and one row per layer, the tree keeps every layer in order', async file => {
        const { analysis } = await validate(readFileSync(path.join(EXAMPLES, file), 'utf8'));
        // Imports are not loaded here; the examples do not use them.
        for (const network of analysis.networks) {
            const layers = network.layers;
            expect(nestedLayers(network.body).map(n => n.layer)).toEqual(layers);
            expect(count(renderNetworkSvg(network), /<g class="layer[^"]*" data-layer="\d+"/g)).toBe(layers.length);
        }
        const total = analysis.networks.reduce((s, n) => s + n.layers.length, 0);
        const body = renderNetworkBody(analysis);
        expect(count(body, /<tr data-layer=/g)).toBe(total);
        // One [data-layer] per layer: what the browser test and the network view count and click.
        expect(count(renderDocumentSvg(analysis), /data-layer="\d+"/g)).toBe(total);
    });

    test('concat branches become lanes, an empty branch stays an identity lane', async () => {
        const { analysis } = await validate(
            net('8x8x4', 'concat {\n  branch { conv 2 1x1 }\n  branch { }\n  branch { conv 3 3x3 pad 1\n relu }\n}')
        );
        const [concat] = analysis.networks[0].body;
        expect(concat.op).toBe('concat');
        expect(concat.kind !== 'layer' && concat.lanes.map(l => l.children.length)).toEqual([1, 0, 2]);
        expect(renderNetworkSvg(analysis.networks[0])).toContain('>identity</text>');
    });

    test('a residual draws its skip; a projection shortcut gets its own lane', async () => {
        const identity = await validate(net('8x8x4', 'residual { conv 4 3x3 pad 1 }'));
        expect(renderNetworkSvg(identity.analysis.networks[0])).toContain('data-skip="identity"');
        const projected = await validate(net('8x8x4', 'residual { conv 8 3x3 pad 1 } shortcut { conv 8 1x1 }'));
        const [residual] = projected.analysis.networks[0].body;
        expect(residual.kind !== 'layer' && residual.lanes.map(l => l.children.length)).toEqual([1, 1]);
        expect(renderNetworkSvg(projected.analysis.networks[0])).toContain('data-skip="projection"');
    });

    test('references are arrows from their source; route takes no flow arrow from the line above; a gate meets at ×', async () => {
        const text = net(
            '8x8x4',
            'a: conv 4 1x1\nb: conv 4 1x1\nadd a\nconcat with a, b\nroute b\nmultiply { globalavgpool; conv 4 1x1; sigmoid }\nsplit { branch { }; branch { conv 2 1x1 } }'
        );
        const { analysis } = await validate(text);
        const network = analysis.networks[0];
        const svg = renderNetworkSvg(network);
        const refs = [...svg.matchAll(/<path class="ref" data-ref="(\w+)" data-reader="(\d+)"/g)].map(m => [m[1], Number(m[2])]);
        // add a (#2), concat with a, b (#3), route b (#4).
        expect(refs).toEqual([
            ['a', 2],
            ['a', 3],
            ['b', 3],
            ['b', 4]
        ]);
        // The same network with a conv in place of the route has one flow arrow more: the one into it.
        const flows = (svgText: string) => count(svgText, /class="flow"/g);
        const withConv = await validate(text.replace('route b', 'conv 4 1x1'));
        expect(flows(renderNetworkSvg(withConv.analysis.networks[0]))).toBe(flows(svg) + 1);
        expect(svg).toContain('>×<');
        expect(network.body.map(i => i.op)).toEqual(['conv', 'conv', 'add', 'concat', 'route', 'multiply', 'split']);
    });

    test('a repeat shows its evaluated count, not the expression', async () => {
        const text = 'block stage(n) {\n  conv 4 1x1\n  repeat n - 1 { conv 4 3x3 pad 1 }\n}\n' + net('8x8x4', 'stage(3)');
        const { analysis } = await validate(text);
        const svg = renderNetworkSvg(analysis.networks[0]);
        expect(svg).toContain('repeat 2×');
        expect(svg).not.toContain('repeat n - 1');
    });

    test('text from the file is escaped: a comment inside a layer, a hostile title', async () => {
        const { analysis } = await validate(net('8x8x4', 'conv 4 /* <script>alert(1)</script> " \' & */ 3x3 pad 1'));
        const html = renderNetworkHtml(analysis, { title: '<img src=x onerror=alert(1)>.conv', nonce: 'abc123' });
        expect(html).not.toContain('<script>alert');
        expect(html).not.toContain('<img');
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.conv');
        // Exactly the page's own nonce'd script and style; no inline style attributes the CSP would block.
        expect(count(html, /<script/g)).toBe(1);
        expect(html).toContain('<script nonce="abc123">');
        expect(html).not.toMatch(/\sstyle="/);
        expect(html).toContain("script-src 'nonce-abc123'");
    });

    test('number formats', () => {
        expect(formatNumber(165984)).toBe('165,984');
        expect(formatNumber(165984, 'compact')).toBe('166K');
        expect(formatNumber(25557032, 'compact')).toBe('25.6M');
        expect(formatNumber(448, 'compact')).toBe('448');
        expect(formatNumber(165984, 'plain')).toBe('165984');
    });
});
