import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EXAMPLES, removeTree, cli, tempTree } from './cli-harness.js';

const temps: string[] = [];
const temp = (files: Record<string, string>) => {
    const d = tempTree(files);
    temps.push(d);
    return d;
};
afterAll(() => temps.forEach(removeTree));

const MARK = '// → ';

/** Splits into lines that keep their endings. */
const splitKeep = (text: string) => text.split(/(?<=\n)/);
const ending = (line: string) => /\r?\n$/.exec(line)?.[0] ?? '';

/**
 * Checks that `annotated` is `original` with, on some lines, only spaces and a
 * trailing `// → …` comment appended: every original byte kept in place.
 * Returns the annotated lines' comment columns and texts.
 */
function expectOnlyAppended(original: string, annotated: string): { line: number; column: number; hint: string }[] {
    const before = splitKeep(original);
    const after = splitKeep(annotated);
    expect(after).toHaveLength(before.length);
    const hints: { line: number; column: number; hint: string }[] = [];
    after.forEach((line, i) => {
        const orig = before[i];
        if (line === orig) return;
        const body = line.slice(0, line.length - ending(line).length);
        const at = body.lastIndexOf(MARK);
        expect(at, `line ${i + 1} changed without a hint: ${JSON.stringify(line)}`).toBeGreaterThan(0);
        const kept = body.slice(0, at);
        const origBody = orig.slice(0, orig.length - ending(orig).length);
        expect(ending(line), `line ${i + 1} ending`).toBe(ending(orig));
        expect(kept.startsWith(origBody), `line ${i + 1}: ${JSON.stringify(line)} does not start with ${JSON.stringify(origBody)}`).toBe(
            true
        );
        expect(kept.slice(origBody.length), `line ${i + 1}: only spaces may separate the hint`).toMatch(/^ {2,}$/);
        expect(body.slice(at), `line ${i + 1}: one comment to the end of the line`).not.toMatch(/[\r\n]/);
        hints.push({ line: i + 1, column: at, hint: body.slice(at + MARK.length - 2) });
    });
    return hints;
}

/** The annotated text minus its hint comments (and the spaces before them) equals the input, trailing spaces aside. */
const strip = (annotated: string) => annotated.replace(/ +\/\/ → [^\r\n]*/g, '');

const SMALL = [
    'network Small {',
    '  input 28x28x192',
    '  conv 96 3x3',
    '  relu',
    '  // a comment line',
    '',
    '  pool: maxpool 2x2',
    '}',
    ''
].join('\n');

describe('annotate', () => {
    test('appends `// → 26×26×96 · 165,984 params` to `conv 96 3x3` on 28x28x192 and keeps every byte', async () => {
        expect(3 * 3 * 192 * 96 + 96).toBe(165984);
        const dir = temp({ 'small.conv': SMALL });
        const r = await cli(['annotate', 'small.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        expect(strip(r.stdout)).toBe(SMALL);
        const hints = expectOnlyAppended(SMALL, r.stdout);
        const conv = hints.find(h => h.line === 3);
        expect(conv?.hint).toBe('→ 26×26×96 · 165,984 params');
        expect(hints.find(h => h.line === 7)?.hint).toMatch(/^→ 13×13×96/);
        // Comment lines, blank lines and braces carry no hint.
        expect(hints.map(h => h.line)).not.toContain(5);
        expect(hints.map(h => h.line)).not.toContain(6);
    });

    test('hint comments are aligned in one column', async () => {
        const text = readFileSync(path.join(EXAMPLES, 'inception.conv'), 'utf8');
        const r = await cli(['annotate', 'examples/inception.conv']);
        expect(r.status).toBe(0);
        const hints = expectOnlyAppended(text, r.stdout);
        expect(hints.length).toBeGreaterThanOrEqual(13);
        const columns = new Set(hints.map(h => h.column));
        expect(columns.size, `columns: ${[...columns].join(', ')}`).toBe(1);
        expect(hints.map(h => h.hint)).toEqual(expect.arrayContaining(['→ 28×28×416 · 387,072 params', '→ 28×28×256 · 163,328 params']));
    });

    test('CRLF line endings and trailing spaces survive byte for byte', async () => {
        const crlf = SMALL.replace(/\n/g, '\r\n').replace('  relu\r\n', '  relu   \r\n').replace('}\r\n', '}');
        const dir = temp({ 'crlf.conv': crlf });
        const r = await cli(['annotate', 'crlf.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        const hints = expectOnlyAppended(crlf, r.stdout);
        expect(hints.find(h => h.line === 3)?.hint).toBe('→ 26×26×96 · 165,984 params');
        expect(r.stdout.match(/\r\n/g)?.length).toBe(crlf.match(/\r\n/g)?.length);
        expect(r.stdout.replace(/\r\n/g, '').includes('\n')).toBe(false);
        expect(r.stdout.endsWith('}')).toBe(true);
    });

    test('the annotated output is still valid .conv with the same diagnostics', async () => {
        // Includes a block, a repeat, `;`-separated statements, an existing trailing
        // comment and a block comment that opens on a statement line.
        const source = [
            'block unit(c) {',
            '  conv c 3x3 pad 1; relu',
            '}',
            'network Mixed {',
            '  input 32x32x3',
            '  unit(8)            // existing comment',
            '  repeat 2 {',
            '    conv 8 1x1',
            '  }',
            '  maxpool 2 /* a block comment',
            '     that goes on */',
            '  flatten',
            '  fc 10',
            '}',
            ''
        ].join('\n');
        const dir = temp({ 'mixed.conv': source });
        const first = await cli(['annotate', 'mixed.conv'], { cwd: dir });
        expect(first.status).toBe(0);
        expectOnlyAppended(source, first.stdout);
        const again = temp({ 'annotated.conv': first.stdout });
        const check = await cli(['check', 'annotated.conv', '--format', 'json'], { cwd: again });
        expect(JSON.parse(check.stdout).diagnostics).toEqual([]);
        expect(check.status).toBe(0);

        // examples/inception.conv and the invalid example: same diagnostics after annotation.
        for (const rel of ['inception.conv', 'invalid/stride-does-not-tile.conv']) {
            const annotated = await cli(['annotate', `examples/${rel}`]);
            const dir2 = temp({ [path.basename(rel)]: annotated.stdout });
            const before = JSON.parse((await cli(['check', `examples/${rel}`, '--format', 'json'])).stdout).diagnostics;
            const after = JSON.parse((await cli(['check', path.basename(rel), '--format', 'json'], { cwd: dir2 })).stdout).diagnostics;
            const key = (d: { line: number; column: number; code: string }) => `${d.line}:${d.column} ${d.code}`;
            expect(after.map(key), rel).toEqual(before.map(key));
            expect(annotated.status).toBe(before.length > 0 ? 1 : 0);
        }
    });
});

describe('annotate never cuts a hint', () => {
    test('a hint longer than the editor cap keeps its rounding note and its whole parameter count', async () => {
        // W: (10002 + 2 − 3)/3 + 1 = 10004/3 → ⌊3334.667…⌋ = 3334; H: 1004/3 → ⌊334.667…⌋ = 334; 3·3·4096·2048 + 2048.
        const text = 'network Big {\n  input 10002x1002x4096\n  conv 2048 3x3 pad 1 floor stride 3\n}\n';
        const dir = temp({ 'big.conv': text });
        const r = await cli(['annotate', 'big.conv'], { cwd: dir });
        expect(r.status).toBe(0);
        const params = (3 * 3 * 4096 * 2048 + 2048).toLocaleString('en-US');
        expect(r.stdout).toContain(`// → 3334×334×2048 (⌊3334.667…⌋×⌊334.667…⌋) · ${params} params`);
        expect(r.stdout).not.toContain('…\n');
    });
});
