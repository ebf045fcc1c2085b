import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EXAMPLES, removeTree, cli, tempTree } from './cli-harness.js';

const PYTHON = '/usr/bin/python3';
const temps: string[] = [];
afterAll(() => temps.forEach(removeTree));

function python(file: string) {
    return spawnSync(PYTHON, [file], { encoding: 'utf8' });
}

describe('convspec export --to pytorch', () => {
    test('an example exports to a module that runs and counts what convspec counts', async () => {
        const dir = tempTree({});
        temps.push(dir);
        const out = path.join(dir, 'lenet.py');
        const result = await cli(['export', path.join(EXAMPLES, 'lenet5.conv'), '--to', 'pytorch', '-o', out]);
        expect(result.status).toBe(0);
        const printed = python(out);
        expect(printed.status, printed.stderr).toBe(0);
        // LeNet-5: (5·5·1·6 + 6) + (5·5·6·16 + 16) + (400·120 + 120) + (120·84 + 84) + (84·10 + 10)
        const total = 5 * 5 * 1 * 6 + 6 + (5 * 5 * 6 * 16 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10);
        expect(printed.stdout).toContain(`LeNet5: ${total.toLocaleString('en-US')} parameters`);
        // (32 − 5)/1 + 1 = 28 after the first conv, as PyTorch's forward hooks see it.
        expect(printed.stdout).toMatch(/#0 +line \d+ +Conv2d +-> 28x28x6/);
    });

    test('--network picks one network; without -o the module goes to stdout', async () => {
        const result = await cli(['export', path.join(EXAMPLES, 'inception.conv'), '--to', 'pytorch', '--network', 'Reduced']);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('class Reduced(nn.Module):');
        expect(result.stdout).not.toContain('class Naive(nn.Module):');
    });

    test('a file with errors is refused with its diagnostics, and nothing is written', async () => {
        const dir = tempTree({});
        temps.push(dir);
        const out = path.join(dir, 'never.py');
        const result = await cli(['export', path.join(EXAMPLES, 'invalid', 'stride-does-not-tile.conv'), '--to', 'pytorch', '-o', out]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain('non-integer-output');
        expect(result.stderr).toContain('(10 − 3 + 2·0)/2 + 1 = 4.5');
        expect(result.stderr).toContain('not exported');
        expect(fs.existsSync(out)).toBe(false);
    });

    test('usage errors: no --to, another target, an unknown network', async () => {
        const file = path.join(EXAMPLES, 'seed.conv');
        expect((await cli(['export', file])).status).toBe(2);
        expect((await cli(['export', file, '--to', 'keras'])).status).toBe(2);
        const unknown = await cli(['export', file, '--to', 'pytorch', '--network', 'Nope']);
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toContain('FilterDepth');
    });

    test('two networks calling the same block on different depths: each class has its own channel counts, and it runs', async () => {
        // Review bug: the second network got the first one's in_channels and a raw `undefined`.
        const dir = tempTree({
            'two.conv': 'block b(k) { conv k 1x1 }\nnetwork A { input 8x8x3; b(4) }\nnetwork B { input 8x8x5; b(4) }\n'
        });
        temps.push(dir);
        const out = path.join(dir, 'two.py');
        const result = await cli(['export', path.join(dir, 'two.conv'), '--to', 'pytorch', '-o', out]);
        expect(result.status, result.stderr).toBe(0);
        const code = fs.readFileSync(out, 'utf8');
        expect(code).not.toContain('undefined');
        expect(code).toContain('nn.Conv2d(3, 4,');
        expect(code).toContain('nn.Conv2d(5, 4,');
        const printed = python(out);
        expect(printed.status, printed.stderr).toBe(0);
        // A: 1·1·3·4 + 4 = 16; B: 1·1·5·4 + 4 = 24
        expect(printed.stdout).toContain(`A: ${1 * 1 * 3 * 4 + 4} parameters`);
        expect(printed.stdout).toContain(`B: ${1 * 1 * 5 * 4 + 4} parameters`);
    });

    test('names from the file cannot put code into the module', async () => {
        // Python keywords and the module's own names as network, block and label names, and a file
        // name with a newline and quotes: the module still parses, runs, and defines nothing else.
        const hostile = [
            'block __import__(c) { conv c 1x1 }',
            'network class { input 4x4x2',
            '  NETWORKS: conv 2 1x1',
            '  torch: __import__(3)',
            '}',
            'network print_shapes { input 4x4x2; relu }',
            'network None { input 4x4x2; relu }',
            ''
        ].join('\n');
        const dir = tempTree({ 'evil"\nimport os; os.system("echo pwned")\n#.conv': hostile });
        temps.push(dir);
        const file = fs.readdirSync(dir).map(f => path.join(dir, f))[0];
        const out = path.join(dir, 'out.py');
        const result = await cli(['export', file, '--to', 'pytorch', '-o', out]);
        expect(result.status, result.stderr).toBe(0);
        const code = fs.readFileSync(out, 'utf8');
        expect(code).not.toMatch(/^import os/m);
        expect(code).not.toMatch(/^\s*class class\b/m);
        const printed = python(out);
        expect(printed.status, printed.stderr).toBe(0);
        expect(printed.stdout).not.toContain('pwned');
        // `NETWORKS: conv 2 1x1` on 4×4×2 is 1·1·2·2 + 2; the block's `conv 3 1x1` then 1·1·2·3 + 3.
        expect(printed.stdout).toContain(`Net_class: ${1 * 1 * 2 * 2 + 2 + (1 * 1 * 2 * 3 + 3)} parameters`);
        expect(printed.stdout).toContain('Net_print_shapes: 0 parameters');
        expect(printed.stdout).toContain('Net_None: 0 parameters');
    });
});
