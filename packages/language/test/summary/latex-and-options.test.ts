/**
 * `summary --format latex` checked without TeX (balanced environments, one
 * cell per column in every row, specials escaped), and the usage errors of
 * `summary`'s 0.2 options.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, expectNoStackTrace, removeTree, tempTree } from '../cli/cli-harness.js';

// A label and network name with `_`, a file name with every LaTeX special.
const ODD_FILE = 'a_b%c#d&e$f~g^h{i}j\\k.conv';
const TEXT = `block se_gate(c) {
  multiply { globalavgpool; conv c/4 1x1; relu; conv c 1x1; sigmoid }
}
network My_Net {
  input 16x16x8
  stem_1: conv 16 3x3 pad 1
  concat { branch { conv 8 1x1 } branch { } }
  residual { conv 24 3x3 pad 1 }
  se_gate(24)
  repeat 2 { conv 24 1x1 }
}
`;

let dir: string;
beforeAll(() => {
    dir = tempTree({ [ODD_FILE]: TEXT });
});
afterAll(() => removeTree(dir));

/** What is left of a line once every escape this format writes is removed. */
const unescaped = (line: string) =>
    line
        .replace(/\\(textbackslash|textasciitilde|textasciicircum)\{\}/g, '')
        .replace(/\\[_%#&${}]/g, '')
        .replace(/\$\\times\$/g, '');

describe('summary --format latex', () => {
    let latex: string;
    beforeAll(async () => {
        const r = await cli(['summary', ODD_FILE, '--format', 'latex', '--columns', 'output,params,percent,macs,flops'], { cwd: dir });
        expect(r.status).toBe(0);
        latex = r.stdout;
    });
    const lines = () => latex.split('\n');

    test('a booktabs table: balanced environments, rules in order', () => {
        for (const env of ['table', 'tabular']) {
            expect(latex.match(new RegExp(`\\\\begin\\{${env}\\}`, 'g'))).toHaveLength(1);
            expect(latex.match(new RegExp(`\\\\end\\{${env}\\}`, 'g'))).toHaveLength(1);
        }
        const order = [
            '\\begin{table}',
            '\\begin{tabular}',
            '\\toprule',
            '\\midrule',
            '\\bottomrule',
            '\\end{tabular}',
            '\\end{table}'
        ].map(m => latex.indexOf(m));
        expect(order.every(i => i >= 0)).toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(order);
    });

    test('every row has as many cells as the column specification', () => {
        const spec = /\\begin\{tabular\}\{([lr]+)\}/.exec(latex)![1];
        // Layer plus the five columns asked for.
        expect(spec).toBe('l' + 'r'.repeat(5));
        const start = lines().findIndex(l => l === '\\toprule');
        const end = lines().findIndex(l => l === '\\bottomrule');
        const rows = lines()
            .slice(start + 1, end)
            .filter(l => !l.startsWith('\\midrule'));
        // header, stem, concat + branch 1 + conv, residual + body + conv, se_gate + multiply + 5 layers,
        // repeat + 2 × (iteration + conv), total
        expect(rows).toHaveLength(1 + 1 + 3 + 3 + 7 + 5 + 1);
        for (const row of rows) {
            expect(row.endsWith(' \\\\'), row).toBe(true);
            // An escaped `\&` is text; only bare `&` separate cells.
            expect(unescaped(row).split('&').length, row).toBe(spec.length);
        }
        // Braces balance on every line (only the escaped `\{` `\}` are text).
        for (const line of lines()) {
            const text = unescaped(line);
            expect(text.split('{').length, line).toBe(text.split('}').length);
        }
    });

    test('names from the file are escaped: no bare special character is left', () => {
        const caption = lines().find(l => l.startsWith('\\caption{'))!;
        expect(caption).toContain('My\\_Net');
        expect(caption).toContain('a\\_b\\%c\\#d\\&e\\$f\\textasciitilde{}g\\textasciicircum{}h\\{i\\}j\\textbackslash{}k.conv');
        expect(latex).toContain('stem\\_1: conv');
        expect(latex).toContain('\\textbf{se\\_gate(24)}');
        const inner = unescaped(caption.slice('\\caption{'.length, -1));
        expect(inner).not.toMatch(/[\\{}_%#&$~^]/);
    });

    test('the totals row carries the totals; percent of the stem is its share', () => {
        // stem: 3·3·8·16 + 16 = 1,168; the rest: 16·8 + 8 (branch; with the identity branch the concat is
        // 8 + 16 = 24 deep), 3·3·24·24 + 24 (residual), 24·6 + 6 + 6·24 + 24 (gate), 2 × (24·24 + 24) (repeat).
        const stem = 3 * 3 * 8 * 16 + 16;
        const total = stem + (16 * 8 + 8) + (3 * 3 * 24 * 24 + 24) + (24 * 6 + 6 + 6 * 24 + 24) + 2 * (24 * 24 + 24);
        const totalRow = lines().find(l => l.startsWith('Total &'))!;
        expect(totalRow.split(' & ')[2]).toBe(total.toLocaleString('en-US'));
        const stemRow = lines().find(l => l.startsWith('stem\\_1'))!;
        expect(stemRow.split(' & ')[3]).toBe(`${((100 * stem) / total).toFixed(2)}\\%`);
    });
});

describe('summary options: one-line usage errors, exit 2', () => {
    test.each([
        [['--depth', '0'], /--depth takes a whole number ≥ 1/],
        [['--depth', 'two'], /--depth takes a whole number ≥ 1/],
        [['--batch', '-3'], /--batch/],
        [['--batch', '1.5'], /--batch takes a whole number ≥ 1/],
        [['--dtype', 'float64'], /--dtype must be one of float32, float16, bfloat16, int8/],
        [['--columns', 'params,weights'], /--columns .*"weights"/],
        [['--columns', ''], /--columns takes a comma-separated list/],
        [['--format', 'json', '--depth', '2'], /--depth shapes the table/],
        [['--format', 'csv', '--columns', 'params'], /--columns shapes the table/],
        [['--format', 'csv', '--batch', '2'], /--batch changes the memory lines/],
        [['--format', 'html'], /--format must be one of table, json, markdown, csv, latex/]
    ])('summary %j', async (args, message) => {
        const r = await cli(['summary', 'examples/lenet5.conv', ...args]);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expectNoStackTrace(r.stderr);
    });
});
