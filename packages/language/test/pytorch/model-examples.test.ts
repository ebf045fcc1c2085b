import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createCliServices } from '../../src/cli/services.js';
import { loadWorkspace } from '../../src/cli/workspace-loader.js';
import { exportPyTorch } from '../../src/export/pytorch-export.js';

/**
 * The examples that claim to be a published model, exported and run against
 * that model in real PyTorch. compare_torchvision.py pairs the export's
 * Conv2d / Linear / BatchNorm2d modules and activations with torchvision's in
 * execution order (kind, output shape, parameters, hyper-parameters);
 * compare_reference.py does the same for the convs and batch norms of
 * reference_models.py (U-Net from the paper, YOLOv3-tiny from Darknet's cfg),
 * written in plain PyTorch and not generated from convspec. Both then copy
 * the model's weights into the export and require the same outputs, which
 * checks what shapes cannot: gate placement, split and shuffle order, crop
 * offsets, the order of a concat.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '../../../../examples');
const PYTHON = '/usr/bin/python3';

async function exported(file: string, dir: string): Promise<string> {
    const services = createCliServices();
    const {
        documents: [document]
    } = await loadWorkspace(services, [path.join(examples, file)], examples);
    const analysis = services.inference.Analyzer.analyze(document);
    const target = path.join(dir, `${path.basename(file, '.conv').replace(/\W/g, '_')}.py`);
    fs.writeFileSync(target, exportPyTorch(analysis, { source: file, version: 'test' }));
    return target;
}

function python(script: string, args: string[]) {
    return spawnSync(PYTHON, [path.join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
}

describe('examples equal to a published model, layer by layer and numerically', () => {
    test.each([
        ['mobilenetv3-small.conv', 'mobilenet_v3_small', 2_542_856],
        ['efficientnet-b0.conv', 'efficientnet_b0', 5_288_548],
        ['shufflenetv2.conv', 'shufflenet_v2_x1_0', 2_278_604]
    ])(
        '%s is torchvision.models.%s()',
        async (file, model, params) => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-torchvision-'));
            const run = python('compare_torchvision.py', [model, await exported(file, dir), '--expect-params', String(params), '--quiet']);
            fs.rmSync(dir, { recursive: true, force: true });
            expect(run.stdout + run.stderr).toContain('PASS:');
            expect(run.status).toBe(0);
        },
        120_000
    );

    test.each([
        // 572×572×1 → 388×388×2, 31,030,658 parameters: the paper's Fig. 1, biases on, two classes.
        ['unet.conv', 'unet', ['total parameters: reference 31,030,658', 'output shape(s): reference 388x388x2; export 388x388x2']],
        // Batch norm counted as 2·D (weight and bias), as PyTorch's parameters() does: 8,852,366.
        [
            'yolov3-tiny.conv',
            'yolov3_tiny',
            ['total parameters: reference 8,852,366', 'output shape(s): reference 13x13x255, 26x26x255; export 13x13x255, 26x26x255']
        ]
    ])(
        '%s is reference_models.%s()',
        async (file, model, expected) => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-reference-'));
            const run = python('compare_reference.py', [model, await exported(file, dir), '--numeric']);
            fs.rmSync(dir, { recursive: true, force: true });
            for (const line of expected) expect(run.stdout).toContain(`[ok] ${line}`);
            expect(run.stdout).toContain(`${model}: structure PASS, numeric PASS`);
            expect(run.status, run.stdout + run.stderr).toBe(0);
        },
        180_000
    );
});
