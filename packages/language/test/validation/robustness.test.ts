/// <reference types="node" />
/**
 * Whatever the user types, validation finishes and never throws: random token
 * soup, mutations of a realistic file, and every prefix of a network as it is
 * being typed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi, type MockInstance } from 'vitest';
import { NETWORK_SETTINGS, OPTION_WORDS, STATEMENT_KEYWORDS } from '../../src/names/vocabulary.js';
import { services, validate } from '../helpers.js';

// Langium logs (and turns into a diagnostic) any exception a validator throws;
// silence the log and check for the diagnostic instead.
let consoleError: MockInstance;
beforeAll(() => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(() => {
    consoleError.mockRestore();
});

/** Validates `text`, checks the result is sane, and drops the document so the workspace stays small. */
async function survives(text: string): Promise<void> {
    const result = await validate(text);
    try {
        expect(result.analysis).toBeDefined();
        for (const d of result.diagnostics) {
            expect(d.message, `validator crashed on ${JSON.stringify(text)}`).not.toMatch(/^An error occurred/);
            expect(typeof d.code, d.message).toBe('string');
            expect(d.range.start.line).toBeGreaterThanOrEqual(0);
            expect(
                d.range.start.line < d.range.end.line ||
                    (d.range.start.line === d.range.end.line && d.range.start.character <= d.range.end.character)
            ).toBe(true);
        }
        for (const n of result.analysis.networks) {
            expect(Number.isNaN(n.params) || n.params >= 0).toBe(true);
        }
    } finally {
        const uri = result.document.uri;
        services.shared.workspace.LangiumDocuments.deleteDocument(uri);
        services.shared.workspace.IndexManager.remove(uri);
    }
}

/** Every word of the grammar: the vocabulary's statements and options, and the words around them. */
const KEYWORDS = [
    ...STATEMENT_KEYWORDS,
    ...NETWORK_SETTINGS,
    ...OPTION_WORDS,
    ...['import', 'network', 'block', 'strict', 'on', 'off', 'same', 'valid', 'branch', 'shortcut', 'with', 'in', 'min', 'max', 'x', '×']
];
const PUNCTUATION = ['{', '}', '(', ')', ':', ';', ',', '.', '=', '+', '-', '−', '*', '/', '·', '//', '/*', '*/', '"a.conv"', '\n'];
const IDENTIFIERS = ['a', 'b', 'c', 'n', 'foo', 'stage', 'conv1', 'l1:', 'b(', '_x9'];

const number = fc.oneof(
    fc.integer({ min: 0, max: 300 }).map(String),
    fc.constantFrom('0', '1', '2', '3', '9007199254740993', '99999999999999999999', '1000000000', '0.5', '1.0', '.5')
);
const size = fc
    .tuple(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 }), fc.option(fc.integer({ min: 0, max: 512 })))
    .map(([w, h, d]) => (d === null ? `${w}x${h}` : `${w}x${h}x${d}`));
const token = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...KEYWORDS) },
    { weight: 3, arbitrary: number },
    { weight: 3, arbitrary: size },
    { weight: 2, arbitrary: fc.constantFrom(...IDENTIFIERS) },
    { weight: 4, arbitrary: fc.constantFrom(...PUNCTUATION) }
);
const separator = fc.constantFrom(' ', ' ', ' ', '\n', '', '  ', '\t');
const soup = fc.array(fc.tuple(token, separator), { maxLength: 80, size: 'medium' }).map(parts => parts.map(([t, s]) => t + s).join(''));

/** A realistic file: blocks with parameters and expressions, concat, residual, repeat, rounding. */
const REALISTIC = `// ResNet-ish
block unit(c, s) {
  conv c 3x3 stride s pad 1 nobias
  bn; relu
}
block stage(n, c) {
  first: unit(c, 2)
  repeat n - 1 { unit(c, 1) }
}
block dense_layer() {
  concat {
    branch { }
    branch { bn; relu; conv 128 1x1; conv 32 3x3 pad 1 }
  }
}
network Net {
  input 224x224x3
  rounding floor
  bias off
  stem: conv 64 7x7 stride 2 pad 3
  maxpool 3x3 stride 2 pad 1
  residual { conv 64 3x3 pad 1; bn } shortcut { }
  s2: stage(2, 128)
  dense_layer()
  residual {
    conv 160 3x3 stride 2 pad 1; bn
  } shortcut {
    conv 160 1x1 stride 2; bn
  }
  globalavgpool
  flatten
  dropout 0.5
  fc 1000
}
`;

type Mutation =
    | { kind: 'delete'; at: number; length: number }
    | { kind: 'duplicate'; at: number; length: number }
    | { kind: 'swap'; at: number; length: number; other: number }
    | { kind: 'truncate'; at: number }
    | { kind: 'insert'; at: number; text: string };

const position = fc.nat({ max: 2000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('swap' as const), at: position, length: fc.integer({ min: 1, max: 30 }), other: position }),
    fc.record({ kind: fc.constant('truncate' as const), at: position }),
    fc.record({ kind: fc.constant('insert' as const), at: position, text: token })
);

function mutate(text: string, m: Mutation): string {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    switch (m.kind) {
        case 'delete':
            return text.slice(0, at) + text.slice(at + m.length);
        case 'duplicate':
            return text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
        case 'truncate':
            return text.slice(0, at);
        case 'insert':
            return text.slice(0, at) + m.text + text.slice(at);
        case 'swap': {
            // Swap the span at `at` with an equally long span at `other` (non-overlapping).
            const other = text.length === 0 ? 0 : m.other % (text.length + 1);
            const [first, second] = at <= other ? [at, other] : [other, at];
            const length = Math.max(0, Math.min(m.length, second - first, text.length - second));
            if (length === 0) return text;
            const a = text.slice(first, first + length);
            const b = text.slice(second, second + length);
            return text.slice(0, first) + b + text.slice(first + length, second) + a + text.slice(second + length);
        }
    }
}

describe('validate never throws', () => {
    test('the realistic file itself validates cleanly enough to be a fair base', async () => {
        const result = await validate(REALISTIC);
        expect(result.diagnostics.filter(d => d.severity === 1).map(d => `${d.code}: ${d.message}`)).toEqual([]);
        expect(result.analysis.networks[0].output).toEqual({ w: 1, h: 1, d: 1000 });
    });

    test('(a) random token soup', async () => {
        await fc.assert(
            fc.asyncProperty(soup, async text => {
                await survives(text);
            }),
            { seed: 42, numRuns: 300 }
        );
    });

    test('(a′) token soup inside a network body', async () => {
        await fc.assert(
            fc.asyncProperty(soup, async text => {
                await survives(`block b(c) { conv c 3x3 }\nnetwork N {\n  input 16x16x3\n${text}\n}\n`);
            }),
            { seed: 42, numRuns: 300 }
        );
    });

    test('(b) mutations of a realistic network', async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async mutations => {
                await survives(mutations.reduce(mutate, REALISTIC));
            }),
            { seed: 42, numRuns: 300 }
        );
    });

    test('every prefix (by character) of a 20-line network', async () => {
        const lines = REALISTIC.split('\n');
        const start = lines.findIndex(l => l.startsWith('network'));
        const text = lines.slice(start, start + 20).join('\n') + '\n';
        expect(text.split('\n').length).toBeGreaterThanOrEqual(20);
        for (let i = 0; i <= text.length; i++) await survives(text.slice(0, i));
    });

    test('every prefix of the whole file, blocks included', async () => {
        for (let i = 0; i <= REALISTIC.length; i++) await survives(REALISTIC.slice(0, i));
    });

    const HOSTILE = [
        '',
        ' ',
        '\n\n',
        '}',
        '{',
        '(',
        ')',
        ':',
        ';',
        'network',
        'network N',
        'network N {',
        'network N { input }',
        'network N { input 8x8 }',
        'network N { input 8x8x3x3 }',
        'network N { input 8x8x3 conv }',
        'network N { input 8x8x3 conv 4 }',
        'network N { input 8x8x3; l1: }',
        'network N { input 8x8x3; l1: foo( }',
        'network N { input 8x8x3; foo(1, }',
        'network N { input 8x8x3; (3) }',
        'network N { input 8x8x3; : relu }',
        'block b( { }',
        'block b(c, ) { }',
        'block b(c) { conv c/0 1x1 }\nnetwork N { input 8x8x3; b(3) }',
        'block b(c) { conv c 1x1 }\nnetwork N { input 8x8x3; b(b(3)) }',
        'block b(c) { repeat c { b(c) } }\nnetwork N { input 8x8x3; b(2) }',
        'network N { input 8x8x3; conv 4 (3)x(3) }',
        'network N { input 8x8x3; conv 4 3x }',
        'network N { input 8x8x3; conv 4 x3 }',
        'network N { input 8x8x3; repeat { relu } }',
        'network N { input 8x8x3; repeat -1 { relu } }',
        'network N { input 8x8x3; concat { } }',
        'network N { input 8x8x3; concat { branch } }',
        'network N { input 8x8x3; residual shortcut { } }',
        'network N { input 8x8x3; conv 4 3x3 pad }',
        'network N { input 8x8x3; conv 4 3x3 stride 2 stride }',
        'network N { input 1x1x1; repeat 64 { upsample 2 } }',
        'network N { input 1x1x1; repeat 60 { conv 2 1x1 groups 1 } ; repeat 60 { zeropad 99999999 } }',
        'network N { input 9007199254740991x9007199254740991x9007199254740991; flatten }',
        'network N { input 8x8x3; deconv 4 3x3 stride 9007199254740991 }',
        'network N { input 8x8x3; dropout 1e5 }',
        'network N { input 8x8x3; dropout . }',
        'import',
        'import "',
        'import "../../../etc/passwd"',
        '/* unterminated',
        '// only a comment',
        'network N { input 8x8x3 /* } */ }',
        'network N { input 8×8×3; conv 4 3×3× }',
        'network N { input 8x8x3 } network N { input 8x8x3 }',
        'import\nblock b() { relu }\nnetwork N { input 8x8x3; b() }',
        'block b() { } block b() { }\nnetwork N { input 8x8x3; b() }'
    ];
    test.each(HOSTILE)('explicit hostile input %j', async text => {
        await survives(text);
    });
});

describe('a network or block that a syntax error left without a name', () => {
    // Found by `pnpm fuzz` (seed 1130, inputs 4684 and 10958): the messages said "network undefined".
    test('is "this network" / "this block" in messages, never a JavaScript undefined', async () => {
        const { diagnostics } = await validate(
            'network = {\n  input 8x8x1\n  input 8x8x1\n  a: relu\n  a: relu\n}\nblock ( {\n  b: relu\n  b: relu\n}\n'
        );
        const messages = diagnostics.map(d => d.message);
        expect(messages).toContain('`input` is given twice in this network');
        expect(messages).toContain('label `a` is already used on line 4 of this network');
        expect(messages).toContain('label `b` is already used on line 8 of this block');
    });
});

describe('an unknown option whose value is cut off by the end of the file', () => {
    // Found by `pnpm fuzz` (seed 1130, input 45991, minimised): the lexer's merge of `e -` ran past the last token.
    test.each(['{sigmoid e-//', '{sigmoid e-', 'network N {\n  input 8x8x1\n  relu alpha -', 'network N {\n  input 8x8x1\n  relu x in.'])(
        '%j is diagnosed, not a crash',
        async text => {
            await survives(text);
            const { diagnostics } = await validate(text);
            expect(diagnostics.some(d => d.severity === 1)).toBe(true);
        }
    );
});
