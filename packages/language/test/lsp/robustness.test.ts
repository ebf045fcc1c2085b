/**
 * Half-typed input never makes a request fail or hang: every example is typed
 * in (every 29th prefix, plus the whole text) and after each change the editor
 * asks for diagnostics, inlay hints, hover, code actions, symbols and
 * formatting. Then hostile inputs. Each request has its own timeout, so a
 * hang fails the test instead of the run, and the server must stay alive.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXAMPLES, positionAt, StdioSession, withTimeout, WHOLE, type Position } from './harness.js';

let s: StdioSession;
beforeAll(async () => {
    s = await StdioSession.start();
});
afterAll(async () => s.stop());

// Every prefix, character by character, goes through the same providers in process
// (every-prefix.test.ts); over stdio a sample is enough to show the process keeps up.
const STEP = 29;
const REQUEST_MS = 5000;

/** Every request an editor sends while the user types, each with its own timeout. */
async function editorRound(uri: string, text: string, diagnostics: any[], cursor: Position, label: string): Promise<void> {
    const r = <T>(method: string, params: object) => withTimeout(s.client.request<T>(method, params), `${method} ${label}`, REQUEST_MS);
    const doc = { textDocument: { uri } };
    const middle = positionAt(text, Math.floor(text.length / 2));
    await Promise.all([
        r('textDocument/inlayHint', { ...doc, range: WHOLE }),
        r('textDocument/hover', { ...doc, position: cursor }),
        r('textDocument/hover', { ...doc, position: middle }),
        r('textDocument/codeAction', { ...doc, range: { start: cursor, end: cursor }, context: { diagnostics } }),
        r('textDocument/documentSymbol', doc),
        r('textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } })
    ]);
}

describe('typing every example, prefix by prefix', () => {
    const files = fs
        .readdirSync(EXAMPLES, { recursive: true })
        .map(String)
        .filter(f => f.endsWith('.conv'))
        .sort();
    test.each(files)(
        '%s',
        async file => {
            const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
            const { uri } = await s.open('', `typing-${path.basename(file)}`);
            const cuts: number[] = [];
            for (let i = 0; i < text.length; i += STEP) cuts.push(i);
            cuts.push(text.length);
            for (const cut of cuts) {
                const prefix = text.slice(0, cut);
                const label = `${file} prefix ${cut}/${text.length}`;
                const diagnostics = await withTimeout(s.change(uri, prefix), `diagnostics for ${label}`, REQUEST_MS);
                await editorRound(uri, prefix, diagnostics, positionAt(prefix, prefix.length), label);
                expect(s.exited, `server exited at ${label}: ${s.client.stderr}`).toBe(false);
            }
            s.close(uri);
        },
        600_000
    );
});

/** Opens `text`, then every request must resolve. */
async function survives(name: string, text: string): Promise<void> {
    const { uri, diagnostics } = await s.open(text, `${name}.conv`);
    // Langium turns an exception in a check into "An error occurred during validation": a crash, not a diagnostic.
    expect(diagnostics.filter(d => /An error occurred/.test(d.message)).map(d => d.message)).toEqual([]);
    await editorRound(uri, text, diagnostics, positionAt(text, Math.max(0, text.length - 3)), name);
    await Promise.all([
        withTimeout(s.client.request('textDocument/codeLens', { textDocument: { uri } }), `codeLens ${name}`, REQUEST_MS),
        withTimeout(s.client.request('textDocument/foldingRange', { textDocument: { uri } }), `foldingRange ${name}`, REQUEST_MS),
        withTimeout(
            s.client.request('textDocument/completion', { textDocument: { uri }, position: positionAt(text, text.length) }),
            `completion ${name}`,
            REQUEST_MS
        )
    ]);
    // and every diagnostic's own code actions
    for (const d of diagnostics.slice(0, 20)) {
        await withTimeout(
            s.client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }),
            `codeAction for ${d.code} in ${name}`,
            REQUEST_MS
        );
    }
    expect(s.exited, s.client.stderr).toBe(false);
    s.close(uri);
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
    return () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const UNICODE = [
    '×',
    '−',
    '·',
    '⌊',
    '⌋',
    '→',
    '中',
    '文',
    '卷',
    '积',
    'é',
    'e\u0301',
    '\u200b',
    '\u200d',
    '\u202e',
    '\u00a0',
    '\u2028',
    '\u2029',
    '😀',
    '👩‍💻',
    '𝕏',
    '\ufeff',
    '\t',
    '\r',
    '\r\n',
    '\n',
    '\u0000',
    '\u001b',
    '{',
    '}',
    '(',
    ')',
    ':',
    'x',
    '3',
    ' ',
    'conv',
    'repeat'
];

describe('hostile inputs: the server answers', () => {
    const net = (body: string) => `network H {\n  input 8x8x3\n${body}\n}\n`;
    const nested = (depth: number, inner: string) => `${'repeat 2 { '.repeat(depth)}${inner}${' }'.repeat(depth)}`;
    const doubling = (levels: number) => {
        let out = 'block b0() { conv 3 1x1 }\n';
        for (let i = 1; i <= levels; i++) out += `block b${i}() {\n  b${i - 1}()\n  b${i - 1}()\n}\n`;
        return out + net(`  b${levels}()`);
    };
    const cases: [string, () => string][] = [
        ['repeat 999999999', () => net('  repeat 999999999 { relu }')],
        ['repeat 999999999 with a conv', () => net('  repeat 999999999 { conv 3 3x3 pad 1 }')],
        ['100-deep nested repeat', () => net(nested(100, 'conv 3 1x1'))],
        ['100-deep nested repeat of relu', () => net(nested(100, 'relu'))],
        ['block cycle', () => 'block a() { b() }\nblock b() { a() }\n' + net('  a()')],
        ['self-recursive block with a repeat', () => 'block r(c) { repeat c { r(c) } }\n' + net('  r(2)')],
        ['1e30 as a number', () => net('  conv 1e30 3x3\n  dropout 1e30')],
        ['a 31-digit filter count', () => net('  conv 1000000000000000000000000000000 3x3')],
        [
            'a 31-digit input size',
            () =>
                'network H {\n  input 1000000000000000000000000000000x1000000000000000000000000000000x3\n  conv 8 3x3 stride 2\n  dense 10\n}\n'
        ],
        ['a 31-digit repeat count', () => net('  repeat 1000000000000000000000000000000 { conv 3 1x1 }')],
        [
            'a 31-digit stride and padding',
            () => net('  conv 4 3x3 stride 1000000000000000000000000000000 pad 1000000000000000000000000000000')
        ],
        ['200-deep nested concat', () => net(`${'concat { branch { '.repeat(200)}relu${' } }'.repeat(200)}`)],
        // The depths at which 0.1's parser overflowed its stack and the server exited (issue #10), and far deeper.
        ['141 nested concat { branch {', () => net(`${'concat { branch { '.repeat(141)}relu${' } }'.repeat(141)}`)],
        ['225 nested repeat', () => net(nested(225, 'relu'))],
        ['225 nested residual', () => net(`${'residual { '.repeat(225)}relu${' }'.repeat(225)}`)],
        [
            '127 nested parentheses in a block expression',
            () => `block b(c) { conv ${'('.repeat(127)}c${')'.repeat(127)} 1x1 }\n` + net('  b(4)')
        ],
        ['492 unary minus', () => net(`  conv ${'-'.repeat(492)}4 3x3`)],
        ['100,000 nested braces', () => net(`${'residual { '.repeat(100_000)}relu${' }'.repeat(100_000)}`)],
        ['100,000 nested parentheses', () => `block b(c) { conv ${'('.repeat(100_000)}c${')'.repeat(100_000)} 1x1 }\n` + net('  b(4)')],
        ['a 1,000,000-digit number', () => net(`  conv ${'7'.repeat(1_000_000)} 3x3`)],
        ['2^30 block instances (doubling blocks)', () => doubling(30)],
        ['3000 statements', () => net(Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? '  conv 3 3x3 pad 1' : '  relu')).join('\n'))],
        ['a 3000-character line', () => net(`  conv 3 3x3 ${'pad 1 '.repeat(500)}`)],
        ['only unbalanced braces', () => '{'.repeat(500) + '}'.repeat(3)]
    ];
    for (let seed = 1; seed <= 4; seed++) {
        cases.push([
            `random unicode (seed ${seed})`,
            () => {
                const next = random(seed);
                return Array.from({ length: 1500 }, () => UNICODE[Math.floor(next() * UNICODE.length)]).join('');
            }
        ]);
        cases.push([
            `unicode sprinkled into a network (seed ${seed})`,
            () => {
                const next = random(seed * 97);
                const base = net('  c1: conv 8 3x3 stride 2 pad 1\n  relu\n  maxpool 2x2\n  dense 10');
                let out = '';
                for (const ch of base) out += ch + (next() < 0.15 ? UNICODE[Math.floor(next() * UNICODE.length)] : '');
                return out;
            }
        ]);
    }
    test.each(cases)(
        '%s',
        async (name, make) => {
            await survives(name.replace(/\W+/g, '-'), make());
        },
        120_000
    );

    test('the server is still alive and correct afterwards', async () => {
        const { uri, diagnostics } = await s.open('network Ok {\n  input 28x28x192\n  conv 96 3x3\n}\n', 'after-hostile.conv');
        expect(diagnostics).toEqual([]);
        const hints = await s.hints(uri);
        // 3·3·192·96 + 96
        expect(hints.map(h => h.label)).toContain(`→ 26×26×96 · ${(3 * 3 * 192 * 96 + 96).toLocaleString('en-US')} params`);
    });
});
