/**
 * Seeded generators of hostile `.conv` files: what a probe of 0.1 found to
 * crash, hang or corrupt (deep nesting, odd encodings, huge numbers, import
 * paths that are tricks, very wide structures) and mutations of the real
 * examples. The same seed gives the same bytes, so a failure names the seed
 * and the index that reproduce it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NETWORK_SETTINGS, OPTION_WORDS, STATEMENT_KEYWORDS } from '../../src/names/vocabulary.js';
import { int, pick, rng, type Random } from '../pytorch/corpus.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

export const EXAMPLE_TEXTS: readonly string[] = readdirSync(EXAMPLES, { recursive: true })
    .map(String)
    .filter(f => f.endsWith('.conv'))
    .sort()
    .map(f => readFileSync(path.join(EXAMPLES, f), 'utf8'));

/** Log-uniform: as many small values as large ones, up to `max`. */
const logInt = (r: Random, max: number) => Math.max(1, Math.floor(Math.exp(r() * Math.log(max))));

const WORDS = [
    ...STATEMENT_KEYWORDS,
    ...NETWORK_SETTINGS,
    ...OPTION_WORDS,
    ...['import', 'network', 'block', 'strict', 'on', 'off', 'same', 'valid', 'branch', 'shortcut', 'with', 'in', 'min', 'max']
];
const PUNCTUATION = ['{', '}', '(', ')', ':', ';', ',', '.', '=', '+', '-', '−', '*', '/', '·', '//', '/*', '*/', 'x', '×', '\n', ' '];
const HOSTILE_CHARS = [
    '\u0000',
    '\u001b',
    '\u0007',
    '\r',
    '\u2028',
    '\u202e',
    '\ufeff',
    '\ud800',
    '\udfff',
    '😀',
    'é',
    '\t',
    '"',
    "'",
    '\\'
];
const NUMBERS = [
    '0',
    '1',
    '3',
    '-1',
    '9007199254740992',
    '9007199254740993',
    '99999999999999999999999999999999999999999999',
    '1e308',
    '8.5',
    '.5',
    '0x10',
    '1_000'
];
const IMPORT_PATHS = [
    'notes.txt',
    'a.conv',
    '../outside.conv',
    '/etc/passwd',
    '/dev/zero',
    '/dev/urandom.conv',
    '.',
    '',
    'f.conv',
    '\u001b]0;TITLE\u0007\u001b[2J.conv',
    'a\\b\\n\\0.conv',
    `${'d/'.repeat(300)}x.conv`,
    `${'x'.repeat(5000)}.conv`,
    'con.conv',
    '%00.conv'
];

const net = (body: string, input = '8x8x3') => `network N {\n  input ${input}\n${body}\n}\n`;

/** Structures and expressions nested `depth` deep, the way 0.1's parser overflowed. */
function deepNesting(r: Random): string {
    const depth = logInt(r, 100_000);
    switch (int(r, 0, 7)) {
        case 0:
            return net(`${'concat { branch { '.repeat(depth)}relu${' } }'.repeat(depth)}`);
        case 1:
            return net(`${'repeat 2 { '.repeat(depth)}relu${' }'.repeat(depth)}`);
        case 2:
            return net(`${'residual { '.repeat(depth)}conv 3 1x1${' }'.repeat(depth)}`);
        case 3:
            return `block b(c) { conv ${'('.repeat(depth)}c${')'.repeat(depth)} 1x1 }\n${net('  b(4)')}`;
        case 4:
            return net(`  conv ${pick(r, ['-', '−', '+'] as const).repeat(depth)}4 3x3`);
        case 5:
            return '{'.repeat(depth) + '}'.repeat(int(r, 0, depth));
        case 6:
            return net(`${'split [1, 2] { branch { '.repeat(Math.min(depth, 300))}relu${' } }'.repeat(Math.min(depth, 300))}`, '8x8x9');
        default:
            return net(`${'multiply { '.repeat(depth)}globalavgpool${' }'.repeat(depth)}`);
    }
}

/** Many siblings: branches, labels, references, statements. */
function wide(r: Random): string {
    const n = logInt(r, 3000);
    switch (int(r, 0, 3)) {
        case 0:
            return net(`  concat {\n${'    branch { relu }\n'.repeat(n)}  }`);
        case 1: {
            const labels = Array.from({ length: n }, (_, i) => `  l${i}: relu`).join('\n');
            return net(`${labels}\n  route ${Array.from({ length: n }, (_, i) => `l${i}`).join(', ')}`);
        }
        case 2:
            return net(Array.from({ length: n }, () => pick(r, ['  relu', '  conv 3 3x3 pad 1', '  bn', '  maxpool 1x1'])).join('\n'));
        default:
            return net(`  x: relu\n${'  add x\n'.repeat(n)}`);
    }
}

function tokenSoup(r: Random): string {
    const length = logInt(r, 600);
    let out = '';
    for (let i = 0; i < length; i++) {
        const k = r();
        if (k < 0.45) out += pick(r, WORDS);
        else if (k < 0.75) out += pick(r, PUNCTUATION);
        else if (k < 0.9) out += pick(r, NUMBERS);
        else out += pick(r, HOSTILE_CHARS);
        out += r() < 0.7 ? ' ' : '';
    }
    return out;
}

function hostileNumber(r: Random): string {
    const digits = r() < 0.2 ? '9'.repeat(logInt(r, 200_000)) : pick(r, NUMBERS);
    const template = pick(r, [
        (d: string) => net(`  conv ${d} 3x3`),
        (d: string) => net('  conv 4 3x3', `${d}x${d}x3`),
        (d: string) => net(`  repeat ${d} { relu }`),
        (d: string) => net(`  upsample ${d}\n  upsample ${d}`),
        (d: string) => net(`  conv 4 3x3 stride ${d} pad ${d} dilation ${d}`),
        (d: string) => net(`  dropout ${d}`),
        (d: string) => `block b(c) { conv c * ${d} 1x1 }\n${net(`  b(${d})`)}`
    ]);
    return template(digits);
}

function hostileImport(r: Random): string {
    const count = int(r, 1, 3);
    const quote = r() < 0.8 ? '"' : "'";
    const lines = Array.from({ length: count }, () => `import ${quote}${pick(r, IMPORT_PATHS)}${quote}`);
    return `${lines.join('\n')}\n${net('  relu')}`;
}

function insertAt(text: string, offset: number, piece: string): string {
    return text.slice(0, offset) + piece + text.slice(offset);
}

/** A real example (mostly a window of its lines, which keeps a run cheap), cut, duplicated and sprinkled with hostile pieces. */
function mutatedExample(r: Random): string {
    let text = pick(r, EXAMPLE_TEXTS);
    if (r() < 0.85) {
        const lines = text.split('\n');
        const from = int(r, 0, lines.length - 1);
        text = lines.slice(from, from + int(r, 1, 40)).join('\n');
    }
    const steps = int(r, 1, 6);
    for (let s = 0; s < steps; s++) {
        const at = int(r, 0, text.length);
        switch (int(r, 0, 5)) {
            case 0:
                text = text.slice(0, at) + text.slice(Math.min(text.length, at + logInt(r, 200)));
                break;
            case 1:
                text = insertAt(text, at, text.slice(at, at + logInt(r, 400)));
                break;
            case 2:
                text = insertAt(text, at, pick(r, HOSTILE_CHARS));
                break;
            case 3:
                text = insertAt(text, at, ` ${pick(r, [...WORDS, ...NUMBERS, ...PUNCTUATION])} `);
                break;
            case 4:
                text = text.slice(0, at);
                break;
            default:
                text = insertAt(text, at, tokenSoup(r).slice(0, 80));
        }
    }
    return text;
}

/** Bytes that are not plain UTF-8: a BOM, UTF-16, Latin-1, broken sequences, NULs, old Mac line ends. */
function oddEncoding(r: Random): Buffer {
    const text = pick(r, EXAMPLE_TEXTS).slice(0, 2000);
    switch (int(r, 0, 5)) {
        case 0:
            return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
        case 1:
            return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
        case 2:
            return Buffer.from(`// café\n${text}`, 'latin1');
        case 3: {
            const bytes = Buffer.from(text, 'utf8');
            for (let i = 0; i < 8; i++) bytes[int(r, 0, bytes.length - 1)] = pick(r, [0x80, 0xc3, 0xff, 0xfe, 0x00, 0xed, 0xf4]);
            return bytes;
        }
        case 4:
            return Buffer.from(text.replace(/\n/g, '\r'), 'utf8');
        default:
            return Buffer.from(text.replace(/\n/g, '\u0000\n'), 'utf8');
    }
}

export interface HostileInput {
    readonly kind: string;
    readonly bytes: Buffer;
}

const KINDS: readonly [string, number, (r: Random) => string | Buffer][] = [
    ['mutated example', 30, mutatedExample],
    ['token soup', 15, tokenSoup],
    ['deep nesting', 15, deepNesting],
    ['hostile number', 12, hostileNumber],
    ['hostile import', 8, hostileImport],
    ['odd encoding', 10, oddEncoding],
    ['wide', 10, wide]
];
const TOTAL_WEIGHT = KINDS.reduce((a, [, w]) => a + w, 0);

/** The `index`-th input of the run seeded `seed`. */
export function hostileInput(seed: number, index: number): HostileInput {
    const r = rng(seed * 1_000_003 + index);
    let k = r() * TOTAL_WEIGHT;
    for (const [kind, weight, make] of KINDS) {
        if ((k -= weight) < 0) {
            const made = make(r);
            return { kind, bytes: typeof made === 'string' ? Buffer.from(made, 'utf8') : made };
        }
    }
    throw new Error('unreachable');
}
