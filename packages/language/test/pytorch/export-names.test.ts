import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { exportPyTorch } from '../../src/export/pytorch-export.js';
import { NN_MODULE_ATTRIBUTES, PYTHON_BUILTINS, isReservedPythonName, pythonIdentifier } from '../../src/export/python-names.js';
import { RUNTIME_NAMES } from '../../src/export/pytorch-runtime.js';
import { validate } from '../helpers.js';

/**
 * Issue #10: names from a `.conv` file that are Python builtins, keywords,
 * names the generated module defines or `nn.Module` attributes broke the
 * exported module (`network print` hid the builtin `print_shapes` calls,
 * `network super` recursed in `super().__init__()`). One file holds a network,
 * a label and a block named after each such name that convspec accepts in
 * that place; it is exported and run in real PyTorch, in one process: the
 * module as a script (`print_shapes` for every network), then each network on
 * a random input of its declared size, its output shape checked against
 * convspec's.
 */
const PYTHON = '/usr/bin/python3';
const temps: string[] = [];
afterAll(() => temps.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

/** The names of the issue, as networks and as labels. */
const ISSUE_NETWORKS = ['print', 'sum', 'sorted', 'hasattr', '_tag', 'super'];
const ISSUE_LABELS = ['training', 'forward', 'eval', 'cuda', 'to', 'parameters', '_modules', 'add_module'];
/** More: keywords, names of the runtime's code, a name the renaming produces, a dunder name. */
const MORE = ['None', 'True', 'for', 'class', 'lambda', 'match', 'case', 'type', 'self', 'x', 'saved', 'label', 'module'];
const MORE_NAMES = ['Net_print', 'Net_sum_', '__init__', '__class__', '__name__', 'NETWORKS', 'F', 'math', 'torch', 'nn'];

const CANDIDATES = [
    ...new Set([...ISSUE_NETWORKS, ...ISSUE_LABELS, ...MORE, ...MORE_NAMES, ...PYTHON_BUILTINS, ...NN_MODULE_ATTRIBUTES, ...RUNTIME_NAMES])
];

function python(args: string[], input?: string) {
    return spawnSync(PYTHON, args, { encoding: 'utf8', input, maxBuffer: 1 << 26 });
}

/** True when `text` has no error: the name is one convspec accepts in the place the probe puts it. */
async function accepted(text: string): Promise<boolean> {
    const result = await validate(text);
    return result.diagnostics.every(d => d.severity !== 1);
}

const probes = {
    network: (n: string) => `network ${n} {\n  input 8x8x3\n  relu\n}\n`,
    label: (n: string) => `network P {\n  input 8x8x3\n  ${n}: conv 4 3x3 pad 1\n  add ${n}\n}\n`,
    block: (n: string) => `block ${n}() { relu }\nnetwork P {\n  input 8x8x3\n  ${n}()\n}\n`
};

/** Runs the module as `__main__`, then every network on a random input; JSON on stdout. */
const RUNNER = `
import contextlib, io, json, runpy, sys
import torch

printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    scope = runpy.run_path(sys.argv[1], run_name="__main__")
torch.manual_seed(0)
networks = []
for name, cls in scope["NETWORKS"].items():
    model = cls().eval()
    c, h, w = model.input_shape
    with torch.no_grad():
        y = model(torch.rand(2, c, h, w))
    networks.append({"name": name, "cls": cls.__name__, "input": [c, h, w], "output": list(y.shape)})
names = sorted(k for k in scope if not k.startswith("__"))
print(json.dumps({"printed": printed.getvalue(), "networks": networks, "globals": names}))
`;

describe('exported names that clash with Python or PyTorch', () => {
    test('the hard-coded lists still cover dir(builtins), keywords and dir(nn.Module()) of this Python and torch', () => {
        const run = python([
            '-c',
            'import builtins, json, keyword, torch\n' +
                'print(json.dumps({"builtins": dir(builtins), "keywords": keyword.kwlist + keyword.softkwlist,\n' +
                '  "module": sorted(set(dir(torch.nn.Module())) | set(dir(torch.nn.Module)))}))'
        ]);
        expect(run.status, run.stderr).toBe(0);
        const facts = JSON.parse(run.stdout) as { builtins: string[]; keywords: string[]; module: string[] };
        const plain = (names: string[]) => names.filter(n => !n.startsWith('__'));
        expect(plain(facts.builtins).filter(n => !PYTHON_BUILTINS.includes(n))).toEqual([]);
        expect(plain(facts.module).filter(n => !NN_MODULE_ATTRIBUTES.includes(n))).toEqual([]);
        const all = [...facts.builtins, ...facts.keywords, ...facts.module];
        expect(all.filter(n => !isReservedPythonName(n) || pythonIdentifier(n, 'Net') === n)).toEqual([]);
        expect(facts.module.length).toBeGreaterThan(60);
    });

    test('networks, labels and blocks with each name export to a module that runs in PyTorch', async () => {
        const usable = { network: [] as string[], label: [] as string[], block: [] as string[] };
        for (const name of CANDIDATES) {
            for (const role of ['network', 'label', 'block'] as const) if (await accepted(probes[role](name))) usable[role].push(name);
        }
        // Every name of the issue is one convspec accepts, so none is left out of the file below.
        expect(ISSUE_NETWORKS.filter(n => !usable.network.includes(n))).toEqual([]);
        expect(ISSUE_LABELS.filter(n => !usable.label.includes(n))).toEqual([]);
        expect(usable.network.length).toBeGreaterThan(200);

        const parts: string[] = [];
        // A network per name, each on its own input size: a conv takes 2 off W and H.
        usable.network.forEach((n, i) => parts.push(`network ${n} {\n  input ${6 + (i % 5)}x${5 + (i % 3)}x3\n  conv 4 3x3\n}`));
        // Labels in groups of four, every one read by `add`, `route`, `concat with` or `multiply`.
        const labels: string[] = [];
        for (let i = 0; i < usable.label.length; i += 4) {
            const [a, b = a, c = b, d = c] = usable.label.slice(i, i + 4);
            labels.push(
                `${a}: conv 4 3x3 pad 1`,
                ...(b !== a ? [`${b}: add ${a}`] : []),
                ...(c !== b ? [`${c}: route ${a}, ${b}`, 'conv 4 1x1'] : []),
                `concat with ${c}, ${a}`,
                ...(d !== c ? [`${d}: conv 4 1x1`, `multiply ${d}`] : ['conv 4 1x1']),
                'route ' + [a, b, c, d].filter((v, k, all) => all.indexOf(v) === k).join(', ')
            );
        }
        parts.push(`network Labels {\n  input 9x7x3\n${labels.map(l => `  ${l}`).join('\n')}\n  conv 5 3x3\n}`);
        // Blocks named after each name, called in turn.
        usable.block.forEach(n => parts.push(`block ${n}(k) { conv k 3x3 pad 1\n  relu }`));
        parts.push(`network Blocks {\n  input 7x9x2\n${usable.block.map((n, i) => `  ${n}(${2 + (i % 3)})`).join('\n')}\n}`);

        const result = await validate(parts.join('\n\n') + '\n');
        expect(
            result.diagnostics.filter(d => d.severity === 1).map(d => `${d.range.start.line + 1}: ${d.message}`),
            'the file is valid'
        ).toEqual([]);
        const code = exportPyTorch(result.analysis, { source: 'export-names', version: 'test' });
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convspec-names-'));
        temps.push(dir);
        const file = path.join(dir, 'names.py');
        fs.writeFileSync(file, code);

        const run = python(['-', file], RUNNER);
        expect(run.status, run.stderr.slice(-3000)).toBe(0);
        const torch = JSON.parse(run.stdout) as {
            printed: string;
            networks: { name: string; cls: string; input: number[]; output: number[] }[];
            globals: string[];
        };
        // NETWORKS is in the file's order, keyed by class name.
        const networks = result.analysis.networks;
        expect(torch.networks).toHaveLength(networks.length);
        networks.forEach((network, k) => {
            const ran = torch.networks[k];
            const { w, h, d } = network.input!;
            const out = network.output!;
            expect(ran.name, network.name).toBe(ran.cls);
            expect(ran.input, network.name).toEqual([d, h, w]);
            expect(ran.output, network.name).toEqual([2, out.d, out.h, out.w]);
            // The script printed every network.
            expect(`\n${torch.printed}`).toContain(`\n${ran.cls}: ${network.params.toLocaleString('en-US')} parameters\n`);
        });
        const classOf = (name: string) => torch.networks[networks.findIndex(n => n.name === name)]?.cls;
        // The issue's names were renamed, and the renamed classes do not collide.
        expect(ISSUE_NETWORKS.map(classOf)).toEqual(['Net_print', 'Net_sum', 'Net_sorted', 'Net_hasattr', 'Net__tag', 'Net_super']);
        const classes = new Set(torch.networks.map(n => n.cls));
        expect(classes.size).toBe(networks.length);
        // Every module-level name is a network class or one the exporter keeps `.conv` names away from.
        expect(torch.globals.filter(g => !classes.has(g) && !isReservedPythonName(g))).toEqual([]);
    }, 180_000);
});
