/**
 * `summary`'s memory lines against torchinfo's own published figures and
 * against hand arithmetic. torchinfo's rules (torchinfo/model_statistics.py,
 * https://github.com/TylerYep/torchinfo/blob/main/torchinfo/model_statistics.py):
 * input size = the input tensor's bytes; forward/backward pass size = 2 × the
 * output bytes of every leaf layer that has parameters; params size = the
 * parameters' bytes; estimated total = their sum; printed as bytes / 1e6.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { cli, removeTree, tempTree } from '../cli/cli-harness.js';

interface Memory {
    batch: number;
    dtype: string;
    bytesPerValue: number;
    inputBytes: number;
    forwardBackwardBytes: number;
    paramsBytes: number;
    totalBytes: number;
}
interface Network {
    params: number;
    macs: number;
    memory: Memory;
}

/**
 * torchinfo's SingleInputNet (tests/fixtures/models.py): conv1 = Conv2d(1, 10, 5),
 * conv2 = Conv2d(10, 20, 5), conv2_drop = Dropout2d(0.3), fc1 = Linear(320, 50),
 * fc2 = Linear(50, 10); forward: relu(max_pool2d(conv1(x), 2)),
 * relu(max_pool2d(conv2_drop(conv2(x)), 2)), view(-1, 320), relu(fc1), fc2, log_softmax.
 * The functional pool and activations are no modules there, so no rows; here they
 * are rows without parameters, which the forward/backward rule does not count.
 */
const SINGLE_INPUT_NET = `network SingleInputNet {
  input 28x28x1
  conv1: conv 10 5x5
  maxpool 2
  relu
  conv2: conv 20 5x5
  conv2_drop: dropout 0.3
  maxpool 2
  relu
  flatten
  fc1: dense 50
  relu
  fc2: dense 10
  logsoftmax
}
`;

// Hand arithmetic, per sample: outputs of the layers with parameters and the parameter count.
const CONV1_OUT = 24 * 24 * 10; // (28 − 5) + 1 = 24
const CONV2_OUT = 8 * 8 * 20; // pool 24 → 12, (12 − 5) + 1 = 8
const OUTPUTS_WITH_PARAMS = CONV1_OUT + CONV2_OUT + 50 + 10;
const PARAMS = 5 * 5 * 1 * 10 + 10 + (5 * 5 * 10 * 20 + 20) + (320 * 50 + 50) + (50 * 10 + 10);

/** One folder per network text, written once. */
const dirs = new Map<string, string>();
afterAll(() => [...dirs.values()].forEach(removeTree));

async function summarize(text: string, args: string[], format = 'json'): Promise<string> {
    const dir = dirs.get(text) ?? tempTree({ 'net.conv': text });
    dirs.set(text, dir);
    const r = await cli(['summary', 'net.conv', '--format', format, ...args], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
}
const network = async (text: string, args: string[]): Promise<Network> => JSON.parse(await summarize(text, args)).networks[0];
const memoryLines = (table: string) => table.split('\n').filter(l => /\((MB)\): /.test(l));

describe("torchinfo's memory lines", () => {
    test('SingleInputNet, batch 7: the hand arithmetic in bytes', async () => {
        expect(PARAMS).toBe(21_840); // torchinfo: "Total params: 21,840"
        const { params, memory } = await network(SINGLE_INPUT_NET, ['--batch', '7']);
        expect(params).toBe(PARAMS);
        expect(memory).toEqual({
            batch: 7,
            dtype: 'float32',
            bytesPerValue: 4,
            inputBytes: 7 * 28 * 28 * 1 * 4,
            forwardBackwardBytes: 2 * 7 * OUTPUTS_WITH_PARAMS * 4,
            paramsBytes: PARAMS * 4,
            totalBytes: 7 * 28 * 28 * 4 + 2 * 7 * OUTPUTS_WITH_PARAMS * 4 + PARAMS * 4
        });
    });

    test("SingleInputNet, batch 7: the figures in torchinfo's README", async () => {
        // https://github.com/TylerYep/torchinfo/blob/main/README.md ("How To Use", input_size=(7, 1, 28, 28)
        // per its output) prints:
        //   Input size (MB): 0.02 / Forward/backward pass size (MB): 0.40 / Params size (MB): 0.09 /
        //   Estimated Total Size (MB): 0.51
        const table = await summarize(SINGLE_INPUT_NET, ['--batch', '7'], 'table');
        expect(memoryLines(table)).toEqual([
            'Input size (MB): 0.02',
            'Forward/backward pass size (MB): 0.40',
            'Params size (MB): 0.09',
            'Estimated Total Size (MB): 0.51'
        ]);
        // tests/test_output/single_input_all_cols.out prints the same run in kB: 397.60 and 87.36 exactly,
        // and "Input size (kB): 22.01": torchinfo measures the input with sys.getsizeof of its storage, which
        // adds the Python object's 56 bytes (torch 1.13: sys.getsizeof(torch.zeros(2, 1, 28, 28).storage())
        // is 6,328 = 2·28·28·4 + 56). convspec counts the data only.
        const { memory } = await network(SINGLE_INPUT_NET, ['--batch', '7']);
        expect((memory.forwardBackwardBytes / 1e3).toFixed(2)).toBe('397.60');
        expect((memory.paramsBytes / 1e3).toFixed(2)).toBe('87.36');
        expect(((memory.inputBytes + 56) / 1e3).toFixed(2)).toBe('22.01');
    });

    test('SingleInputNet in half precision, batch 2: the bytes torchinfo asserts', async () => {
        // https://github.com/TylerYep/torchinfo/blob/main/tests/half_precision_test.py (test_single_input_half,
        // model.half(), input (2, 1, 28, 28) float16):
        //   to_megabytes(results.total_param_bytes) == 0.04368; to_megabytes(results.total_output_bytes) == 0.0568
        const { memory } = await network(SINGLE_INPUT_NET, ['--batch', '2', '--dtype', 'float16']);
        expect(memory.paramsBytes).toBe(43_680);
        expect(memory.forwardBackwardBytes).toBe(56_800);
        expect(memory.paramsBytes).toBe(PARAMS * 2);
        expect(memory.forwardBackwardBytes).toBe(2 * 2 * OUTPUTS_WITH_PARAMS * 2);
        expect(memory.inputBytes).toBe(2 * 28 * 28 * 2);
    });

    test("examples/resnet50.conv, batch 2: torchinfo's resnet50 output, line for line", async () => {
        // https://github.com/TylerYep/torchinfo/blob/main/tests/test_output/resnet50.out
        // (tests/torchinfo_xl_test.py: summary(torchvision.models.resnet50(), input_size=(2, 3, 224, 224))):
        //   Total params: 25,557,032 / Total mult-adds (G): 8.18 / Input size (MB): 1.20 /
        //   Forward/backward pass size (MB): 355.66 / Params size (MB): 102.23 / Estimated Total Size (MB): 459.10
        const r = await cli(['summary', 'examples/resnet50.conv', '--batch', '2']);
        expect(r.status).toBe(0);
        expect(r.stdout).toContain('Total params: 25,557,032');
        expect(memoryLines(r.stdout)).toEqual([
            'Input size (MB): 1.20',
            'Forward/backward pass size (MB): 355.66',
            'Params size (MB): 102.23',
            'Estimated Total Size (MB): 459.10'
        ]);
        // torchinfo's mult-adds count the batch (and batch norm's scale and shift, 2·C per sample:
        // too few to move the second decimal); convspec's MACs are per sample, the batch's on a line of its own.
        const batchMacs = /^Total MACs \(batch of 2\): ([\d,]+)$/m.exec(r.stdout);
        expect(batchMacs).not.toBeNull();
        expect((Number(batchMacs![1].replace(/,/g, '')) / 1e9).toFixed(2)).toBe('8.18');
        // Hand arithmetic for the two exact lines: 2·224·224·3 float32 inputs, 25,557,032 float32 weights.
        const json = await cli(['summary', 'examples/resnet50.conv', '--batch', '2', '--format', 'json']);
        const { memory } = JSON.parse(json.stdout).networks[0] as Network;
        expect(memory.inputBytes).toBe(2 * 224 * 224 * 3 * 4);
        expect(memory.paramsBytes).toBe(25_557_032 * 4);
    });

    test('--dtype scales the input, the activations and the parameters by the bytes per value', async () => {
        const sizes = await Promise.all(
            ['float32', 'float16', 'bfloat16', 'int8'].map(async dtype => (await network(SINGLE_INPUT_NET, ['--dtype', dtype])).memory)
        );
        const [f32, f16, bf16, i8] = sizes;
        expect(sizes.map(m => m.bytesPerValue)).toEqual([4, 2, 2, 1]);
        for (const [m, bytes] of [
            [f16, 2],
            [bf16, 2],
            [i8, 1]
        ] as const) {
            expect(m.inputBytes * 4).toBe(f32.inputBytes * bytes);
            expect(m.forwardBackwardBytes * 4).toBe(f32.forwardBackwardBytes * bytes);
            expect(m.paramsBytes * 4).toBe(f32.paramsBytes * bytes);
        }
        expect(i8).toMatchObject({ inputBytes: 28 * 28, forwardBackwardBytes: 2 * OUTPUTS_WITH_PARAMS, paramsBytes: PARAMS });
    });

    test('memory is decimal: 1 MB is 10^6 bytes, not 2^20', async () => {
        // LeNet-5's 61,706 float32 parameters are 246,824 bytes: 0.25 MB (0.24 MiB would be binary).
        const r = await cli(['summary', 'examples/lenet5.conv']);
        expect(r.stdout).toContain(`Params size (MB): ${((61_706 * 4) / 1e6).toFixed(2)}`);
        expect(((61_706 * 4) / 1e6).toFixed(2)).toBe('0.25');
        expect(r.stdout).not.toMatch(/KiB|MiB/);
    });
});
