/**
 * What the server caches or keeps between edits must never show: a document
 * edited many times (its statements reparsed in place around each change,
 * src/workspace/statement-reparse.ts, its analysis rebuilt) answers exactly as
 * the same text opened fresh. After every edit of seeded random sequences:
 * the diagnostics, every hint, the hints of a viewport (which visit only the
 * statements on its lines), hovers and code lenses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { int, pick, rng, type Random } from '../pytorch/corpus.js';
import { EXAMPLES, type Range } from './harness.js';
import { InProcessSession } from './in-process.js';

let edited: InProcessSession;
let fresh: InProcessSession;
beforeAll(async () => {
    edited = await InProcessSession.start();
    fresh = await InProcessSession.start();
});
afterAll(async () => {
    await edited.stop();
    await fresh.stop();
});

/** Edits a person makes: a number, a word, a typo and its fix, a line added or removed, a comment. */
function edit(r: Random, text: string): string {
    const lines = text.split('\n');
    // Mostly the statements of the file, not its comments.
    const statements = lines.flatMap((l, k) => (/^\s+[a-z]/.test(l) ? [k] : []));
    const k = statements.length > 0 && r() < 0.9 ? pick(r, statements) : int(r, 0, lines.length - 1);
    const line = lines[k];
    switch (int(r, 0, 6)) {
        case 0: {
            // A digit of the line changed (a filter count, a kernel, a stride).
            const digits = [...line.matchAll(/\d/g)];
            if (digits.length === 0) return text;
            const at = pick(r, digits).index ?? 0;
            lines[k] = line.slice(0, at) + String(int(r, 1, 9)) + line.slice(at + 1);
            break;
        }
        case 1:
            // A character of a word replaced: a typo, or the fix of one.
            lines[k] = line.replace(/[a-z](?=[a-z]*\b)/, c => (c === 'x' ? 'e' : 'x'));
            break;
        case 2:
            lines.splice(k + 1, 0, pick(r, ['  relu', '  conv 8 3x3 pad 1', '  bn', '  maxpool 2x2', '  dropout 0.5', '  x9: relu']));
            break;
        case 3:
            lines.splice(k, 1);
            break;
        case 4:
            lines[k] = `${line} // note ${k}`;
            break;
        case 5: {
            // One character anywhere, as random typing.
            const at = int(r, 0, line.length);
            lines[k] = line.slice(0, at) + pick(r, [...'ax1 ;{}(),.:', '']) + line.slice(at + 1);
            break;
        }
        default:
            lines[k] = line.replace(/\b(relu|bn)\b/, m => (m === 'relu' ? 'gelu' : 'batchnorm'));
    }
    return lines.join('\n');
}

/** A few positions to hover: the start of some statement words. */
function hoverPositions(r: Random, text: string): { line: number; character: number }[] {
    const lines = text.split('\n');
    return Array.from({ length: 3 }, () => {
        const line = int(r, 0, lines.length - 1);
        const word = /\S/.exec(lines[line]);
        return { line, character: word ? word.index : 0 };
    });
}

/** Everything the session answers about `uri`, positions included; the document's name (in lens commands) as `URI`. */
async function answers(
    s: InProcessSession,
    uri: string,
    diagnostics: unknown,
    viewport: Range,
    hovers: { line: number; character: number }[]
) {
    const all = {
        diagnostics,
        hints: await s.hints(uri),
        viewport: await s.hints(uri, viewport),
        hovers: await Promise.all(hovers.map(p => s.hover(uri, p))),
        lenses: await s.codeLens(uri)
    };
    return JSON.parse(
        JSON.stringify(all)
            .replaceAll(uri, 'URI')
            .replaceAll(uri.slice(uri.lastIndexOf('/') + 1), 'NAME')
    ) as typeof all;
}

describe('a document edited many times answers as the same text opened fresh', () => {
    const starts = ['resnet50.conv', 'inception.conv', 'yolov3-tiny.conv', 'unet.conv'];
    test.each(starts)('%s', async name => {
        const r = rng(name.length * 7919);
        let text = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
        const { uri } = await edited.open(text);
        const parsed = () => edited.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))?.parseResult;
        const model = () => parsed()?.value;
        let inPlace = 0;
        // The last text without a syntax error: an edit that breaks the syntax is usually undone.
        let clean = text;
        for (let step = 0; step < 30; step++) {
            const result = parsed();
            const broken = (result?.parserErrors.length ?? 0) + (result?.lexerErrors.length ?? 0) > 0;
            if (!broken) clean = text;
            const next = broken && r() < 0.7 ? clean : edit(r, text);
            if (next === text) continue;
            text = next;
            const before = model();
            const diagnostics = await edited.change(uri, text);
            if (model() === before) inPlace++;
            const lineCount = text.split('\n').length;
            const top = int(r, 0, Math.max(0, lineCount - 10));
            const viewport: Range = { start: { line: top, character: 0 }, end: { line: top + 9, character: 1000 } };
            const hovers = hoverPositions(r, text);
            const opened = await fresh.open(text);
            const expected = await answers(fresh, opened.uri, opened.diagnostics, viewport, hovers);
            const actual = await answers(edited, uri, diagnostics, viewport, hovers);
            expect(actual, `step ${step}:\n${text}`).toEqual(expected);
            // The viewport's hints are the document's hints on those lines.
            expect(actual.viewport).toEqual(actual.hints.filter(h => h.line >= top && h.line <= top + 9));
            fresh.close(opened.uri);
        }
        // Most of these edits are reparsed in place; the comparison above covers both ways.
        expect(inPlace).toBeGreaterThan(10);
    });
});
