import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import { beforeAll, describe, expect, test } from 'vitest';
import { createCliServices } from '../../src/cli/services.js';
import { expandPaths } from '../../src/node/files.js';
import { loadWorkspace } from '../../src/cli/workspace-loader.js';
import { createConvspecCoreServices } from '../../src/convspec-module.js';
import { exportPyTorch } from '../../src/export/pytorch-export.js';
import type { Model } from '../../src/generated/ast.js';
import type { DocumentAnalysis } from '../../src/inference/model.js';
import { allInstances } from '../helpers.js';
import { layerCorpus, layerNetworkText, randomNetwork, randomNetworkPair, rng, type LayerCase } from './corpus.js';
import { MODERN_FAMILIES, modernNetwork } from './modern-corpus.js';

/**
 * convspec against real PyTorch (Debian's python3-torch; the README's test
 * command installs it). Every number compared here is computed by PyTorch.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.resolve(here, '../../../../examples');
const PYTHON = '/usr/bin/python3';
const SEED = 20261128;
const NETWORKS = 260;
/** Files with two networks sharing their blocks (the export bug of two depths through one block). */
const PAIRS = 40;
/** Networks per 0.2 family (references, split/shuffle, crop, gates). */
const MODERN_PER_FAMILY = 80;

/** What PyTorch says when it refuses a layer, and the convspec code that must say the same. */
const REJECTIONS: readonly [RegExp, string][] = [
    // Before the groups rule: ChannelShuffle's message also ends in "divisible by groups".
    [/Number of channels must be divisible by groups/i, 'shuffle-mismatch'],
    [/crop \d+x\d+ is larger than the input/i, 'crop-too-large'],
    [
        /Kernel size can't be greater than actual input size|Output size is too small|output size.*too small|negative output size/i,
        'kernel-too-large'
    ],
    [/pad should be (at most|smaller than or equal to) half/i, 'pool-padding-too-large'],
    [/must be divisible by groups/i, 'groups-mismatch'],
    [/output padding must be smaller than either stride or dilation/i, 'outpad-too-large'],
    [/non-positive stride|stride should be greater than zero|dilation should be greater than zero/i, 'invalid-value']
];

interface Analyzed {
    document: LangiumDocument<Model>;
    analysis: DocumentAnalysis;
    errors: string[];
}

/** Fresh services every few hundred documents, so one workspace does not grow with the whole corpus. */
function analyzer() {
    let services = createConvspecCoreServices(EmptyFileSystem).Convspec;
    let parse = parseHelper<Model>(services);
    let used = 0;
    return async (text: string): Promise<Analyzed> => {
        if (++used % 300 === 0) {
            services = createConvspecCoreServices(EmptyFileSystem).Convspec;
            parse = parseHelper<Model>(services);
        }
        const document = await parse(text, { validation: true });
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => String(d.code));
        return { document, analysis: services.inference.Analyzer.analyze(document), errors };
    };
}

function runTorch(job: object): any {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-torch-'));
    const jobFile = path.join(dir, 'job.json');
    const resultFile = path.join(dir, 'result.json');
    fs.writeFileSync(jobFile, JSON.stringify(job));
    const run = spawnSync(PYTHON, [path.join(here, 'torch_runner.py'), jobFile, resultFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`torch_runner.py failed (${run.status}): ${run.stderr}`);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    fs.rmSync(dir, { recursive: true, force: true });
    return result;
}

/** `(W + 2P − Fe) mod S ≠ 0` on either axis: the exact formula is not an integer. */
function exactIsFractional(c: LayerCase): boolean {
    const { kernel, stride, dilation, pad } = c.window!;
    return [0, 1].some(a => {
        const span = c.input[a] + 2 * pad[a] - (dilation[a] * (kernel[a] - 1) + 1);
        return span >= 0 && span % stride[a] !== 0;
    });
}

const counts = {
    layers: 0,
    layersRejected: 0,
    strictChecks: 0,
    networks: 0,
    pairs: 0,
    modern: 0,
    networkLayers: 0,
    examples: 0,
    mismatches: 0
};

beforeAll(() => {
    const probe = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { encoding: 'utf8' });
    if (probe.status !== 0) {
        throw new Error(
            `PyTorch is not installed for ${PYTHON}: run scripts/ensure-torch.sh (the README's test command does). ${probe.stderr}`
        );
    }
});

describe('convspec agrees with PyTorch', () => {
    test('single layers: shapes, parameters and refusals', async () => {
        const mismatches: string[] = [];
        const cases = layerCorpus(SEED);
        const analyze = analyzer();
        const convspec = new Map<number, { errors: string[]; output?: number[]; params?: number; strictErrors?: string[] }>();
        for (const c of cases) {
            const { analysis, errors } = await analyze(layerNetworkText(c));
            const instance = analysis.networks[0]?.layers[0];
            const out = instance?.output?.volume;
            const entry: { errors: string[]; output?: number[]; params?: number; strictErrors?: string[] } = {
                errors,
                output: out && [out.w, out.h, out.d],
                params: instance?.params
            };
            if (c.window && c.rounding === 'floor') entry.strictErrors = (await analyze(layerNetworkText(c, 'strict'))).errors;
            convspec.set(c.id, entry);
        }
        const torch = runTorch({ layers: cases.map(({ statement: _s, window: _w, ...rest }) => rest) });
        for (const result of torch.layers) {
            const c = cases[result.id];
            const ours = convspec.get(result.id)!;
            const where = `case ${c.id} [${c.input.join('x')}] ${c.statement} (${c.rounding})`;
            counts.layers++;
            if (!result.ok) {
                counts.layersRejected++;
                const expected = REJECTIONS.find(([pattern]) => pattern.test(result.error))?.[1];
                if (!expected) mismatches.push(`${where}: PyTorch refuses with an unmapped error: ${result.error}`);
                else if (!ours.errors.includes(expected))
                    mismatches.push(
                        `${where}: PyTorch refuses (${result.error}) but convspec says [${ours.errors.join(', ')}], not ${expected}`
                    );
                continue;
            }
            if (ours.errors.length > 0) {
                mismatches.push(
                    `${where}: PyTorch accepts (→ ${result.output.join('×')}) but convspec reports [${ours.errors.join(', ')}]`
                );
                continue;
            }
            if (ours.output?.join('x') !== result.output.join('x'))
                mismatches.push(`${where}: output ${ours.output?.join('×')} vs PyTorch ${result.output.join('×')}`);
            if (ours.params !== result.params) mismatches.push(`${where}: params ${ours.params} vs PyTorch ${result.params}`);
            if (ours.strictErrors && c.window) {
                counts.strictChecks++;
                const flagged = ours.strictErrors.includes('non-integer-output');
                if (flagged !== exactIsFractional(c))
                    mismatches.push(
                        `${where}: strict mode ${flagged ? 'flags' : 'does not flag'} non-integer-output, exact formula ${exactIsFractional(c) ? 'is' : 'is not'} fractional`
                    );
            }
        }
        counts.mismatches += mismatches.length;
        expect(counts.layers).toBeGreaterThanOrEqual(3000);
        expect(counts.layersRejected).toBeGreaterThan(50);
        expect(mismatches.slice(0, 20)).toEqual([]);
    });

    test('random networks with blocks, concat, residual and repeat, through `export`', async () => {
        const mismatches: string[] = [];
        const r = rng(SEED + 1);
        const analyze = analyzer();
        const jobs: { id: number; code: string; analysis: DocumentAnalysis; text: string }[] = [];
        for (let id = 0; jobs.length < NETWORKS && id < NETWORKS * 4; id++) {
            const text = randomNetwork(r, id);
            const { analysis, errors } = await analyze(text);
            if (errors.length > 0) continue;
            jobs.push({ id, text, analysis, code: exportPyTorch(analysis, { source: `random network ${id}`, version: 'test' }) });
        }
        expect(jobs.length).toBeGreaterThanOrEqual(200);
        const torch = runTorch({ networks: jobs.map(j => ({ id: j.id, code: j.code })) });
        for (const [k, result] of torch.networks.entries()) {
            compareNetwork(`random network ${jobs[k].id}`, jobs[k].analysis, result, mismatches);
        }
        counts.networks += jobs.length;
        counts.mismatches += mismatches.length;
        const structures = new Set(
            jobs.flatMap(j =>
                allInstances(j.analysis.networks[0].body)
                    .filter(i => i.kind === 'structure')
                    .map(i => i.op)
            )
        );
        expect([...structures].sort()).toEqual(['call', 'concat', 'repeat', 'residual']);
        expect(mismatches.slice(0, 20)).toEqual([]);
    });

    test('files with two networks on different depths sharing their blocks: each exported network right', async () => {
        const mismatches: string[] = [];
        const r = rng(SEED + 2);
        const analyze = analyzer();
        const jobs: { id: number; code: string; analysis: DocumentAnalysis }[] = [];
        for (let id = 0; jobs.length < PAIRS && id < PAIRS * 4; id++) {
            const { analysis, errors } = await analyze(randomNetworkPair(r, id));
            if (errors.length > 0) continue;
            jobs.push({ id, analysis, code: exportPyTorch(analysis, { source: `random pair ${id}`, version: 'test' }) });
        }
        expect(jobs.length).toBe(PAIRS);
        for (const job of jobs) {
            const [a, b] = job.analysis.networks;
            expect(a.input?.d, `pair ${job.id}`).not.toBe(b.input?.d);
        }
        const torch = runTorch({ networks: jobs.map(j => ({ id: j.id, code: j.code })) });
        for (const [k, result] of torch.networks.entries()) {
            expect(result.ok && result.networks.length, `pair ${jobs[k].id}: ${result.error ?? ''}`).toBe(2);
            compareNetwork(`random pair ${jobs[k].id}`, jobs[k].analysis, result, mismatches);
        }
        counts.pairs += jobs.length;
        counts.mismatches += mismatches.length;
        expect(mismatches.slice(0, 20)).toEqual([]);
    });

    test('0.2 statements in random networks — references, split and shuffle, crop, gates — through `export`', async () => {
        const mismatches: string[] = [];
        const r = rng(SEED + 3);
        const analyze = analyzer();
        const jobs: { id: number; family: string; text: string; code: string; analysis: DocumentAnalysis }[] = [];
        const refused: string[] = [];
        for (const family of MODERN_FAMILIES) {
            for (let id = 0; id < MODERN_PER_FAMILY; id++) {
                const text = modernNetwork(r, id, family);
                const { analysis, errors } = await analyze(text);
                // The generator tracks every volume it writes, so convspec must accept all of them.
                if (errors.length > 0) refused.push(`${family} ${id}: [${errors.join(', ')}]\n${text}`);
                else
                    jobs.push({
                        id: jobs.length,
                        family,
                        text,
                        analysis,
                        code: exportPyTorch(analysis, { source: family, version: 'test' })
                    });
            }
        }
        expect(refused.slice(0, 3)).toEqual([]);
        const torch = runTorch({ networks: jobs.map(j => ({ id: j.id, code: j.code })) });
        for (const [k, result] of torch.networks.entries()) {
            compareNetwork(`${jobs[k].family} network ${jobs[k].id}`, jobs[k].analysis, result, mismatches);
        }
        counts.modern += jobs.length;
        counts.mismatches += mismatches.length;
        // What the corpus covers, read from the networks themselves.
        const using = (pattern: RegExp) => jobs.filter(j => pattern.test(j.text)).length;
        const coverage = {
            references: using(/^\s*(concat with|add|route|multiply) l\d/m),
            referencesInRepeat: using(/repeat [1-9] \{[^{}]*\b(concat with|add|multiply|route) [a-z]/),
            referencesInBlocks: using(/^\s*(l\d+: )?(dense_layer|bottleneck|unet_stage|se_ref)\(|repeat [1-9] \{ dense_layer/m),
            splitOrShuffle: using(/^\s*(split|shuffle)\b|shuffle_(unit|down)\(/m),
            crop: using(/^\s*(crop \d|concat with l\d+ crop|add l\d+ crop|centre\(|unet_stage\()/m),
            gates: using(/^\s*(multiply \{|multiply [lg]\d|se\(|se_self\(|se_ref\()/m)
        };
        console.log(`0.2 networks: ${jobs.length}, using ${JSON.stringify(coverage)}`);
        for (const [what, n] of Object.entries(coverage)) expect(n, what).toBeGreaterThanOrEqual(40);
        expect(jobs.length).toBeGreaterThanOrEqual(300);
        expect(mismatches.slice(0, 20)).toEqual([]);
    });

    test("every example network, exported, and torchvision's own parameter counts", async () => {
        const mismatches: string[] = [];
        const files = (await expandPaths([examples], examples)).filter(f => !f.includes(`${path.sep}invalid${path.sep}`));
        const services = createCliServices();
        const loaded = await loadWorkspace(services, files, examples);
        const jobs = loaded.documents.map((document, id) => {
            const analysis = services.inference.Analyzer.analyze(document);
            return { id, analysis, code: exportPyTorch(analysis, { source: path.basename(document.uri.fsPath), version: 'test' }) };
        });
        const torch = runTorch({ networks: jobs.map(j => ({ id: j.id, code: j.code })), torchvision: true });
        for (const [k, result] of torch.networks.entries())
            compareNetwork(`example ${path.basename(files[k])}`, jobs[k].analysis, result, mismatches);
        counts.examples = jobs.reduce((n, j) => n + j.analysis.networks.length, 0);

        const total = (name: string) => jobs.flatMap(j => j.analysis.networks).find(n => n.name === name)?.params;
        expect({
            alexnet: total('AlexNet'),
            vgg16: total('VGG16'),
            resnet50: total('ResNet50'),
            googlenet: total('GoogLeNet'),
            mobilenet_v3_small: total('MobileNetV3Small'),
            efficientnet_b0: total('EfficientNetB0'),
            shufflenet_v2_x1_0: total('ShuffleNetV2')
        }).toEqual(torch.torchvision);
        expect(mismatches.slice(0, 20)).toEqual([]);
        console.log(
            `differential: ${counts.layers} single layers (${counts.layersRejected} refused by PyTorch, ${counts.strictChecks} strict-mode checks), ${counts.networks} random networks, ${counts.modern} networks with 0.2 statements, ${counts.pairs} two-network files and ${counts.examples} example networks (${counts.networkLayers} layers compared); mismatches: ${counts.mismatches + mismatches.length}`
        );
    });
});

function compareNetwork(where: string, analysis: DocumentAnalysis, result: any, mismatches: string[]): void {
    if (!result.ok) {
        mismatches.push(`${where}: PyTorch could not run the export: ${result.error}`);
        return;
    }
    analysis.networks.forEach((network, n) => {
        const torch = result.networks[n];
        const leaves = network.layers;
        counts.networkLayers += leaves.length;
        leaves.forEach((leaf, index) => {
            const layer = torch.layers[String(index)];
            const line = (leaf.node.$cstNode?.range.start.line ?? 0) + 1;
            const ours = leaf.output?.volume;
            if (!layer) mismatches.push(`${where} ${network.name} layer #${index} (line ${line}, ${leaf.op}): PyTorch never ran it`);
            else if (!ours || layer.output.join('x') !== `${ours.w}x${ours.h}x${ours.d}`)
                mismatches.push(
                    `${where} ${network.name} layer #${index} (line ${line}, ${leaf.op}): ${ours ? `${ours.w}×${ours.h}×${ours.d}` : '?'} vs PyTorch ${layer.output.join('×')}`
                );
            else if (layer.params !== leaf.params)
                mismatches.push(
                    `${where} ${network.name} layer #${index} (line ${line}, ${leaf.op}): ${leaf.params} params vs PyTorch ${layer.params}`
                );
        });
        if (torch.params !== network.params)
            mismatches.push(`${where} ${network.name}: total ${network.params} params vs PyTorch ${torch.params}`);
        const out = network.output;
        if (!out || torch.output.join('x') !== `${out.w}x${out.h}x${out.d}`)
            mismatches.push(
                `${where} ${network.name}: output ${out ? `${out.w}×${out.h}×${out.d}` : '?'} vs PyTorch ${torch.output.join('×')}`
            );
    });
}
