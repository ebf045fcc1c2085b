import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { diffNetworks, type DiffRow, type NetworkDiff } from '../../src/compare/network-diff.js';
import { validate } from '../helpers.js';

/** Network A and network B of one text, compared. */
async function diffOf(text: string, a = 'A', b = 'B'): Promise<NetworkDiff> {
    const { analysis, codes } = await validate(text);
    expect(codes.filter(c => c !== 'unused-label')).toEqual([]);
    const find = (name: string) => analysis.networks.find(n => n.name === name)!;
    return diffNetworks(find(a), find(b));
}

/** Two networks on the same input, bodies given as lines. */
const pair = (input: string, a: string, b: string, before = '') =>
    `${before}network A {\n  input ${input}\n${a}\n}\nnetwork B {\n  input ${input}\n${b}\n}\n`;

/** `kind name` per row, names as the table shows them (label: text), indented by depth. */
const outline = (d: NetworkDiff) =>
    d.rows.map(
        r => `${r.kind} ${'  '.repeat(r.depth)}${[r.a, r.b].map(s => (s ? `${s.label ? `${s.label}: ` : ''}${s.text}` : '·')).join(' | ')}`
    );

const only = (rows: readonly DiffRow[], test: (r: DiffRow) => boolean) => {
    const found = rows.filter(test);
    expect(found).toHaveLength(1);
    return found[0];
};

describe("the seed's comparison, examples/inception.conv", () => {
    const text = readFileSync(fileURLToPath(new URL('../../../../examples/inception.conv', import.meta.url)), 'utf8');

    test('Naive → Reduced: renamed concat paired, reductions and projection added, 3×3 and 5×5 changed', async () => {
        const d = await diffOf(text, 'Naive', 'Reduced');
        expect(outline(d)).toEqual([
            'changed naive: concat | reduced: concat',
            'same   branch 1 | branch 1',
            'same     conv 64 1x1 | conv 64 1x1',
            'changed   branch 2 | branch 2',
            'added     · | reduce3x3: conv 96 1x1',
            'changed     conv 128 3x3 pad 1 | conv 128 3x3 pad 1',
            'changed   branch 3 | branch 3',
            'added     · | reduce5x5: conv 16 1x1',
            'changed     conv 32 5x5 pad 2 | conv 32 5x5 pad 2',
            'changed   branch 4 | branch 4',
            'same     maxpool 3x3 stride 1 pad 1 | maxpool 3x3 stride 1 pad 1',
            'added     · | poolproj: conv 32 1x1'
        ]);
        const conv3 = only(d.rows, r => r.a?.text === 'conv 128 3x3 pad 1');
        // The filter is 3·3·D1: the 1×1 reduction to 96 channels halves it.
        expect([conv3.a!.params, conv3.b!.params, conv3.params]).toEqual([
            3 * 3 * 192 * 128,
            3 * 3 * 96 * 128,
            3 * 3 * 96 * 128 - 3 * 3 * 192 * 128
        ]);
        expect([conv3.a!.input, conv3.b!.input]).toEqual([
            [28, 28, 192],
            [28, 28, 96]
        ]);
        expect(conv3.differences).toEqual(['input', 'params', 'macs']);
        // MACs of a conv: W2·H2·Fw·Fh·D1·K.
        expect(conv3.macs).toBe(28 * 28 * 3 * 3 * 96 * 128 - 28 * 28 * 3 * 3 * 192 * 128);
        const conv5 = only(d.rows, r => r.a?.text === 'conv 32 5x5 pad 2');
        expect([conv5.a!.params, conv5.b!.params]).toEqual([5 * 5 * 192 * 32, 5 * 5 * 16 * 32]);
        expect(only(d.rows, r => r.b?.label === 'poolproj').params).toBe(1 * 1 * 192 * 32);
        const naive = 1 * 1 * 192 * 64 + 3 * 3 * 192 * 128 + 5 * 5 * 192 * 32;
        const reduced = 1 * 1 * 192 * 64 + 1 * 1 * 192 * 96 + 1 * 1 * 192 * 16 + 3 * 3 * 96 * 128 + 5 * 5 * 16 * 32 + 1 * 1 * 192 * 32;
        expect(d.params).toEqual({ a: naive, b: reduced, delta: reduced - naive, percent: ((reduced - naive) / naive) * 100 });
        expect([d.a.output, d.b.output]).toEqual([
            [28, 28, 64 + 128 + 32 + 192],
            [28, 28, 64 + 128 + 32 + 32]
        ]);
        // The concat's row carries the subtotals.
        expect(d.rows[0].params).toBe(reduced - naive);
    });

    test('Reduced → Naive is the mirror image: the added rows become removed ones', async () => {
        const d = await diffOf(text, 'Reduced', 'Naive');
        expect(d.rows.filter(r => r.kind === 'removed').map(r => r.a!.label)).toEqual(['reduce3x3', 'reduce5x5', 'poolproj']);
        expect(d.rows.filter(r => r.kind === 'added')).toEqual([]);
    });
});

describe('alignment', () => {
    test('a label beats position: swapped labelled layers pair with themselves', async () => {
        const d = await diffOf(
            pair('8x8x32', '  wide: conv 32 3x3 pad 1\n  narrow: conv 32 1x1', '  narrow: conv 32 1x1\n  wide: conv 32 3x3 pad 1')
        );
        // By position the 3×3 would meet the 1×1 (params 3·3·32·32 + 32 against 32·32 + 32): two changes.
        expect(outline(d)).toEqual([
            'same narrow: conv 32 1x1 | narrow: conv 32 1x1',
            'same wide: conv 32 3x3 pad 1 | wide: conv 32 3x3 pad 1'
        ]);
        expect(d.params.delta).toBe(0);
    });

    test('an inserted relu is one added row; the layers after it still pair (LCS, as diff does)', async () => {
        const d = await diffOf(
            pair(
                '8x8x3',
                '  conv 16 3x3 pad 1\n  bn\n  conv 16 3x3 pad 1\n  bn',
                '  conv 16 3x3 pad 1\n  bn\n  relu\n  conv 16 3x3 pad 1\n  bn'
            )
        );
        expect(d.rows.map(r => r.kind)).toEqual(['same', 'same', 'added', 'same', 'same']);
        expect(d.rows[2].b!.op).toBe('relu');
        expect(d.rows[2].params).toBe(0);
    });

    test('a deleted layer is a removed row, counted from A to nothing', async () => {
        const d = await diffOf(pair('8x8x3', '  conv 16 3x3 pad 1\n  conv 16 1x1\n  relu', '  conv 16 3x3 pad 1\n  relu'));
        expect(d.rows.map(r => r.kind)).toEqual(['same', 'removed', 'same']);
        expect(d.rows[1].b).toBeNull();
        expect(d.rows[1].params).toBe(-(1 * 1 * 16 * 16 + 16));
        expect(d.params.delta).toBe(-(1 * 1 * 16 * 16 + 16));
    });

    test('an unlabelled layer next to a new labelled one pairs with its unlabelled twin', async () => {
        const d = await diffOf(pair('8x8x64', '  conv 64 3x3 pad 1', '  squeeze: conv 16 1x1\n  conv 64 3x3 pad 1'));
        expect(outline(d)).toEqual(['added · | squeeze: conv 16 1x1', 'changed conv 64 3x3 pad 1 | conv 64 3x3 pad 1']);
    });

    test('a labelled layer whose operation changed stays one changed row', async () => {
        const d = await diffOf(pair('8x8x4', '  pool: maxpool 2x2', '  pool: avgpool 2x2'));
        expect(outline(d)).toEqual(['changed pool: maxpool 2x2 | pool: avgpool 2x2']);
        expect(d.rows[0].differences).toEqual(['op', 'settings']);
    });

    test('a structure that changed kind is removed and added, by label or without one', async () => {
        const concat = 's: concat {\n    branch { conv 4 1x1 }\n    branch { }\n  }';
        const residual = 's: residual {\n    conv 4 1x1\n  }';
        const labelled = await diffOf(pair('8x8x4', `  ${concat}`, `  ${residual}`));
        expect(outline(labelled)).toEqual([
            'removed s: concat | ·',
            'removed   branch 1 | ·',
            'removed     conv 4 1x1 | ·',
            'removed   branch 2 | ·',
            'added · | s: residual',
            'added   · | body',
            'added     · | conv 4 1x1',
            'added   · | shortcut (identity)'
        ]);
        const unlabelled = await diffOf(pair('8x8x4', `  ${concat.slice(3)}`, `  ${residual.slice(3)}`));
        expect(unlabelled.rows.map(r => `${r.kind} ${r.depth} ${(r.a ?? r.b)!.op}`)).toEqual([
            'removed 0 concat',
            'removed 1 branch',
            'removed 2 conv',
            'removed 1 branch',
            'added 0 residual',
            'added 1 body',
            'added 2 conv',
            'added 1 shortcut'
        ]);
    });

    test('repeat iterations pair in order; the extra one is added with its rows', async () => {
        const d = await diffOf(pair('8x8x4', '  repeat 2 {\n    conv 4 3x3 pad 1\n  }', '  repeat 3 {\n    conv 4 3x3 pad 1\n  }'));
        const perConv = 3 * 3 * 4 * 4 + 4;
        expect(outline(d)).toEqual([
            'changed repeat 2 | repeat 3',
            'same   iteration 1 | iteration 1',
            'same     conv 4 3x3 pad 1 | conv 4 3x3 pad 1',
            'same   iteration 2 | iteration 2',
            'same     conv 4 3x3 pad 1 | conv 4 3x3 pad 1',
            'added   · | iteration 3',
            'added     · | conv 4 3x3 pad 1'
        ]);
        expect(d.rows[0].differences).toEqual(['params', 'macs', 'settings', 'contents']);
        expect(d.params).toEqual({ a: 2 * perConv, b: 3 * perConv, delta: perConv, percent: 50 });
    });

    test('a block call with new arguments is changed; its body rows are aligned under it', async () => {
        const block = 'block unit(c) {\n  conv c 3x3 pad 1\n  relu\n}\n';
        const d = await diffOf(pair('8x8x4', '  unit(8)', '  unit(16)', block));
        expect(outline(d)).toEqual([
            'changed unit(8) | unit(16)',
            'changed   conv c 3x3 pad 1 | conv c 3x3 pad 1',
            'changed   relu | relu'
        ]);
        // The relu's own settings are equal; its volume (the conv's K) is what changed.
        expect(d.rows[2].differences).toEqual(['input', 'output']);
        expect(d.rows[0].differences).toContain('settings');
        expect(d.rows[1].params).toBe(3 * 3 * 4 * 16 + 16 - (3 * 3 * 4 * 8 + 8));
    });

    test('identical networks: every row same, Δ 0 and 0%', async () => {
        const body =
            '  c1: conv 8 3x3 pad 1\n  concat {\n    branch { conv 4 1x1 }\n    branch { maxpool 3x3 stride 1 pad 1 }\n  }\n  globalavgpool\n  fc 10';
        const d = await diffOf(pair('16x16x3', body, body));
        expect(d.rows.every(r => r.kind === 'same' && r.differences.length === 0)).toBe(true);
        expect(d.params.delta).toBe(0);
        expect(d.params.percent).toBe(0);
    });
});

describe('row text', () => {
    test('comments and line breaks inside a statement fall away; the label is not part of the text', async () => {
        const d = await diffOf(pair('8x8x3', '  c: conv /* wide */ 8\n     3x3   pad 1', '  c: conv 8 3x3 pad 1'));
        expect(outline(d)).toEqual(['same c: conv 8 3x3 pad 1 | c: conv 8 3x3 pad 1']);
    });
});
