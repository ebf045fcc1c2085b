/**
 * The internal API (src/index.ts, src/node): analyse a text, a set of
 * sources through a reader, files on disk. The npm package's API, as another
 * package resolves it, is test/package/tarball.test.ts's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { analyzeSources, analyzeText, exportPyTorch, fileSummary, issueMessage, renderDocumentSvg } from '../../src/index.js';
import { analyzeFiles } from '../../src/node/index.js';

const SEED = 'network N {\n  input 28x28x192\n  conv 96 3x3\n}\n';
const temps: string[] = [];
afterAll(() => temps.forEach(d => rmSync(d, { recursive: true, force: true })));

describe('analyzeText', () => {
    test("the seed's 28×28×192 through 96 3×3 filters: 26×26×96 and 3·3·192·96 + 96 parameters, no diagnostic", async () => {
        const file = await analyzeText(SEED);
        expect(file.diagnostics).toEqual([]);
        const [network] = file.analysis.networks;
        expect(network.output).toEqual({ w: 28 - 3 + 1, h: 28 - 3 + 1, d: 96 });
        expect(network.params).toBe(3 * 3 * 192 * 96 + 96);
        expect(network.layers.map(l => l.op)).toEqual(['conv']);
        expect(network.body).toEqual(network.layers);
    });

    test('diagnostics are 1-based, with severity and code as words, and the issue behind them is typed data', async () => {
        const file = await analyzeText('network B {\n  input 10x10x3\n  conv 16 3x3 stride 2\n}\n');
        expect(file.diagnostics).toEqual([expect.objectContaining({ line: 3, column: 11, severity: 'error', code: 'non-integer-output' })]);
        const [issue] = file.analysis.issues;
        expect(issue.code).toBe('non-integer-output');
        if (issue.code !== 'non-integer-output') return;
        // (10 − 3 + 2·0)/2 + 1 = 9/2: the numbers, and the words made from them.
        expect(issue.data.axes[0].exact).toEqual({ num: 9, den: 2 });
        expect(issueMessage(issue)).toContain('(10 − 3 + 2·0)/2 + 1 = 4.5 is not an integer');
        expect('message' in issue).toBe(false);
    });

    test('imports are read from the map, relative to the file', async () => {
        const lib = 'block unit(c) { conv c 3x3 pad 1 }\n';
        const main = 'import "lib.conv"\nnetwork M {\n  input 8x8x3\n  unit(4)\n}\n';
        const file = await analyzeText(main, 'memory:///w/main.conv', new Map([['memory:///w/lib.conv', lib]]));
        expect(file.diagnostics).toEqual([]);
        // 3·3·3·4 + 4
        expect(file.analysis.networks[0].params).toBe(3 * 3 * 3 * 4 + 4);
    });

    test('the summary, the export and the diagram from one analysis', async () => {
        const file = await analyzeText(SEED);
        expect(fileSummary('n.conv', file.document, file.analysis).networks[0].layers[0]).toMatchObject({ output: [26, 26, 96] });
        expect(exportPyTorch(file.analysis, { source: 'n.conv', version: 'test' })).toContain('nn.Conv2d(192, 96,');
        expect(renderDocumentSvg(file.analysis)).toContain('data-layer="0"');
    });
});

describe('analyzeSources', () => {
    test('a reader is asked for the named files and their imports, never for one outside the root', async () => {
        const asked: string[] = [];
        const texts: Record<string, string> = {
            'file:///ws/main.conv': 'import "sub/lib.conv"\nimport "../outside.conv"\nnetwork M {\n  input 8x8x3\n  unit(4)\n}\n',
            'file:///ws/sub/lib.conv': 'block unit(c) { conv c 1x1 }\n',
            'file:///outside.conv': 'block secret() { relu }\n'
        };
        const [file] = await analyzeSources(['file:///ws/main.conv'], {
            root: 'file:///ws',
            read: async uri => {
                asked.push(uri.toString());
                return texts[uri.toString()];
            }
        });
        expect(asked.sort()).toEqual(['file:///ws/main.conv', 'file:///ws/sub/lib.conv']);
        expect(file.diagnostics.map(d => d.code)).toEqual(['unresolved-import']);
        // 1·1·3·4 + 4
        expect(file.analysis.networks[0].params).toBe(1 * 1 * 3 * 4 + 4);
    });
});

describe('analyzeFiles (convspec/node)', () => {
    test('files on disk and their imports, relative to a working folder', async () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'convspec-api-'));
        temps.push(dir);
        writeFileSync(path.join(dir, 'lib.conv'), 'block unit(c) { conv c 1x1 }\n');
        writeFileSync(path.join(dir, 'main.conv'), 'import "lib.conv"\nnetwork M {\n  input 8x8x3\n  unit(4)\n}\n');
        const [file] = await analyzeFiles(['main.conv'], dir);
        expect(file.uri).toMatch(/\/main\.conv$/);
        expect(file.diagnostics).toEqual([]);
        expect(file.analysis.networks[0].output).toEqual({ w: 8, h: 8, d: 4 });
    });
});
