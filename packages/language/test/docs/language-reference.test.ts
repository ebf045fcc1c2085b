/**
 * docs/language.md stays true: every ```conv example in it runs through the
 * CLI. An example followed by a ```text block of `$ convspec …` lines is
 * compared with what those commands print (stdout, then stderr, the
 * section's folder written as `…/`); any other example must check clean. A
 * transcript that follows no example runs in the repository. Each section
 * (a `#` heading) gets a folder of its own; an example whose first line is
 * `// file: PATH` is written to PATH, else to net.conv.
 *
 * `CONVSPEC_UPDATE_DOCS=1` rewrites the transcripts with what the CLI prints
 * now (review the diff before committing it).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cli, REPO_ROOT } from '../cli/cli-harness.js';

const DOC = path.join(REPO_ROOT, 'docs', 'language.md');
const UPDATE = process.env.CONVSPEC_UPDATE_DOCS === '1';
const CLEAN = /0 errors, 0 warnings, 0 info$/;

interface Block {
    readonly kind: string;
    /** Line indices of the block's content (after the opening fence, before the closing one). */
    readonly start: number;
    readonly end: number;
    readonly section: number;
}

const lines = readFileSync(DOC, 'utf8').split('\n');
const blocks: Block[] = [];
for (let i = 0, section = 0; i < lines.length; i++) {
    if (lines[i].startsWith('#')) section++;
    const fence = /^```(\w*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    let j = i + 1;
    while (!lines[j].startsWith('```')) j++;
    blocks.push({ kind: fence[1], start: i + 1, end: j, section });
    i = j;
}

const root = path.join(os.tmpdir(), `convspec-docs-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs one `convspec …` line as a user would in `cwd`; the output as the transcript shows it. */
async function transcript(command: string, cwd: string): Promise<{ out: string; status: number | null }> {
    const args = command.split(/\s+/).slice(1);
    const r = await cli(args, { cwd });
    return { out: (r.stdout + r.stderr).split(`${cwd}/`).join('…/').replace(/\n+$/, ''), status: r.status };
}

const isTranscript = (b: Block | undefined) => b?.kind === 'text' && lines[b.start]?.startsWith('$ convspec');

/** The examples and their transcripts, each a test. */
interface Case {
    readonly line: number;
    readonly run: () => Promise<string[]>;
}

const cases: Case[] = [];
const updates = new Map<Block, string[]>();
let previous: { dir: string; name: string } | undefined;

for (const [n, block] of blocks.entries()) {
    const body = lines.slice(block.start, block.end);
    if (block.kind === 'conv') {
        const dir = path.join(root, `s${block.section}`);
        const name = /^\/\/ file: (\S+)/.exec(body[0] ?? '')?.[1] ?? 'net.conv';
        const next = blocks[n + 1];
        const adjacent = next !== undefined && lines.slice(block.end + 1, next.start - 1).every(l => l.trim() === '');
        // Written when its test runs, in document order: a later example may reuse the name.
        const write = () => {
            mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
            writeFileSync(path.join(dir, name), body.join('\n') + '\n');
        };
        if (isTranscript(next) && adjacent) {
            previous = { dir, name };
            cases.push({ line: block.start, run: async () => (write(), []) });
            continue;
        }
        previous = undefined;
        cases.push({
            line: block.start,
            run: async () => {
                write();
                const { out, status } = await transcript(`convspec check ${name}`, dir);
                return status === 0 && CLEAN.test(out) ? [] : [`expected to check clean, got (exit ${status}):\n${out}`];
            }
        });
    } else if (isTranscript(block)) {
        const example = previous;
        previous = undefined;
        cases.push({
            line: block.start,
            run: async () => {
                const cwd = example?.dir ?? REPO_ROOT;
                const chunks: { command: string; expected: string[] }[] = [];
                for (const line of body) {
                    if (line.startsWith('$ convspec')) chunks.push({ command: line, expected: [] });
                    else chunks[chunks.length - 1].expected.push(line);
                }
                const failures: string[] = [];
                const actual: string[] = [];
                for (const { command, expected } of chunks) {
                    const { out, status } = await transcript(command.slice(2), cwd);
                    actual.push(command, ...(out ? out.split('\n') : []));
                    if (expected.join('\n').replace(/\n+$/, '') !== out) failures.push(`\`${command}\` (exit ${status}) prints:\n${out}`);
                }
                if (UPDATE) updates.set(block, actual);
                // An example shown with a summary or annotate transcript is a valid one.
                if (example && !chunks.some(c => /^\$ convspec (check|fix)\b/.test(c.command))) {
                    const { out, status } = await transcript(`convspec check ${example.name}`, cwd);
                    if (status !== 0 || !CLEAN.test(out)) failures.push(`the example should check clean, got (exit ${status}):\n${out}`);
                }
                return failures;
            }
        });
    } else {
        previous = undefined;
    }
}

describe('docs/language.md', () => {
    test('has examples and transcripts to check', () => {
        expect(blocks.filter(b => b.kind === 'conv').length).toBeGreaterThanOrEqual(40);
        expect(blocks.filter(isTranscript).length).toBeGreaterThanOrEqual(30);
    });

    test.each(cases.map(c => [c.line + 1, c] as const))('the example or transcript at line %i', async (_line, c) => {
        expect(await c.run()).toEqual([]);
    });

    test('relative links point at files of the repository; no path outside it', () => {
        const text = lines.join('\n');
        expect(text).not.toMatch(/\.\.\/shared|\/work\//);
        const prose = text.replace(/```[\s\S]*?```/g, '');
        for (const [, target] of prose.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)) {
            if (/^https?:/.test(target)) continue;
            expect(existsSync(path.resolve(path.dirname(DOC), target)), target).toBe(true);
        }
    });

    afterAll(() => {
        if (!UPDATE || updates.size === 0) return;
        const out = [...lines];
        for (const [block, body] of [...updates].sort((a, b) => b[0].start - a[0].start))
            out.splice(block.start, block.end - block.start, ...body);
        writeFileSync(DOC, out.join('\n'));
    });
});
