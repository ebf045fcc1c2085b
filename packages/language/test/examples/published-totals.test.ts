import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createCliServices } from '../../src/cli/services.js';
import { expandPaths } from '../../src/node/files.js';
import { loadWorkspace } from '../../src/cli/workspace-loader.js';
import type { NetworkAnalysis } from '../../src/inference/model.js';
import { allInstances } from '../helpers.js';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');

async function analyze(file: string): Promise<{ networks: readonly NetworkAnalysis[]; errors: string[] }> {
    const services = createCliServices();
    const {
        documents: [document]
    } = await loadWorkspace(services, [path.join(examples, file)], examples);
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => `${d.range.start.line + 1}: ${d.message}`);
    return { networks: services.inference.Analyzer.analyze(document).networks, errors };
}

// Totals as PyTorch/torchvision publish them (`sum(p.numel() for p in model.parameters())`).
describe('bundled examples match the published parameter counts', () => {
    test.each([
        ['lenet5.conv', 'LeNet5', 61_706, [1, 1, 10]],
        ['alexnet.conv', 'AlexNet', 61_100_840, [1, 1, 1000]],
        ['vgg16.conv', 'VGG16', 138_357_544, [1, 1, 1000]],
        ['resnet50.conv', 'ResNet50', 25_557_032, [1, 1, 1000]],
        ['googlenet.conv', 'GoogLeNet', 6_624_904, [1, 1, 1000]],
        ['mobilenetv3-small.conv', 'MobileNetV3Small', 2_542_856, [1, 1, 1000]],
        ['efficientnet-b0.conv', 'EfficientNetB0', 5_288_548, [1, 1, 1000]],
        ['shufflenetv2.conv', 'ShuffleNetV2', 2_278_604, [1, 1, 1000]],
        // The paper's U-Net (biases on, 2 classes); YOLOv3-tiny without BN running statistics (the
        // often-quoted 8,858,734 adds them). Its other head, 13×13×255, is the label `head13`.
        ['unet.conv', 'UNet', 31_030_658, [388, 388, 2]],
        ['yolov3-tiny.conv', 'YOLOv3Tiny', 8_852_366, [26, 26, 255]]
    ])('%s: %s has %i parameters', async (file, name, params, output) => {
        const { networks, errors } = await analyze(file);
        expect(errors).toEqual([]);
        const network = networks.find(n => n.name === name)!;
        expect(network.params).toBe(params);
        expect([network.output?.w, network.output?.h, network.output?.d]).toEqual(output);
    });

    test('U-Net by hand: the contracting path, the bottom, four up-steps and the 1×1 classifier', async () => {
        const conv = (k: number, d: number, c: number) => k * k * d * c + c;
        const double = (d: number, c: number) => conv(3, d, c) + conv(3, c, c);
        // Each up-step: a 2×2 up-convolution halving the depth, then a double conv on the concat of twice that.
        const up = (c: number) => conv(2, 2 * c, c) + double(2 * c, c);
        const expected =
            double(1, 64) +
            double(64, 128) +
            double(128, 256) +
            double(256, 512) +
            double(512, 1024) +
            up(512) +
            up(256) +
            up(128) +
            up(64) +
            conv(1, 64, 2);
        const { networks } = await analyze('unet.conv');
        expect(expected).toBe(31_030_658);
        expect(networks[0].params).toBe(expected);
        const yolo = (await analyze('yolov3-tiny.conv')).networks[0];
        const head13 = allInstances(yolo.body).find(i => i.label === 'head13');
        expect(head13?.output?.volume).toEqual({ w: 13, h: 13, d: 255 });
    });

    test('LeNet-5 by hand: conv 6 5×5, conv 16 5×5, dense 120, 84, 10', async () => {
        const { networks } = await analyze('lenet5.conv');
        expect(networks[0].params).toBe(
            5 * 5 * 1 * 6 + 6 + (5 * 5 * 6 * 16 + 16) + (16 * 5 * 5 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10)
        );
    });
});

describe('the seed article, as examples', () => {
    test('inception naive vs reduced on 28×28×192 without biases', async () => {
        const { networks, errors } = await analyze('inception.conv');
        expect(errors).toEqual([]);
        const naive = networks.find(n => n.name === 'Naive')!;
        const reduced = networks.find(n => n.name === 'Reduced')!;
        expect(naive.params).toBe(1 * 1 * 192 * 64 + 3 * 3 * 192 * 128 + 5 * 5 * 192 * 32);
        expect(naive.params).toBe(387_072);
        expect(naive.output).toEqual({ w: 28, h: 28, d: 64 + 128 + 32 + 192 });
        expect(reduced.params).toBe(
            1 * 1 * 192 * 64 + 1 * 1 * 192 * 96 + 1 * 1 * 192 * 16 + 3 * 3 * 96 * 128 + 5 * 5 * 16 * 32 + 1 * 1 * 192 * 32
        );
        expect(reduced.params).toBe(163_328);
        expect(reduced.output).toEqual({ w: 28, h: 28, d: 64 + 128 + 32 + 32 });
    });

    test('filter depth: 28×28×192 through 96 3×3 filters is 26×26×96', async () => {
        const { networks } = await analyze('seed.conv');
        const conv = networks.find(n => n.name === 'FilterDepth')!.layers.find(i => i.op === 'conv')!;
        expect(conv.output?.volume).toEqual({ w: (28 - 3) / 1 + 1, h: (28 - 3) / 1 + 1, d: 96 });
        expect(conv.filter).toEqual([3, 3, 192]);
    });

    test('five 1×1 filters turn W×H×6 into W×H×5', async () => {
        const { networks } = await analyze('seed.conv');
        const net = networks.find(n => n.name === 'OneByOne')!;
        expect(net.output?.d).toBe(5);
        expect([net.output?.w, net.output?.h]).toEqual([net.input?.w, net.input?.h]);
    });

    test('the deliberately invalid example is 4.5 wide and says so', async () => {
        const { errors } = await analyze('invalid/stride-does-not-tile.conv');
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain('(10 − 3 + 2·0)/2 + 1 = 4.5 is not an integer');
        expect(errors[0]).toContain('no padding can fix this');
    });

    test('every other example validates without errors', async () => {
        const files = (await expandPaths([examples], examples)).filter(f => !f.includes(`${path.sep}invalid${path.sep}`));
        expect(files.length).toBeGreaterThanOrEqual(8);
        for (const file of files) expect((await analyze(path.relative(examples, file))).errors, file).toEqual([]);
    });
});
