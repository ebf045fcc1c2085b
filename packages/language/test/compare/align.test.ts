import { describe, expect, test } from 'vitest';
import { alignRuns, type AlignItem } from '../../src/compare/align.js';

/** `conv`, `x:conv` (labelled x), `[concat]` (a structure): compact statements for the aligner. */
function items(spec: string): AlignItem[] {
    return spec
        .split(' ')
        .filter(Boolean)
        .map(word => {
            const structure = word.startsWith('[');
            const bare = word.replace(/[[\]]/g, '');
            const [label, key] = bare.includes(':') ? bare.split(':') : [undefined, bare];
            return { key, label, layer: !structure, content: key };
        });
}

/** Each aligned row as `a-index/b-index`, `-` for the missing side. */
const rows = (a: string, b: string) => alignRuns(items(a), items(b)).map(([i, j]) => `${i ?? '-'}/${j ?? '-'}`);

describe('alignRuns', () => {
    test('a longest common subsequence on the operation, deletions before insertions in a gap', () => {
        expect(rows('conv bn conv bn', 'conv bn relu conv bn')).toEqual(['0/0', '1/1', '-/2', '2/3', '3/4']);
        expect(rows('conv relu pool', 'conv gelu pool')).toEqual(['0/0', '1/-', '-/1', '2/2']);
    });

    test('labels on both sides pin their pair wherever they stand; the row goes where B has it', () => {
        expect(rows('a:conv b:conv', 'b:conv a:conv')).toEqual(['1/0', '0/1']);
    });

    test('among equally long alignments, a renamed label pairs with a renamed label, not with an unlabelled statement', () => {
        expect(rows('old:conv', 'conv new:conv')).toEqual(['-/0', '0/1']);
        expect(rows('conv', 'new:conv conv')).toEqual(['-/0', '0/1']);
        // More pairs come first, as in diff: position wins over like-with-like.
        expect(rows('old:conv conv', 'conv new:conv')).toEqual(['0/0', '1/1']);
    });

    test('a label on both sides that cannot pair (a structure of another kind) is never paired by position', () => {
        expect(rows('[s:concat] [concat]', '[s:residual] [concat]')).toEqual(['0/-', '-/0', '1/1']);
    });

    test('runs too long for the quadratic table pair the k-th of each operation with the k-th', () => {
        // 2,100 × 2,100 statements is past the 4,000,000-cell table; B has one extra relu at the front.
        const a = Array.from({ length: 2100 }, (_, k) => (k % 2 ? 'relu' : 'conv')).join(' ');
        const aligned = alignRuns(items(a), items(`relu ${a}`));
        expect(aligned).toHaveLength(2101);
        // The k-th relu of A meets the k-th of B: every relu of A pairs, B's last relu is the added one (the table
        // would have found B's first relu added).
        expect(aligned.filter(([i]) => i === null)).toEqual([[null, 2100]]);
        expect(aligned.filter(([i]) => i !== null).every(([, j]) => j !== null)).toBe(true);
    });
});
