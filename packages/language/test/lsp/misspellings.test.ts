/**
 * No cascade: 30 misspellings typed into a valid network — where a statement
 * begins, where an option goes, inside a number — each give exactly one
 * error, on the word, with a quick fix that writes a suggestion (or removes
 * what has no place), and every line after the word keeps its real volume in
 * its hint (`→ ?` only on the misspelt statement itself, which is skipped).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { errors, lineOf } from './harness.js';
import { InProcessSession } from './in-process.js';

let s: InProcessSession;
beforeAll(async () => {
    s = await InProcessSession.start();
});
afterAll(async () => s.stop());

const BLOCK = ['block b(f) {', '  conv 8 (f)x(f) pad 1', '  relu', '}'];
const NETWORK = [
    'network N {',
    '  input 32x32x3',
    '  conv 16 3x3 pad 1',
    '  MARK',
    '  bn',
    '  relu',
    '  maxpool 2',
    '  b(3)',
    '  conv 32 3x3 pad 1',
    '  globalavgpool',
    '}'
];

/** The valid file with `line` in place of MARK (a statement), or with `option` appended to the first conv. */
function typed(where: 'statement' | 'option' | 'block' | 'network-number', word: string): string {
    const block = where === 'block' ? BLOCK.map(l => l.replace('(f)x(f)', word)) : BLOCK;
    const network = NETWORK.flatMap(l => {
        if (l.includes('MARK')) return where === 'statement' ? [`  ${word}`] : where === 'network-number' ? [`  conv ${word} 1x1`] : [];
        if (where === 'option' && l === '  conv 16 3x3 pad 1') return [`${l} ${word}`];
        return [l];
    });
    return [...block, ...network, ''].join('\n');
}

const CASES: [where: 'statement' | 'option' | 'block' | 'network-number', word: string][] = [
    ['statement', 'swish1'],
    ['statement', 'bacthnorm'],
    ['statement', 'relu6x'],
    ['statement', 'Conv 16 3x3 pad 1'],
    ['statement', 'residul { conv 16 3x3 pad 1 }'],
    ['statement', 'Relu'],
    ['statement', 'BatchNorm2d'],
    ['statement', 'Conv2d 16 3x3 pad 1'],
    ['statement', 'dropuot'],
    ['statement', 'leaky_relu'],
    ['statement', 'sigmiod'],
    ['statement', 'identiy'],
    ['statement', 'concatt { branch { relu } }'],
    ['statement', 'repaet 2 { relu }'],
    ['statement', 'hardswhish'],
    ['statement', 'ReLU6'],
    ['option', 'padding 1'],
    ['option', 'strides 1'],
    ['option', 'bias=False'],
    ['option', 'kernel_size=3'],
    ['option', 'stride=1'],
    ['option', 'dilation_rate=1'],
    ['option', 'paddding 1'],
    ['option', 'use_bias=False'],
    ['block', 'fxf'],
    ['block', 'ff'],
    ['block', 'F'],
    ['network-number', 'in.depth'],
    ['network-number', 'in.width'],
    ['network-number', 'in.c']
];

describe('30 misspellings, no cascade', () => {
    test('the valid network has no diagnostic and a volume on every line', async () => {
        const text = typed('option', '');
        const { diagnostics } = await s.open(text);
        expect(diagnostics).toEqual([]);
    });

    test('there are 30 cases: statement, option and expression positions', () => {
        expect(CASES).toHaveLength(30);
        expect(new Set(CASES.map(([where]) => (where === 'block' || where === 'network-number' ? 'expression' : where)))).toEqual(
            new Set(['statement', 'option', 'expression'])
        );
    });

    test.each(CASES)('%s: %s', async (where, word) => {
        const text = typed(where, word);
        const { uri, diagnostics } = await s.open(text);
        const wrong = errors(diagnostics);
        expect(
            wrong.map(d => `${d.code}: ${d.message}`),
            text
        ).toHaveLength(1);
        const [error] = wrong;
        expect(['unknown-layer', 'unresolved-reference']).toContain(error.code);
        // The error covers the word, not the line or the file.
        const line = text.split('\n')[error.range.start.line];
        const covered = line.slice(error.range.start.character, error.range.end.character);
        expect(word.includes(covered) || covered.includes(word.split(' ')[0]), `covers "${covered}"`).toBe(true);
        // A quick fix writes a suggestion (or removes what has no place).
        const fixes = (await s.actions(uri, error.range, [error])).filter(a => a.kind === 'quickfix');
        expect(fixes.length, error.message).toBeGreaterThan(0);
        // Every statement line after the word shows a real volume.
        const hints = await s.hints(uri);
        const after = hints.filter(h => h.line > error.range.start.line && h.line !== lineOf(text, 'globalavgpool') + 1);
        expect(after.length).toBeGreaterThan(3);
        for (const h of after) expect(h.label, `line ${h.line + 1}: ${text.split('\n')[h.line]}`).not.toBe('→ ?');
        expect(hints.find(h => h.line === lineOf(text, 'globalavgpool'))?.label).toMatch(/^→ 1×1×32/);
    });
});
