/**
 * A long flat list of statements parses in linear time. Before each token
 * Langium 4.1.3 looked for where to put the comments in front of it (even
 * when there were none) with `indexOf` over the statement's siblings in the
 * syntax tree: 120,000 `relu` lines took 32 s, 27 s of it there.
 * patches/langium@4.1.3.patch skips the search without comments and searches
 * from the end, where the node is. The check is structural, not a timing: how
 * many siblings those searches visit.
 */
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { createConvspecCoreServices } from '../../src/convspec-module.js';

const { Convspec } = createConvspecCoreServices(EmptyFileSystem);
const flat = (statements: number, comment = '') => `network Flat {\n  input 32x32x8\n${`${comment}  relu\n`.repeat(statements)}}\n`;

/** Siblings visited by `indexOf`/`lastIndexOf` on the syntax tree's child lists while `text` is parsed. */
function siblingsVisited(text: string): number {
    // The child lists are one class (CstNodeContainer): count on its prototype only.
    const root = Convspec.parser.LangiumParser.parse('network N {}').value.$cstNode;
    const containers = Object.getPrototypeOf((root as unknown as { content: unknown[] }).content) as Record<string, unknown>;
    let visited = 0;
    containers.indexOf = function (this: unknown[], item: unknown, from?: number) {
        const k = Array.prototype.indexOf.call(this, item, from);
        visited += k < 0 ? this.length : k + 1;
        return k;
    };
    containers.lastIndexOf = function (this: unknown[], item: unknown, ...from: number[]) {
        const k = Array.prototype.lastIndexOf.call(this, item, ...from);
        visited += k < 0 ? this.length : this.length - k;
        return k;
    };
    try {
        Convspec.parser.LangiumParser.parse(text);
    } finally {
        delete containers.indexOf;
        delete containers.lastIndexOf;
    }
    return visited;
}

/** The leaves of a syntax tree in tree order, comments included. */
function leaves(node: { content?: unknown[]; offset: number; text: string }): { offset: number; text: string }[] {
    // Plain arrays: the tree's child lists are an Array subclass with a `parent` field.
    return node.content ? [...node.content].flatMap(child => leaves(child as typeof node)) : [{ offset: node.offset, text: node.text }];
}

describe('parsing a long flat list of statements', () => {
    const statements = 5000;
    // Quadratic, as in 4.1.3, is about statements² / 2 = 12,500,000 visits here.
    const linear = 4 * statements;

    test('without comments visits each statement a bounded number of times, not once per later statement', () => {
        expect(Convspec.parser.LangiumParser.parse(flat(statements)).parserErrors).toEqual([]);
        expect(siblingsVisited(flat(statements))).toBeLessThanOrEqual(linear);
    });

    test('with a comment before each statement too, and each comment stays right before its statement', () => {
        expect(Convspec.parser.LangiumParser.parse(flat(statements, '  //c\n')).parserErrors).toEqual([]);
        expect(siblingsVisited(flat(statements, '  //c\n'))).toBeLessThanOrEqual(linear);
        // In tree order the leaves are the text without its whitespace: every comment where it was written.
        const text = `//head\n${flat(3, '  //c\n')}`;
        const tree = leaves(Convspec.parser.LangiumParser.parse(text).value.$cstNode as never);
        expect(tree.map(l => l.text).join('')).toBe(text.replace(/\s+/g, ''));
        expect(tree.filter((l, k) => k > 0 && l.offset <= tree[k - 1].offset)).toEqual([]);
    });
});
