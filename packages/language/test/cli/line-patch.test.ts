import { applyPatch, createTwoFilesPatch } from 'diff';
import { describe, expect, test } from 'vitest';
import { unifiedPatch } from '../../src/cli/line-patch.js';
import { rng } from '../pytorch/corpus.js';

/** A text from few distinct lines, so that lines repeat (the case patience anchors cannot cover). */
function randomText(r: () => number, lines: number): string {
    const words = ['conv 64 3x3', '  relu', '}', 'network N {', '  input 32x32x3', 'pool 2x2', '\r', ''];
    let text = '';
    for (let i = 0; i < lines; i++) text += words[Math.floor(r() * words.length)] + (r() < 0.1 ? ` ${i}` : '') + '\n';
    return r() < 0.3 ? text.slice(0, -1) : text;
}

/** Deletes, inserts and replaces a few random lines. */
function edited(r: () => number, text: string): string {
    const lines = text.split('\n');
    const edits = 1 + Math.floor(r() * 6);
    for (let e = 0; e < edits; e++) {
        const at = Math.floor(r() * (lines.length + 1));
        const what = r();
        if (what < 0.33) lines.splice(at, 1);
        else if (what < 0.66) lines.splice(at, 0, `  new line ${e}`);
        else lines[at] = `  changed ${e}`;
    }
    const out = lines.join('\n');
    return r() < 0.2 ? out + '\n' : out;
}

describe('unified patch of fix --dry-run', () => {
    test('applies back to the new text on 500 random edits (repeated lines, CR, missing final newline, empty texts)', () => {
        for (let seed = 1; seed <= 500; seed++) {
            const r = rng(seed);
            const before = seed % 50 === 0 ? '' : randomText(r, Math.floor(r() * 40));
            const after = seed % 70 === 0 ? '' : edited(r, before);
            if (after === before) continue;
            const patch = unifiedPatch('a/f.conv', 'b/f.conv', before, after);
            expect(applyPatch(before, patch), `seed ${seed}`).toBe(after);
        }
    });

    test('is what jsdiff prints when the change is one line (same headers, hunk ranges, context)', () => {
        const before = 'network N {\n  input 11x11x3\n  conv 3 2x2 stride 2\n  relu\n  pool 2x2\n  dense 10\n}\n';
        const after = before.replace('conv 3 2x2 stride 2', 'conv 3 2x2 stride 2 floor');
        expect(unifiedPatch('a/f.conv', 'b/f.conv', before, after)).toBe(
            createTwoFilesPatch('a/f.conv', 'b/f.conv', before, after, '', '', { context: 3 })
        );
    });

    test('marks a last line without a newline as jsdiff does', () => {
        const before = 'a\nb\nc';
        const after = 'a\nb\nd';
        expect(unifiedPatch('a/f', 'b/f', before, after)).toBe(createTwoFilesPatch('a/f', 'b/f', before, after, '', '', { context: 3 }));
    });

    test('keeps changes more than six lines apart in separate hunks, and joins closer ones', () => {
        const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
        const before = lines.join('\n') + '\n';
        const far = before.replace('line 3\n', 'LINE 3\n').replace('line 20\n', 'LINE 20\n');
        const near = before.replace('line 3\n', 'LINE 3\n').replace('line 9\n', 'LINE 9\n');
        expect(unifiedPatch('a', 'b', before, far).match(/^@@/gm)).toHaveLength(2);
        expect(unifiedPatch('a', 'b', before, near).match(/^@@/gm)).toHaveLength(1);
        expect(unifiedPatch('a', 'b', before, far)).toBe(createTwoFilesPatch('a', 'b', before, far, '', '', { context: 3 }));
        expect(unifiedPatch('a', 'b', before, near)).toBe(createTwoFilesPatch('a', 'b', before, near, '', '', { context: 3 }));
    });
});
