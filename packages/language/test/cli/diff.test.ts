import { describe, expect, test } from 'vitest';
import { cli, expectNoStackTrace, lineOf, readExample, tempTreesOfThisFile } from './cli-harness.js';

interface Side {
    line: number;
    op: string;
    label: string | null;
    input: number[] | null;
    output: number[] | null;
    params: number | null;
    macs: number | null;
    text: string;
}
interface Row {
    kind: string;
    depth: number;
    structure: boolean;
    a: Side | null;
    b: Side | null;
    params: number | null;
    macs: number | null;
    differences: string[];
}
interface Total {
    a: number | null;
    b: number | null;
    delta: number | null;
    percent: number | null;
}
interface Report {
    a: { file: string; name: string; input: number[] | null; output: number[] | null };
    b: { file: string; name: string; input: number[] | null; output: number[] | null };
    rows: Row[];
    params: Total;
    macs: Total;
    diagnostics: { file: string; line: number; severity: string; code: string }[];
}
interface SummaryLayer {
    line: number;
    input: number[] | null;
    output: number[] | null;
    params: number | null;
    macs: number | null;
}
interface Summary {
    networks: { name: string; params: number; macs: number; output: number[]; layers: SummaryLayer[] }[];
}

const tempTree = tempTreesOfThisFile();
const SEED = ['diff', 'examples/inception.conv#Naive', 'examples/inception.conv#Reduced'];
const inception = readExample('inception.conv');

// The seed article's arithmetic, biases not counted.
const NAIVE = 1 * 1 * 192 * 64 + 3 * 3 * 192 * 128 + 5 * 5 * 192 * 32; // 387,072
const REDUCED = 1 * 1 * 192 * 64 + 1 * 1 * 192 * 96 + 1 * 1 * 192 * 16 + 3 * 3 * 96 * 128 + 5 * 5 * 16 * 32 + 1 * 1 * 192 * 32; // 163,328
const grouped = (n: number) => n.toLocaleString('en-US');

describe("the seed's comparison: diff examples/inception.conv#Naive examples/inception.conv#Reduced", () => {
    test('the table: totals with Δ and %, the output volumes, added and changed rows marked', async () => {
        const { status, stdout, stderr } = await cli(SEED);
        expect(stderr).toBe('');
        expect(status).toBe(0);
        expect([NAIVE, REDUCED, NAIVE - REDUCED]).toEqual([387_072, 163_328, 223_744]);
        // −223,744 / 387,072 = −0.57804…: the issue's −57.8%.
        expect((((REDUCED - NAIVE) / NAIVE) * 100).toFixed(1)).toBe('-57.8');
        expect(stdout).toContain(`Total params: ${grouped(NAIVE)} → ${grouped(REDUCED)} (−${grouped(NAIVE - REDUCED)}, −57.8%)`);
        expect(stdout).toContain(`Output: 28×28×${64 + 128 + 32 + 192} → 28×28×${64 + 128 + 32 + 32}`);
        expect(stdout).toContain('Input: 28×28×192\n');
        const row = (name: string) => {
            const found = stdout.split('\n').filter(l => l.includes(name));
            expect(found, name).toHaveLength(1);
            return found[0];
        };
        for (const added of ['reduce3x3: conv 96 1x1', 'reduce5x5: conv 16 1x1', 'poolproj: conv 32 1x1']) {
            expect(row(added)).toMatch(/^\+ {5}/);
        }
        const conv3 = row('conv 128 3x3 pad 1');
        expect(conv3).toMatch(/^~ {5}/);
        expect(conv3).toContain(`${grouped(3 * 3 * 192 * 128)} → ${grouped(3 * 3 * 96 * 128)}`); // 221,184 → 110,592
        expect(conv3).toContain(`−${grouped(3 * 3 * 192 * 128 - 3 * 3 * 96 * 128)}`);
        expect(conv3).toContain('28×28×192 → 28×28×96');
        const conv5 = row('conv 32 5x5 pad 2');
        expect(conv5).toMatch(/^~ {5}/);
        expect(conv5).toContain(`${grouped(5 * 5 * 192 * 32)} → ${grouped(5 * 5 * 16 * 32)}`); // 153,600 → 12,800
        expect(row('conv 64 1x1')).toMatch(/^ {6}conv 64 1x1/);
        expect(row('naive: concat → reduced: concat')).toMatch(/^~ /);
        // Line numbers of both sides: Naive's 3×3 branch → Reduced's.
        const naive3 = lineOf(inception, 'branch { conv 128 3x3 pad 1 }');
        const reduced3 = lineOf(inception, '      conv 128 3x3 pad 1');
        expect(conv3).toContain(`${naive3} → ${reduced3}`);
    });

    test('the JSON, checked against summary --format json of each network', async () => {
        const { status, stdout } = await cli([...SEED, '--format', 'json']);
        expect(status).toBe(0);
        const report = JSON.parse(stdout) as Report;
        expect(report.a).toEqual({ file: 'examples/inception.conv', name: 'Naive', input: [28, 28, 192], output: [28, 28, 416] });
        expect(report.b).toEqual({ file: 'examples/inception.conv', name: 'Reduced', input: [28, 28, 192], output: [28, 28, 256] });
        expect(report.params).toEqual({ a: NAIVE, b: REDUCED, delta: REDUCED - NAIVE, percent: ((REDUCED - NAIVE) / NAIVE) * 100 });
        expect(report.diagnostics).toEqual([]);
        const leaves = report.rows.filter(r => !r.structure);
        expect(leaves.map(r => `${r.kind} ${(r.b ?? r.a)!.label ?? (r.b ?? r.a)!.text}`)).toEqual([
            'same conv 64 1x1',
            'added reduce3x3',
            'changed conv 128 3x3 pad 1',
            'added reduce5x5',
            'changed conv 32 5x5 pad 2',
            'same maxpool 3x3 stride 1 pad 1',
            'added poolproj'
        ]);
        expect(leaves.find(r => r.b?.label === 'reduce3x3')!.params).toBe(1 * 1 * 192 * 96);

        const summary = JSON.parse((await cli(['summary', 'examples/inception.conv', '--format', 'json'])).stdout) as Summary;
        const [naive, reduced] = ['Naive', 'Reduced'].map(name => summary.networks.find(n => n.name === name)!);
        expect([report.params.a, report.params.b, report.macs.a, report.macs.b]).toEqual([
            naive.params,
            reduced.params,
            naive.macs,
            reduced.macs
        ]);
        expect([report.a.output, report.b.output]).toEqual([naive.output, reduced.output]);
        // Every leaf side is the summary's layer on that line, number for number.
        const pick = (l: Side | SummaryLayer) => [l.line, l.input, l.output, l.params, l.macs];
        expect(leaves.flatMap(r => (r.a ? [pick(r.a)] : []))).toEqual(naive.layers.map(pick));
        expect(leaves.flatMap(r => (r.b ? [pick(r.b)] : []))).toEqual(reduced.layers.map(pick));
        // A structure row's numbers are the sum of its leaves'.
        const concat = report.rows[0];
        expect([concat.a!.params, concat.b!.params]).toEqual([NAIVE, REDUCED]);
    });
});

describe('output formats', () => {
    test('Markdown escapes what comes from the file: labels, expressions and the file name', async () => {
        const text = `network A {\n  input 8x8x4\n  __init__: conv 8*2 3x3 pad 1\n}\nnetwork B {\n  input 8x8x4\n  __init__: conv 8*3 3x3 pad 1\n}\n`;
        const dir = tempTree({ 'x|y<img>.conv': text });
        const { status, stdout } = await cli(['diff', 'x|y<img>.conv#A', 'x|y<img>.conv#B', '--format', 'markdown'], { cwd: dir });
        expect(status).toBe(0);
        expect(stdout).toContain('A: x\\|y\\<img\\>.conv\\#A');
        expect(stdout).toContain('| changed | \\_\\_init\\_\\_: conv 8\\*2 3x3 pad 1 → \\_\\_init\\_\\_: conv 8\\*3 3x3 pad 1 |');
        expect(stdout).not.toContain('<img>');
        expect(stdout).not.toMatch(/[^\\]__init/);
        // Every table row has the header's column count: no cell broke out on a `|`.
        const tableRows = stdout.split('\n').filter(l => l.startsWith('|'));
        const columns = (l: string) => l.replace(/\\\|/g, '').split('|').length;
        expect(new Set(tableRows.map(columns))).toEqual(new Set([columns(tableRows[0])]));
        const params = (k: number) => 3 * 3 * 4 * k + k;
        expect(stdout).toContain(
            `- **Total params:** ${grouped(params(16))} → ${grouped(params(24))} (+${grouped(params(24) - params(16))}, +50.0%)`
        );
    });

    test('--network names the network on sides without #; a # in a file name stays part of it', async () => {
        const one = (k: number) => `network Stem {\n  input 8x8x3\n  conv ${k} 1x1\n}\nnetwork Other {\n  input 4x4x3\n}\n`;
        const dir = tempTree({ 'v1.conv': one(8), 'v2#draft.conv': one(16) });
        const { status, stdout } = await cli(['diff', 'v1.conv', 'v2#draft.conv', '--network', 'Stem', '--format', 'json'], { cwd: dir });
        expect(status).toBe(0);
        const report = JSON.parse(stdout) as Report;
        expect([report.a.file, report.b.file, report.a.name, report.b.name]).toEqual(['v1.conv', 'v2#draft.conv', 'Stem', 'Stem']);
        expect(report.params.delta).toBe(3 * 16 + 16 - (3 * 8 + 8));
        // FILE#Network on one side wins over --network for that side.
        const mixed = JSON.parse(
            (await cli(['diff', 'v1.conv#Other', 'v1.conv', '--network', 'Stem', '--format', 'json'], { cwd: dir })).stdout
        );
        expect([mixed.a.name, mixed.b.name]).toEqual(['Other', 'Stem']);
    });

    test('errors in either file: the diff is printed, the errors go to stderr, exit 1', async () => {
        const dir = tempTree({
            'good.conv': 'network N {\n  input 10x10x3\n  conv 8 3x3\n}\n',
            'bad.conv': 'network N {\n  input 10x10x3\n  conv 8 3x3 stride 2\n}\n'
        });
        const { status, stdout, stderr } = await cli(['diff', 'good.conv', 'bad.conv'], { cwd: dir });
        expect(status).toBe(1);
        expect(stdout).toContain('A: good.conv#N');
        // (10 − 3)/2 + 1 = 4.5: not an integer under strict rounding.
        expect(stderr).toMatch(/^bad\.conv:3:\d+: error non-integer-output /);
        expectNoStackTrace(stderr);
    });
});

describe('usage errors: one line, exit 2', () => {
    const cases: [string, string[], RegExp][] = [
        [
            'a missing file',
            ['diff', 'examples/missing.conv', 'examples/inception.conv#Naive'],
            /^convspec: cannot read examples\/missing\.conv: no such file/
        ],
        [
            'an unknown network',
            ['diff', 'examples/inception.conv#Nope', 'examples/inception.conv#Naive'],
            /no network Nope in examples\/inception\.conv \(networks: Naive, Reduced\)/
        ],
        [
            'a file with several networks and no #Network',
            ['diff', 'examples/inception.conv', 'examples/inception.conv#Naive'],
            /examples\/inception\.conv has 2 networks \(Naive, Reduced\): name one as examples\/inception\.conv#Naive/
        ],
        ['an empty network name', ['diff', 'examples/inception.conv#', 'examples/inception.conv#Naive'], /name a network after the #/],
        ['one side only', ['diff', 'examples/inception.conv#Naive'], /diff takes two networks/],
        ['a folder', ['diff', 'examples', 'examples/inception.conv#Naive'], /not a folder/],
        ['an unknown format', [...SEED, '--format', 'csv'], /--format must be one of table, json, markdown/]
    ];
    test.each(cases)('%s', async (_, args, message) => {
        const { status, stdout, stderr } = await cli(args);
        expect(status).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toMatch(message);
        expect(stderr.trimEnd().split('\n')).toHaveLength(1);
        expectNoStackTrace(stderr);
    });

    test('a network a syntax error left without a name is not offered', async () => {
        const dir = tempTree({ 'h.conv': 'network A {\n  input 8x8x1\n}\nnetwork B {\n  input 8x8x1\n}\nnetwork {\n' });
        const unknown = await cli(['diff', 'h.conv#Nope', 'h.conv#A'], { cwd: dir });
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toMatch(/no network Nope in h\.conv \(networks: A, B\)\n$/);
        const ambiguous = await cli(['diff', 'h.conv', 'h.conv#A'], { cwd: dir });
        expect(ambiguous.status).toBe(2);
        expect(ambiguous.stderr).toMatch(/h\.conv has 3 networks \(A, B\): name one as h\.conv#A or with --network\n$/);
    });

    test('--help prints the usage', async () => {
        const { status, stdout } = await cli(['diff', '--help']);
        expect(status).toBe(0);
        expect(stdout).toMatch(/^Usage: convspec diff A B/);
    });
});
