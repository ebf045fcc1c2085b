/**
 * The reparse of the statements around an edit (src/workspace/statement-reparse.ts)
 * against a full parse of the same text, after every edit of long random edit
 * sequences: the same AST (types, properties, containers, references), the
 * same CST (every node's kind, grammar element, offsets, line and column, the
 * AST node it makes, comments where the full parse puts them). A reparse that
 * is not sure gives up (the server then parses the whole text): the counts
 * below keep the test from passing by giving up on everything.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    CstUtils,
    EmptyFileSystem,
    isCompositeCstNode,
    isLeafCstNode,
    isReference,
    type AstNode,
    type CstNode,
    type LangiumParser,
    type ParseResult
} from 'langium';
import { describe, expect, test } from 'vitest';
import { createConvspecCoreServices } from '../../src/convspec-module.js';
import type { Model } from '../../src/generated/ast.js';
import { allNodes } from '../../src/workspace/ast-walk.js';
import { LAYER_KEYWORDS } from '../../src/names/vocabulary.js';
import { VALUE_TAKING_KEYWORDS } from '../../src/workspace/reparse-boundaries.js';
import { reparseStatements } from '../../src/workspace/statement-reparse.js';
import { int, pick, randomNetwork, randomNetworkPair, rng, type Random } from '../pytorch/corpus.js';

const { Convspec } = createConvspecCoreServices(EmptyFileSystem);
const parser: LangiumParser = Convspec.parser.LangiumParser;
const parse = (text: string) => parser.parse(text) as ParseResult<Model>;
const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');

/** Everything a parse result says, with nodes as their pre-order indices so two trees compare. */
function describeParse(result: ParseResult<Model>, text: string): unknown {
    const root = result.value.$cstNode;
    if (!root) throw new Error('no CST');
    const cst = [...CstUtils.streamCst(root)];
    const cstIndex = new Map<CstNode, number>(cst.map((n, k) => [n, k]));
    const ast = allNodes(result.value);
    const astIndex = new Map<AstNode, number>(ast.map((n, k) => [n, k]));
    const cstOf = (n: CstNode | undefined) => (n === undefined ? -1 : (cstIndex.get(n) ?? 'foreign'));
    return {
        errors: [result.lexerErrors.length, result.parserErrors.length, result.lexerReport?.diagnostics.length ?? 0],
        fullText: root.root.fullText === text,
        cst: cst.map(n => ({
            kind: isLeafCstNode(n) ? `leaf ${n.tokenType.name}` : 'composite',
            hidden: n.hidden,
            offset: n.offset,
            end: n.end,
            text: n.text === text.slice(n.offset, n.end),
            range: n.range,
            grammar: n.grammarSource ? grammarId(n.grammarSource) : undefined,
            root: n.root === root.root,
            container: n.container ? cstIndex.get(n.container) : -1,
            children: isCompositeCstNode(n) ? n.content.map(c => cstIndex.get(c)) : undefined,
            ownsAst: astOwner(n, astIndex)
        })),
        ast: ast.map(n => ({
            type: n.$type,
            container: n.$container ? astIndex.get(n.$container) : -1,
            property: n.$containerProperty,
            index: n.$containerIndex,
            cst: cstOf(n.$cstNode),
            properties: Object.entries(n)
                .filter(([key]) => !key.startsWith('$'))
                .map(([key, value]) => [key, valueOf(value, astIndex, cstOf)])
        }))
    };
}

/** The AST node a CST node was made for, if any (Langium keeps it in a private field). */
function astOwner(n: CstNode, astIndex: Map<AstNode, number>): number | undefined {
    const own = (n as unknown as { _astNode?: AstNode })._astNode;
    return own ? (astIndex.get(own) ?? -2) : undefined;
}

function valueOf(value: unknown, astIndex: Map<AstNode, number>, cstOf: (n: CstNode | undefined) => unknown): unknown {
    if (Array.isArray(value)) return value.map(v => valueOf(v, astIndex, cstOf));
    if (isReference(value)) return { ref: value.$refText, node: cstOf(value.$refNode) };
    if (value && typeof value === 'object' && '$type' in value) return { node: astIndex.get(value as AstNode) ?? 'foreign' };
    return value;
}

/** Each grammar element a number (both parses share the parser's grammar). */
const grammarIds = new Map<unknown, number>();
function grammarId(element: unknown): number {
    if (!grammarIds.has(element)) grammarIds.set(element, grammarIds.size);
    return grammarIds.get(element) ?? -1;
}

/** Letters, digits and the punctuation of the language, newlines and comments. */
const PIECES = [
    ...'abcdefghijklmnopqrstuvwxyz0123456789',
    ' ',
    ' ',
    '\n',
    '\n  ',
    ';',
    '{',
    '}',
    '(',
    ')',
    ',',
    '.',
    ':',
    'x',
    '+',
    '*',
    '/',
    '=',
    '// note',
    '/* c */',
    'conv 8 3x3 pad 1',
    'relu',
    'bn',
    'pad 2',
    'stride 2',
    'l1: ',
    'add l1',
    '\n  maxpool 2x2\n',
    'residual {\n relu\n }',
    'unit(4)',
    'bias on',
    'leakyrelu 0.2',
    '7',
    '16'
];

/** One random edit: a replaced, inserted or deleted piece, or a line duplicated or deleted. */
function edit(r: Random, text: string): string {
    const at = int(r, 0, text.length);
    const kind = int(r, 0, 9);
    if (kind <= 2) return text.slice(0, at) + pick(r, PIECES) + text.slice(at + 1);
    if (kind <= 5) return text.slice(0, at) + pick(r, PIECES) + text.slice(at);
    if (kind <= 7) return text.slice(0, at) + text.slice(Math.min(text.length, at + int(r, 1, 3)));
    const lines = text.split('\n');
    const line = int(r, 0, lines.length - 1);
    if (kind === 8) lines.splice(line, 0, lines[line]);
    else lines.splice(line, 1);
    return lines.join('\n');
}

/** A long network as the benchmark makes it, with comments, `;` and a label. */
function scaleNetwork(lines: number, eol = '\n'): string {
    const layers = ['  conv 16 3x3 pad 1', '  bn // norm', '  relu', '  conv 16 3x3 pad 1; relu', '  /* c */ bn', '  l1: relu'];
    const body = Array.from({ length: lines }, (_, i) => layers[i % layers.length].replace('l1', `l${i}`));
    return ['// scale', 'network Scale {', '  input 32x32x16', ...body, '}', ''].join(eol);
}

function startTexts(): string[] {
    const r = rng(20261130);
    // Blocks and calls, concat and labels, references and `route`, comments everywhere, gates and split.
    const examples = [
        'resnet50.conv',
        'inception.conv',
        'yolov3-tiny.conv',
        'unet.conv',
        'shufflenetv2.conv',
        'mobilenetv3-small.conv'
    ].map(f => fs.readFileSync(path.join(EXAMPLES, f), 'utf8'));
    return [
        ...examples,
        ...Array.from({ length: 8 }, (_, id) => randomNetwork(r, id)),
        ...Array.from({ length: 3 }, (_, id) => randomNetworkPair(r, 100 + id)),
        scaleNetwork(60),
        scaleNetwork(40, '\r\n'),
        // Keywords as parameter names and flags at the ends of lines (`crop` after `concat with a`).
        'block s(shuffle, crop) {\n  conv 8 1x1\n  conv shuffle crop\n  relu\n  shuffle 2\n  crop 4x4\n}\n' +
            'network C {\n  input 16x16x8\n  a: relu\n  concat with a crop\n  b: bn\n  add a, b crop\n  s(3, 1)\n  relu\n}\n'
    ];
}

describe('reparsing the statements around an edit gives what a full parse gives', () => {
    test('random edit sequences on the examples, random networks and long networks', () => {
        const r = rng(7);
        let reparsed = 0;
        let fromErrors = 0;
        let edits = 0;
        for (const start of startTexts()) {
            let text = start;
            let current = parse(text);
            // The last text without errors: an edit that breaks the syntax is often undone, from the broken tree.
            let clean = text;
            for (let k = 0; k < 45; k++) {
                const broken = current.parserErrors.length + current.lexerErrors.length > 0;
                const next = broken && r() < 0.5 ? clean : edit(r, text);
                if (next === text) continue;
                edits++;
                const fresh = parse(next);
                const result = reparseStatements(parser, current, text, next);
                if (result) {
                    reparsed++;
                    if (broken) fromErrors++;
                    expect(describeParse(result, next), `edit ${k} of:\n${text}\n---- to:\n${next}`).toEqual(describeParse(fresh, next));
                }
                text = next;
                current = result ?? fresh;
                if (current.parserErrors.length + current.lexerErrors.length === 0) clean = text;
            }
        }
        const counts = `${edits} edits, ${reparsed} reparsed, ${fromErrors} of them from a broken tree`;
        expect(edits, counts).toBeGreaterThan(800);
        // Random edits break the syntax often; what breaks it is parsed in full.
        expect(reparsed, counts).toBeGreaterThan(edits / 5);
        // Undoing a breaking edit is reparsed from the broken tree.
        expect(fromErrors, counts).toBeGreaterThan(20);
    });

    test('the typical edits of a long network are reparsed, not parsed in full', () => {
        const text = scaleNetwork(300);
        const lines = text.split('\n');
        const withLine = (k: number, line: string | undefined) =>
            [...lines.slice(0, k), ...(line === undefined ? [] : [line]), ...lines.slice(k + 1)].join('\n');
        expect(lines[150]).toBe('  conv 16 3x3 pad 1; relu');
        expect(lines[151]).toBe('  /* c */ bn');
        expect(lines[153]).toBe('  conv 16 3x3 pad 1');
        expect(lines[154]).toBe('  bn // norm');
        const cases = [
            withLine(153, '  conv 17 3x3 pad 1'),
            withLine(150, '  conv 16 3x3 pad 1; relx'),
            withLine(151, '  /* c */ bn\n  maxpool 2x2'),
            withLine(151, undefined),
            withLine(154, '  bn // normalise')
        ];
        for (const next of cases) {
            const result = reparseStatements(parser, parse(text), text, next);
            expect(result, next).toBeDefined();
            if (result) expect(describeParse(result, next)).toEqual(describeParse(parse(next), next));
        }
    });

    test('an edit that changes where statements end is parsed in full', () => {
        const text = 'network N {\n  input 8x8x3\n  conv 4 3x3\n  relu bn\n}\n';
        // `bias on` after a conv: the conv could take `bias` as its flag.
        expect(reparseStatements(parser, parse(text), text, text.replace('relu bn', 'bias on'))).toBeUndefined();
        // `relu bn` are two statements, `foo bn` one: the lexer reads an unknown word to the end of its line.
        const unknown = text.replace('relu bn', 'foo bn');
        expect(parse(unknown).value.declarations[0].statements).toHaveLength(3);
        expect(reparseStatements(parser, parse(text), text, unknown)).toBeUndefined();
        // The braces of the network.
        expect(reparseStatements(parser, parse(text), text, text.replace('\n}', '\n'))).toBeUndefined();
        // `crop` ends `concat with a crop`, and the lexer reads the next line's name as a crop size.
        const crop = 'network N {\n  input 8x8x3\n  a: relu\n  concat with a crop\n  b: relu\n}\n';
        expect(reparseStatements(parser, parse(crop), crop, crop.replace('b: relu', 'b/4: relu'))).toBeUndefined();
    });

    test('a paste of more than 10,000 statements is parsed in full', () => {
        const text = 'network N {\n  input 8x8x3\n  relu\n}\n';
        const pasted = text.replace('  relu\n', '  relu\n'.repeat(10_001));
        expect(reparseStatements(parser, parse(text), text, pasted)).toBeUndefined();
        const fewer = text.replace('  relu\n', '  relu\n'.repeat(500));
        expect(reparseStatements(parser, parse(text), text, fewer)).toBeDefined();
    });

    test('the keywords after which the lexer reads a value on the next line are the ones the reparse knows', () => {
        // After such a keyword `foo` is read as its value and stays a name; after any other, `foo` starts a statement.
        const takers = LAYER_KEYWORDS.filter(keyword => {
            const tokens = Convspec.parser.Lexer.tokenize(`network N {\n  ${keyword}\n  foo\n}\n`).tokens;
            return tokens.some(t => t.image === 'foo' && t.tokenType.name === 'ID');
        });
        expect(new Set(takers)).toEqual(VALUE_TAKING_KEYWORDS);
    });
});
