/**
 * The structure of `summary`: the JSON `tree` (structures with subtotals,
 * leaves pointing into `layers[]`), the table's structure rows and `--depth`.
 * Expected numbers are worked out here from examples/resnet50.conv's
 * definition, not read from the tool.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../cli/cli-harness.js';

interface Layer {
    params: number;
    macs: number;
}
interface Node {
    kind: string;
    layer?: number;
    label?: string | null;
    block?: string;
    args?: number[];
    count?: number;
    iteration?: number;
    branch?: number;
    identity?: boolean;
    output?: number[];
    params?: number;
    macs?: number;
    children?: Node[];
}
interface Network {
    name: string;
    params: number;
    macs: number;
    layers: Layer[];
    tree: Node[];
}

// ResNet-50's bottleneck of width w (bias off, batch norm = 2 per channel), as the example's comment derives it.
const bottleneck = (w: number) => 4 * w * w + 2 * w + 9 * w * w + 2 * w + 4 * w * w + 8 * w;
const bottleneckDown = (w: number, din: number) => din * w + 2 * w + 9 * w * w + 2 * w + 4 * w * w + 8 * w + din * 4 * w + 8 * w;
const stage = (w: number, n: number, din: number) => bottleneckDown(w, din) + (n - 1) * bottleneck(w);

let resnet: Network;
beforeAll(async () => {
    const r = await cli(['summary', 'examples/resnet50.conv', '--format', 'json']);
    expect(r.status).toBe(0);
    resnet = JSON.parse(r.stdout).networks[0];
});

/** The leaves below a node, in order. */
const leaves = (nodes: readonly Node[]): number[] => nodes.flatMap(n => (n.kind === 'layer' ? [n.layer!] : leaves(n.children!)));
const groups = (nodes: readonly Node[]): Node[] => nodes.flatMap(n => (n.kind === 'layer' ? [] : [n, ...groups(n.children!)]));

describe('summary --format json: tree', () => {
    test('the leaves are layers[] in execution order, each once', () => {
        expect(leaves(resnet.tree)).toEqual(resnet.layers.map((_, i) => i));
    });

    test('every structure and lane carries the sum of the layers below it', async () => {
        for (const file of ['examples/resnet50.conv', 'examples/inception.conv', 'examples/efficientnet-b0.conv', 'examples/unet.conv']) {
            const networks: Network[] = JSON.parse((await cli(['summary', file, '--format', 'json'])).stdout).networks;
            for (const n of networks) {
                for (const g of groups(n.tree)) {
                    const below = leaves(g.children!).map(i => n.layers[i]);
                    expect(g.params, `${file} ${n.name} ${g.kind}`).toBe(below.reduce((s, l) => s + l.params, 0));
                    expect(g.macs, `${file} ${n.name} ${g.kind}`).toBe(below.reduce((s, l) => s + l.macs, 0));
                }
            }
        }
    });

    test("resnet50: stages are block calls with their arguments and the stage's parameter count", () => {
        const calls = resnet.tree.filter(n => n.kind === 'call');
        expect(calls.map(c => [c.label, c.block, c.args, c.params, c.output])).toEqual([
            ['layer1', 'stage', [64, 3, 1], stage(64, 3, 64), [56, 56, 256]],
            ['layer2', 'stage', [128, 4, 2], stage(128, 4, 256), [28, 28, 512]],
            ['layer3', 'stage', [256, 6, 2], stage(256, 6, 512), [14, 14, 1024]],
            ['layer4', 'stage', [512, 3, 2], stage(512, 3, 1024), [7, 7, 2048]]
        ]);
        // The stage's body: the projecting block, then `repeat n - 1` with one node per iteration.
        const [first, repeat] = calls[1].children!;
        expect([first.kind, first.label, first.block, first.args, first.params]).toEqual([
            'call',
            'first',
            'bottleneck_down',
            [128, 2],
            bottleneckDown(128, 256)
        ]);
        expect([repeat.kind, repeat.count, repeat.params]).toEqual(['repeat', 3, 3 * bottleneck(128)]);
        expect(repeat.children!.map(i => [i.kind, i.iteration, i.params])).toEqual([1, 2, 3].map(k => ['iteration', k, bottleneck(128)]));
        // Inside the projecting block: the residual's body and its 1×1 projection shortcut, 4w·Din + 2·4w.
        const residual = first.children![0];
        expect(residual.kind).toBe('residual');
        expect(residual.children!.map(l => [l.kind, l.params])).toEqual([
            ['body', bottleneckDown(128, 256) - (256 * 4 * 128 + 8 * 128)],
            ['shortcut', 256 * 4 * 128 + 8 * 128]
        ]);
        // An identity shortcut is an empty lane, marked as such.
        const unit = repeat.children![0].children![0];
        expect(unit.children![0].children!.map(l => [l.kind, l.identity ?? false, l.children!.length > 0])).toEqual([
            ['body', false, true],
            ['shortcut', true, false]
        ]);
    });
});

describe('summary table: structure rows and --depth', () => {
    const names = (table: string) =>
        table
            .split('\n')
            .filter(l => /^[│ ]*[├└]─/.test(l))
            .map(l => /^([│ ]*[├└]─\S+(?: \S+)*)/.exec(l)![1]);

    test('--depth 1 folds every structure into one row: the network as written', async () => {
        const r = await cli(['summary', 'examples/resnet50.conv', '--depth', '1']);
        expect(r.status).toBe(0);
        expect(names(r.stdout)).toEqual([
            '├─conv1: conv',
            '├─batchnorm',
            '├─relu',
            '├─pool1: maxpool',
            '├─layer1: stage(64, 3, 1)',
            '├─layer2: stage(128, 4, 2)',
            '├─layer3: stage(256, 6, 2)',
            '├─layer4: stage(512, 3, 2)',
            '├─globalavgpool',
            '├─classifier: dense'
        ]);
        // The folded row shows its subtotal; the totals are unchanged.
        expect(r.stdout).toMatch(
            new RegExp(`├─layer3: stage\\(256, 6, 2\\)\\s+\\d+\\s+14×14×1024\\s+${stage(256, 6, 512).toLocaleString('en-US')}\\s`)
        );
        expect(r.stdout).toContain(`Total params: ${(25_557_032).toLocaleString('en-US')}`);
    });

    test('--depth 2 opens the stages: the projecting block and the repeat, drawn one level in', async () => {
        const r = await cli(['summary', 'examples/resnet50.conv', '--depth', '2']);
        const rows = names(r.stdout);
        const at = rows.indexOf('├─layer2: stage(128, 4, 2)');
        expect(rows.slice(at, at + 4)).toEqual([
            '├─layer2: stage(128, 4, 2)',
            '│    └─first: bottleneck_down(128, 2)',
            '│    └─repeat 3',
            '├─layer3: stage(256, 6, 2)'
        ]);
    });

    test('without --depth every layer has its row under its structures (inception: concat, branch, layer)', async () => {
        const r = await cli(['summary', 'examples/inception.conv', '--network', 'Reduced']);
        expect(names(r.stdout)).toEqual([
            '├─reduced: concat',
            '│    └─branch 1',
            '│    │    └─conv',
            '│    └─branch 2',
            '│    │    └─reduce3x3: conv',
            '│    │    └─conv',
            '│    └─branch 3',
            '│    │    └─reduce5x5: conv',
            '│    │    └─conv',
            '│    └─branch 4',
            '│    │    └─maxpool',
            '│    │    └─poolproj: conv'
        ]);
        // Branch 2's subtotal: 1·1·192·96 + 3·3·96·128.
        expect(r.stdout).toMatch(new RegExp(`└─branch 2\\s+28×28×128\\s+${(192 * 96 + 9 * 96 * 128).toLocaleString('en-US')}\\s`));
    });

    test('--columns picks and orders the columns; percent is the share of the params, flops twice the MACs', async () => {
        const r = await cli(['summary', 'examples/lenet5.conv', '--columns', 'kernel,params,percent,flops']);
        expect(r.status).toBe(0);
        const header = r.stdout.split('\n').find(l => l.startsWith('Layer'))!;
        expect(header.split(/\s{2,}/)).toEqual(['Layer', 'Kernel', 'Params', 'Params %', 'FLOPs']);
        // c3: 5·5·6·16 + 16 = 2,416 of 61,706 params; 10·10·5·5·6·16 = 240,000 MACs.
        const c3 = r.stdout.split('\n').find(l => l.includes('c3: conv'))!;
        expect(c3.split(/\s{2,}/).slice(1)).toEqual([
            '5×5',
            (5 * 5 * 6 * 16 + 16).toLocaleString('en-US'),
            `${((100 * (5 * 5 * 6 * 16 + 16)) / 61_706).toFixed(2)}%`,
            (2 * 10 * 10 * 5 * 5 * 6 * 16).toLocaleString('en-US')
        ]);
        const lenetMacs = 28 * 28 * 5 * 5 * 6 + 10 * 10 * 5 * 5 * 6 * 16 + 400 * 120 + 120 * 84 + 84 * 10;
        expect(r.stdout).toContain(`Total FLOPs: ${(2 * lenetMacs).toLocaleString('en-US')}`);
    });
});
