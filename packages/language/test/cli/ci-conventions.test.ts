/**
 * The CI files users copy from this repository. The GitHub problem matcher
 * must read real `convspec check` text output the way the Actions runner
 * does (actions/runner: IssueMatcher.cs validates the file, OutputManager.cs
 * matches each log line and turns the match into an annotation), and the
 * pre-commit manifest must name a hook that runs `convspec check` on `.conv`
 * files.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ISSUE_CODES, ISSUE_REGISTRY } from '../../src/diagnostics/codes.js';
import { cli, PACKAGE_DIR, positionOf, readExample, REPO_ROOT, tempTreesOfThisFile } from './cli-harness.js';

const MATCHER_FILE = path.join(REPO_ROOT, '.github', 'convspec-problem-matcher.json');
const HOOKS_FILE = path.join(REPO_ROOT, '.pre-commit-hooks.yaml');

interface PatternConfig {
    readonly regexp: string;
    readonly file?: number;
    readonly line?: number;
    readonly column?: number;
    readonly severity?: number;
    readonly code?: number;
    readonly message?: number;
    readonly fromPath?: number;
    readonly loop?: boolean;
}

interface MatcherConfig {
    readonly owner: string;
    /** The default severity, used when the pattern captures none. */
    readonly severity?: string;
    readonly pattern: readonly PatternConfig[];
}

/** What GitHub shows for one matched log line. */
interface Annotation {
    readonly owner: string;
    readonly level: 'error' | 'warning' | 'notice';
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly code: string;
    readonly message: string;
}

interface JsonDiagnostic {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly severity: 'error' | 'warning' | 'info';
    readonly code: string;
    readonly message: string;
}

/** The decision this matcher implements: GitHub has no "info" level, so infos become notices. */
const LEVEL_OF_SEVERITY = { error: 'error', warning: 'warning', info: 'notice' } as const;

function loadMatchers(): MatcherConfig[] {
    return (JSON.parse(readFileSync(MATCHER_FILE, 'utf8')) as { problemMatcher: MatcherConfig[] }).problemMatcher;
}

/** The runner compiles `regexp` with RegexOptions.ECMAScript and no other flag that changes matching. */
function compile(pattern: PatternConfig): RegExp {
    return new RegExp(pattern.regexp);
}

/** 1 + the number of capturing groups, as .NET's `Regex.GetGroupNumbers().Length` counts them. */
function groupCount(regexp: RegExp): number {
    return new RegExp(`(?:${regexp.source})|`).exec('')!.length;
}

/** The checks `IssueMatchersConfig.Validate` makes when a workflow runs `::add-matcher::`. */
function validate(matchers: readonly MatcherConfig[]): void {
    const owners = new Set<string>();
    for (const matcher of matchers) {
        expect(matcher.owner, 'owner').toMatch(/\S/);
        expect(owners.has(matcher.owner.toLowerCase()), `duplicate owner ${matcher.owner}`).toBe(false);
        owners.add(matcher.owner.toLowerCase());
        expect(['', 'ERROR', 'WARNING', 'NOTICE']).toContain((matcher.severity ?? '').toUpperCase());
        // One line per diagnostic: a single pattern, so no `loop` and no state between lines.
        expect(matcher.pattern).toHaveLength(1);
        const pattern = matcher.pattern[0];
        expect(pattern.loop ?? false).toBe(false);
        const groups = groupCount(compile(pattern));
        for (const field of ['file', 'line', 'column', 'severity', 'code', 'message', 'fromPath'] as const) {
            const index = pattern[field];
            if (index !== undefined) expect(index, `${matcher.owner}.${field}`).toBeLessThan(groups);
        }
        expect(pattern.message, `${matcher.owner} sets no message`).toBeDefined();
    }
}

/** The annotation of one matcher for `line`, or undefined (no match, or a severity the runner skips). */
function annotateWith(matcher: MatcherConfig, line: string): Annotation | undefined {
    const pattern = matcher.pattern[0];
    const groups = compile(pattern).exec(line);
    if (groups === null) return undefined;
    const group = (index: number | undefined) => (index === undefined ? '' : (groups[index] ?? ''));
    const severity = (group(pattern.severity) || matcher.severity || '').toLowerCase();
    // OutputManager.ConvertToIssue: empty or "error" → error; "warning"; "notice"; anything else is dropped.
    const level =
        severity === '' || severity === 'error' ? 'error' : severity === 'warning' || severity === 'notice' ? severity : undefined;
    if (level === undefined || group(pattern.message).trim() === '') return undefined;
    return {
        owner: matcher.owner,
        level,
        file: group(pattern.file),
        line: Number(group(pattern.line)),
        column: Number(group(pattern.column)),
        code: group(pattern.code).trim(),
        message: group(pattern.message)
    };
}

/**
 * What the runner makes of one log line. It tries its matchers in an order
 * that depends on when each was added, so each line must have at most one
 * matcher that annotates it, and then the order does not matter.
 */
function annotate(matchers: readonly MatcherConfig[], line: string): Annotation | undefined {
    const found = matchers.flatMap(m => annotateWith(m, line) ?? []);
    expect(found.length, `matchers that annotate ${JSON.stringify(line)}`).toBeLessThanOrEqual(1);
    return found[0];
}

const tempTree = tempTreesOfThisFile();

describe('the GitHub problem matcher', () => {
    const matchers = loadMatchers();

    test('passes the runner’s validation: unique owners, known default severities, groups in range', () => {
        validate(matchers);
    });

    test('reads every diagnostic code at its severity, infos as notices', () => {
        for (const code of ISSUE_CODES) {
            const severity = ISSUE_REGISTRY[code].severity;
            const annotation = annotate(matchers, `nets/a.conv:12:5: ${severity} ${code} some message`);
            expect(annotation, code).toMatchObject({ level: LEVEL_OF_SEVERITY[severity], file: 'nets/a.conv', line: 12, column: 5, code });
        }
    });

    describe('on real `convspec check` output', () => {
        // A folder name with a space and a file name with a colon and a space; an
        // import whose path, quoted in the message, looks like a diagnostic line.
        const NETS = 'my nets/a:b 1.conv';
        const NETS_TEXT = 'network L {\n  input 10x10x4\n  conv 8 1x1 pad 1\n  conv 16 3x3 stride 2\n  dense 10\n}\n';
        const IMPORTER = 'imp.conv';
        const IMPORTER_TEXT = 'import "x:1:2: error fake-code y.conv"\nnetwork M {\n  input 8x8x4\n}\n';
        let dir: string;
        let textLines: string[];
        let json: { diagnostics: JsonDiagnostic[] };

        beforeAll(async () => {
            dir = tempTree({ [NETS]: NETS_TEXT, [IMPORTER]: IMPORTER_TEXT });
            const text = await cli(['check', '.'], { cwd: dir });
            expect(text.status).toBe(1);
            textLines = text.stdout.trimEnd().split('\n');
            json = JSON.parse((await cli(['check', '.', '--format', 'json'], { cwd: dir })).stdout);
        });

        test('annotates each diagnostic line with the file, position, level, code and message of the JSON output', () => {
            const diagnosticLines = textLines.slice(0, -1);
            expect(diagnosticLines).toHaveLength(json.diagnostics.length);
            const annotations = diagnosticLines.map(line => annotate(matchers, line));
            expect(annotations).toEqual(
                json.diagnostics.map(d =>
                    expect.objectContaining({
                        file: d.file,
                        line: d.line,
                        column: d.column,
                        level: LEVEL_OF_SEVERITY[d.severity],
                        code: d.code,
                        message: d.message
                    })
                )
            );
        });

        test('puts each annotation on the tokens it is about, in the file with the odd name', () => {
            const at = (text: string, needle: string) => {
                const { line, column } = positionOf(text, needle);
                return { line, column };
            };
            const annotations = textLines.map(line => annotate(matchers, line)).filter(a => a !== undefined);
            const pick = (code: string) => annotations.filter(a => a.code === code);
            // 10 + 2·1 − 1 + 1 = 12 wide after the padded 1×1; (12 − 3)/2 + 1 = 5.5 does not tile.
            expect(pick('non-integer-output')).toEqual([
                expect.objectContaining({ level: 'error', file: NETS, ...at(NETS_TEXT, '3x3 stride 2') })
            ]);
            expect(pick('padded-1x1')).toEqual([expect.objectContaining({ level: 'warning', file: NETS, ...at(NETS_TEXT, 'pad 1') })]);
            expect(pick('dense-on-spatial')).toEqual([
                expect.objectContaining({ owner: 'convspec-info', level: 'notice', file: NETS, ...at(NETS_TEXT, 'dense 10') })
            ]);
            // The file is the shortest prefix that fits, so the look-alike inside the message stays message.
            expect(pick('unresolved-import')).toEqual([
                expect.objectContaining({ level: 'error', file: IMPORTER, ...at(IMPORTER_TEXT, '"x:1:2') })
            ]);
            expect(pick('unresolved-import')[0].message).toMatch(/^cannot import "x:1:2: error fake-code y\.conv"/);
            expect(annotations).toHaveLength(4);
        });

        test('leaves the count line alone', () => {
            expect(textLines.at(-1)).toMatch(/^2 files checked: /);
            expect(annotate(matchers, textLines.at(-1)!)).toBeUndefined();
        });
    });

    test('annotates the error in examples/invalid at the `3x3 stride 2` tokens', async () => {
        const r = await cli(['check', 'examples/invalid']);
        expect(r.status).toBe(1);
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        const text = readExample('invalid/stride-does-not-tile.conv');
        const { line, column } = positionOf(text, '3x3 stride 2', positionOf(text, 'conv1: conv').offset);
        const annotation = annotate(matchers, lines[0]);
        expect(annotation).toMatchObject({
            owner: 'convspec',
            level: 'error',
            file: 'examples/invalid/stride-does-not-tile.conv',
            line,
            column,
            code: 'non-integer-output'
        });
        // (10 − 3 + 2·0)/2 + 1 = 4.5
        expect(annotation!.message).toMatch(/^\(10 − 3 \+ 2·0\)\/2 \+ 1 = 4\.5 is not an integer/);
        expect(annotate(matchers, lines[1])).toBeUndefined();
    });

    test('leaves usage and I/O errors on stderr alone', async () => {
        const missing = await cli(['check', 'no such.conv']);
        const usage = await cli(['check', 'examples/invalid', '--format', 'nope']);
        for (const r of [missing, usage]) {
            expect(r.status).toBe(2);
            const lines = r.stderr.trimEnd().split('\n');
            expect(lines.length).toBeGreaterThan(0);
            for (const line of lines) expect(annotate(matchers, line), line).toBeUndefined();
        }
    });
});

type Hook = Record<string, string>;

/**
 * `.pre-commit-hooks.yaml` read as the flat list of maps it is: `- key: value`
 * starts a hook, `  key: value` continues it, values plain or single-quoted.
 * Anything else fails, so a reader this small cannot misread the file.
 */
function readHooks(text: string): Hook[] {
    const hooks: Hook[] = [];
    for (const raw of text.split('\n')) {
        if (raw.trim() === '' || raw.startsWith('#')) continue;
        const entry = /^(- | {2})([a-z_]+): (.+)$/.exec(raw);
        if (entry === null) throw new Error(`not a flat hook entry: ${JSON.stringify(raw)}`);
        const [, lead, key, rawValue] = entry;
        let value = rawValue;
        if (value.startsWith("'")) {
            if (!/^'([^']|'')*'$/.test(value)) throw new Error(`bad single-quoted value: ${value}`);
            value = value.slice(1, -1).replace(/''/g, "'");
        } else if (/^["[{&*!|>%@`]| #/.test(value)) {
            throw new Error(`not a plain scalar this reader understands: ${value}`);
        }
        if (lead === '- ') hooks.push({});
        if (hooks.length === 0) throw new Error(`entry before the first hook: ${raw}`);
        const hook = hooks[hooks.length - 1];
        if (key in hook) throw new Error(`duplicate key ${key}`);
        hook[key] = value;
    }
    return hooks;
}

describe('the pre-commit manifest', () => {
    const hooks = readHooks(readFileSync(HOOKS_FILE, 'utf8'));

    test('has one hook, convspec-check, run by the convspec on PATH', () => {
        expect(hooks).toHaveLength(1);
        expect(hooks[0]).toMatchObject({ id: 'convspec-check', name: 'convspec check', entry: 'convspec check', language: 'system' });
        // Keys pre-commit knows (clientlib.MANIFEST_HOOK_DICT) and nothing that changes how files are passed.
        expect(Object.keys(hooks[0]).sort()).toEqual(['description', 'entry', 'files', 'id', 'language', 'name']);
        const bin = (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
        expect(Object.keys(bin)).toContain(hooks[0].entry.split(' ')[0]);
    });

    test('runs on .conv files only (pre-commit searches `files` in the path)', () => {
        const files = new RegExp(hooks[0].files);
        for (const p of ['a/b.conv', 'b.conv', 'my nets/a:b 1.conv']) expect(files.test(p), p).toBe(true);
        for (const p of ['a.conv.txt', 'a/b.conv/readme.md', 'a.convx', 'aconv']) expect(files.test(p), p).toBe(false);
    });

    test('the entry, given the staged files, fails on an error and passes on warnings', async () => {
        // pre-commit runs `entry` followed by the matching file names.
        const args = hooks[0].entry.split(' ').slice(1);
        const dir = tempTree({
            'bad.conv': readExample('invalid/stride-does-not-tile.conv'),
            'warned.conv': 'network W {\n  input 8x8x4\n  conv 8 1x1 pad 1\n}\n'
        });
        const bad = await cli([...args, 'bad.conv', 'warned.conv'], { cwd: dir });
        expect(bad.status).toBe(1);
        expect(bad.stdout).toMatch(/^bad\.conv:\d+:\d+: error non-integer-output /m);
        expect((await cli([...args, 'warned.conv'], { cwd: dir })).status).toBe(0);
    });
});
