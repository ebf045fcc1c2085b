import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoStackTrace, lineOf, linesOf, parseCsv, readExample, removeTree, cli, tempTree } from './cli-harness.js';

interface Layer {
    line: number;
    op: string;
    label: string | null;
    input: number[] | null;
    output: number[] | null;
    exact: number[] | null;
    params: number | null;
    macs: number | null;
    rf: number | null;
    jump: number | null;
}
interface Network {
    name: string;
    input: number[] | null;
    output: number[] | null;
    params: number | null;
    macs: number | null;
    layers: Layer[];
}
interface Summary {
    file: string;
    networks: Network[];
    diagnostics: { line: number; column: number; severity: string; code: string; message: string }[];
}

const INCEPTION = 'examples/inception.conv';
const inceptionText = readExample('inception.conv');
const sourceLine = (n: number) => inceptionText.split(/\r?\n/)[n - 1];

// The seed article's arithmetic (biases not counted).
const NAIVE_PARAMS = 1 * 1 * 192 * 64 + 3 * 3 * 192 * 128 + 5 * 5 * 192 * 32;
const REDUCED_PARAMS = 1 * 1 * 192 * 64 + 1 * 1 * 192 * 96 + 1 * 1 * 192 * 16 + 3 * 3 * 96 * 128 + 5 * 5 * 16 * 32 + 1 * 1 * 192 * 32;

/** block called twice, a `repeat 3`, `fc`/`bn` aliases and the 7×7/2 pad-3 stem under `rounding floor`. */
const FLATTENED = `block unit(c) {
  conv c 3x3 pad 1
  bn
  relu
}

network Stem {
  input 224x224x3
  rounding floor
  bias off
  stem: conv 64 7x7 stride 2 pad 3
  unit(16)
  unit(32)
  repeat 3 {
    conv 32 1x1
  }
  globalavgpool
  fc 10
}
`;

let inception: Summary;
const temps: string[] = [];
afterAll(() => temps.forEach(removeTree));
beforeAll(async () => {
    const r = await cli(['summary', INCEPTION, '--format', 'json']);
    expect(r.status).toBe(0);
    inception = JSON.parse(r.stdout);
});

describe('summary --format json (spec §8)', () => {
    test('the seed totals: Naive 387,072 params 28×28×416, Reduced 163,328 params 28×28×256', async () => {
        expect(NAIVE_PARAMS).toBe(387072);
        expect(REDUCED_PARAMS).toBe(163328);
        expect(inception.networks.map(n => [n.name, n.input, n.output, n.params, n.macs])).toEqual([
            ['Naive', [28, 28, 192], [28, 28, 416], NAIVE_PARAMS, 28 * 28 * NAIVE_PARAMS],
            ['Reduced', [28, 28, 192], [28, 28, 256], REDUCED_PARAMS, 28 * 28 * REDUCED_PARAMS]
        ]);
    });

    test('has the shape of spec §8', async () => {
        expect(Object.keys(inception).sort()).toEqual(['diagnostics', 'file', 'networks']);
        expect(inception.file).toBe(INCEPTION);
        expect(inception.diagnostics).toEqual([]);
        for (const network of inception.networks) {
            expect(Object.keys(network)).toEqual(expect.arrayContaining(['name', 'input', 'output', 'params', 'macs', 'layers']));
            expect(network.layers.length).toBeGreaterThan(0);
            for (const layer of network.layers) {
                expect(Object.keys(layer).sort()).toEqual([
                    'exact',
                    'input',
                    'jump',
                    'label',
                    'line',
                    'macs',
                    'op',
                    'output',
                    'params',
                    'rf',
                    'sources'
                ]);
                expect(layer).toEqual({
                    line: expect.any(Number),
                    op: expect.any(String),
                    label: layer.label === null ? null : expect.any(String),
                    input: [expect.any(Number), expect.any(Number), expect.any(Number)],
                    output: [expect.any(Number), expect.any(Number), expect.any(Number)],
                    exact: layer.exact === null ? null : [expect.any(Number), expect.any(Number)],
                    params: expect.any(Number),
                    macs: expect.any(Number),
                    rf: expect.any(Number),
                    jump: expect.any(Number),
                    // Beyond §8: the labels a reference reads (null for every other layer).
                    sources: null
                });
            }
        }
    });

    test('layers are the leaf statements in execution order, with labels and 1-based source lines', async () => {
        const rows = (n: Network) => n.layers.map(l => [l.op, l.label, l.line]);
        const [naive, reduced] = inception.networks;
        // Statements that occur in both networks: the first line is Naive's, the second Reduced's.
        const conv64 = linesOf(inceptionText, 'branch { conv 64 1x1 }');
        const conv128 = linesOf(inceptionText, 'conv 128 3x3 pad 1');
        const conv32 = linesOf(inceptionText, 'conv 32 5x5 pad 2');
        const pool = linesOf(inceptionText, 'maxpool 3x3 stride 1 pad 1');
        for (const lines of [conv64, conv128, conv32, pool]) expect(lines).toHaveLength(2);
        expect(rows(naive)).toEqual([
            ['conv', null, conv64[0]],
            ['conv', null, conv128[0]],
            ['conv', null, conv32[0]],
            ['maxpool', null, pool[0]]
        ]);
        expect(rows(reduced)).toEqual([
            ['conv', null, conv64[1]],
            ['conv', 'reduce3x3', lineOf(inceptionText, 'reduce3x3: conv 96 1x1')],
            ['conv', null, conv128[1]],
            ['conv', 'reduce5x5', lineOf(inceptionText, 'reduce5x5: conv 16 1x1')],
            ['conv', null, conv32[1]],
            ['maxpool', null, pool[1]],
            ['conv', 'poolproj', lineOf(inceptionText, 'poolproj: conv 32 1x1')]
        ]);
    });

    test('each conv: params = Fw·Fh·D1·K (bias off) and macs = W2·H2·Fw·Fh·D1·K, read from its source line', async () => {
        for (const network of inception.networks) {
            for (const layer of network.layers) {
                const source = sourceLine(layer.line);
                if (layer.op === 'maxpool') {
                    expect(source).toMatch(/maxpool 3x3/);
                    expect([layer.params, layer.macs, layer.output]).toEqual([0, 0, [28, 28, 192]]);
                    continue;
                }
                const m = /conv (\d+) (\d+)x(\d+)/.exec(source);
                expect(m, `line ${layer.line}: ${source}`).not.toBeNull();
                const [k, fw, fh] = m!.slice(1).map(Number);
                const [, , d1] = layer.input!;
                const [w2, h2, d2] = layer.output!;
                expect(d2).toBe(k);
                expect(layer.params).toBe(fw * fh * d1 * k);
                expect(layer.macs).toBe(w2 * h2 * fw * fh * d1 * k);
                expect(layer.exact).toEqual([28, 28]);
                // Stride 1 throughout: a k×k conv adds k − 1 to the receptive field of what it reads
                // (only `poolproj` reads something wider than 1: the 3×3 max-pool).
                expect(layer.rf).toBe(fw + (layer.label === 'poolproj' ? 3 - 1 : 0));
                expect(layer.jump).toBe(1);
            }
            expect(network.layers.reduce((s, l) => s + l.params!, 0)).toBe(network.params);
            expect(network.layers.reduce((s, l) => s + l.macs!, 0)).toBe(network.macs);
        }
    });

    test('--network Reduced selects one network', async () => {
        const r = await cli(['summary', INCEPTION, '--format', 'json', '--network', 'Reduced']);
        expect(r.status).toBe(0);
        const out: Summary = JSON.parse(r.stdout);
        expect(out.networks.map(n => n.name)).toEqual(['Reduced']);
        expect(out.networks[0]).toEqual(inception.networks[1]);
    });

    test('--network Nope exits 2 and lists the networks', async () => {
        const r = await cli(['summary', INCEPTION, '--network', 'Nope']);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/Nope/);
        expect(r.stderr).toMatch(/Naive/);
        expect(r.stderr).toMatch(/Reduced/);
        expectNoStackTrace(r.stderr);
    });

    test('block calls and repeats are flattened; fc → dense, bn → batchnorm; exact 112.5 under rounding floor', async () => {
        const dir = tempTree({ 'flat.conv': FLATTENED });
        temps.push(dir);
        const r = await cli(['summary', 'flat.conv', '--format', 'json'], { cwd: dir });
        expect(r.status).toBe(0);
        const out: Summary = JSON.parse(r.stdout);
        expect(out.file).toBe('flat.conv');
        const [net] = out.networks;
        const line = (s: string) => lineOf(FLATTENED, s);
        const unit = [
            ['conv', line('conv c 3x3 pad 1')],
            ['batchnorm', line('  bn')],
            ['relu', line('  relu')]
        ];
        expect(net.layers.map(l => [l.op, l.line])).toEqual([
            ['conv', line('stem: conv 64 7x7')],
            ...unit,
            ...unit,
            ['conv', line('conv 32 1x1')],
            ['conv', line('conv 32 1x1')],
            ['conv', line('conv 32 1x1')],
            ['globalavgpool', line('globalavgpool')],
            ['dense', line('fc 10')]
        ]);
        const stem = net.layers[0];
        expect(stem).toMatchObject({
            label: 'stem',
            input: [224, 224, 3],
            output: [112, 112, 64],
            exact: [112.5, 112.5],
            params: 7 * 7 * 3 * 64,
            macs: 112 * 112 * 7 * 7 * 3 * 64
        });
        // The block body runs on what reaches each call: 64 deep, then 16 deep.
        expect(net.layers[1]).toMatchObject({ input: [112, 112, 64], output: [112, 112, 16], params: 3 * 3 * 64 * 16 });
        expect(net.layers[2]).toMatchObject({ op: 'batchnorm', params: 2 * 16, macs: 0, exact: null });
        expect(net.layers[4]).toMatchObject({ input: [112, 112, 16], output: [112, 112, 32], params: 3 * 3 * 16 * 32 });
        expect(net.layers[5]).toMatchObject({ op: 'batchnorm', params: 2 * 32 });
        for (const i of [7, 8, 9]) expect(net.layers[i]).toMatchObject({ output: [112, 112, 32], params: 32 * 32 });
        expect(net.layers[11]).toMatchObject({ op: 'dense', input: [1, 1, 32], output: [1, 1, 10], params: 32 * 10, macs: 32 * 10 });
        expect(net.params).toBe(7 * 7 * 3 * 64 + 3 * 3 * 64 * 16 + 2 * 16 + 3 * 3 * 16 * 32 + 2 * 32 + 3 * 32 * 32 + 32 * 10);
    });

    test('0.2 statements: references list their sources; gates, splits, shuffles and crops are rows of their own', async () => {
        // 16×16×3 → enc: 16×16×8; pool 8×8×8; up 16×16×8; concat with enc → 16×16×16; gate keeps it;
        // split 8 + 8, the second half conv 8 → 16; shuffle 2; crop 12×12; route enc → 16×16×8.
        const text = [
            'network U {',
            '  input 16x16x3',
            '  enc: conv 8 3x3 pad 1',
            '  maxpool 2',
            '  upsample 2',
            '  concat with enc',
            '  multiply { globalavgpool; conv 4 1x1; relu; conv 16 1x1; hardsigmoid }',
            '  split { branch { }; branch { conv 8 1x1 } }',
            '  shuffle 2',
            '  crop 12',
            '  route enc',
            '}',
            ''
        ].join('\n');
        const dir = tempTree({ 'u.conv': text });
        temps.push(dir);
        const r = await cli(['summary', 'u.conv', '--format', 'json'], { cwd: dir });
        expect(r.status).toBe(0);
        const layers: (Layer & { sources: string[] | null })[] = (JSON.parse(r.stdout) as Summary).networks[0].layers as never;
        const row = (op: string) => layers.find(l => l.op === op)!;
        expect(row('concat')).toMatchObject({ sources: ['enc'], output: [16, 16, 16], params: 0 });
        expect(row('route')).toMatchObject({ sources: ['enc'], output: [16, 16, 8], line: lineOf(text, 'route enc') });
        expect(row('shuffle')).toMatchObject({ output: [16, 16, 16], sources: null });
        expect(row('crop')).toMatchObject({ input: [16, 16, 16], output: [12, 12, 16] });
        expect(row('hardsigmoid')).toMatchObject({ output: [1, 1, 16] });
        expect(layers.filter(l => l.op === 'conv').map(l => l.params)).toEqual([3 * 3 * 3 * 8 + 8, 16 * 4 + 4, 4 * 16 + 16, 8 * 8 + 8]);
    });

    test('prints the analysis even when the file has errors, and exits 1', async () => {
        const r = await cli(['summary', 'examples/invalid/stride-does-not-tile.conv', '--format', 'json']);
        expect(r.status).toBe(1);
        const out: Summary = JSON.parse(r.stdout);
        expect(out.networks.map(n => n.name)).toEqual(['StrideDoesNotTile']);
        const [conv1] = out.networks[0].layers;
        const text = readExample('invalid/stride-does-not-tile.conv');
        expect(conv1).toMatchObject({
            op: 'conv',
            label: 'conv1',
            line: lineOf(text, 'conv1: conv 16 3x3 stride 2'),
            input: [10, 10, 3],
            exact: [4.5, 4.5]
        });
        expect(out.diagnostics).toEqual([expect.objectContaining({ line: conv1.line, severity: 'error', code: 'non-integer-output' })]);

        const table = await cli(['summary', 'examples/invalid/stride-does-not-tile.conv']);
        expect(table.status).toBe(1);
        expect(table.stdout).toMatch(/conv1: conv/);
        expect(table.stderr).toMatch(/non-integer-output/);
    });
});

describe('summary table, markdown and csv', () => {
    const layerNames = ['reduce3x3', 'reduce5x5', 'poolproj'];

    test('table (default) lists every layer, the structure rows and the totals', async () => {
        const r = await cli(['summary', INCEPTION]);
        expect(r.status).toBe(0);
        for (const name of ['Naive', 'Reduced', ...layerNames]) expect(r.stdout).toContain(name);
        expect(r.stdout).toMatch(/Total params:\s+387,072/);
        expect(r.stdout).toMatch(/Total params:\s+163,328/);
        expect(r.stdout).toContain('28×28×416');
        expect(r.stdout).toContain('28×28×256');
        // One row per layer, drawn as torchinfo's tree: a conv/maxpool name followed by its source line number.
        const rows = r.stdout.split('\n').filter(l => /^[│ ]*[├└]─(\w+: )?(conv|maxpool)\s+\d+\s/.test(l));
        expect(rows).toHaveLength(inception.networks.reduce((s, n) => s + n.layers.length, 0));
        // 0.2: each network's concat has a row of its own at the top level, with the network's totals.
        expect(r.stdout).toMatch(/^├─naive: concat\s+\d+\s+28×28×416\s+387,072\s/m);
        expect(r.stdout).toMatch(/^├─reduced: concat\s+\d+\s+28×28×256\s+163,328\s/m);
    });

    test('markdown lists every layer and structure row in a table, and the totals', async () => {
        const r = await cli(['summary', INCEPTION, '--format', 'markdown']);
        expect(r.status).toBe(0);
        for (const name of layerNames) expect(r.stdout).toContain(name);
        const tableRows = r.stdout.split('\n').filter(l => l.startsWith('|'));
        // header + separator per network, plus per network one row for the concat, one per branch
        // (4 each) and one per layer
        const branches = 4;
        expect(tableRows).toHaveLength(
            inception.networks.length * (2 + 1 + branches) + inception.networks.reduce((s, n) => s + n.layers.length, 0)
        );
        const columns = tableRows[0].split(' | ').length;
        expect(tableRows.every(row => row.split(' | ').length === columns)).toBe(true);
        expect(r.stdout).toMatch(/Total params:.*387,072/);
        expect(r.stdout).toMatch(/Total params:.*163,328/);
    });

    test('csv parses to one row per layer and structure, and its params over kind = layer add up to the totals', async () => {
        const r = await cli(['summary', INCEPTION, '--format', 'csv']);
        expect(r.status).toBe(0);
        const [header, ...rows] = parseCsv(r.stdout);
        // 0.1's columns first, in their order; 0.2 appends kind, depth and the row's name.
        expect(header).toEqual([
            'network',
            'line',
            'op',
            'label',
            'output_w',
            'output_h',
            'output_d',
            'params',
            'macs',
            'rf',
            'jump',
            'kind',
            'depth',
            'name'
        ]);
        for (const row of rows) expect(row).toHaveLength(header.length);
        const col = (name: string) => header.indexOf(name);
        const layers = rows.filter(x => x[col('kind')] === 'layer');
        expect(layers).toHaveLength(inception.networks.reduce((s, n) => s + n.layers.length, 0));
        const sum = (net: string, c: string) => layers.filter(x => x[0] === net).reduce((s, x) => s + Number(x[col(c)]), 0);
        expect(sum('Naive', 'params')).toBe(NAIVE_PARAMS);
        expect(sum('Reduced', 'params')).toBe(REDUCED_PARAMS);
        expect(sum('Reduced', 'macs')).toBe(28 * 28 * REDUCED_PARAMS);
        expect(layers.filter(x => x[col('label')] !== '').map(x => x[col('label')])).toEqual(layerNames);
        expect(layers.map(x => Number(x[col('line')]))).toEqual(inception.networks.flatMap(n => n.layers.map(l => l.line)));
        // The structure rows: each concat (its subtotal is the network's total) and its four branches.
        const structure = rows
            .filter(x => x[col('kind')] !== 'layer')
            .map(x => [x[0], x[col('kind')], x[col('name')], Number(x[col('params')])]);
        expect(structure.filter(x => x[1] === 'structure')).toEqual([
            ['Naive', 'structure', 'naive: concat', NAIVE_PARAMS],
            ['Reduced', 'structure', 'reduced: concat', REDUCED_PARAMS]
        ]);
        expect(structure.filter(x => x[1] === 'lane').map(x => x[2])).toEqual([
            'branch 1',
            'branch 2',
            'branch 3',
            'branch 4',
            'branch 1',
            'branch 2',
            'branch 3',
            'branch 4'
        ]);
    });
});
