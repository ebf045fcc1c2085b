import { formatCheckGithub } from '../../src/cli/formats/check-github.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import AjvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_DIR, positionOf, readExample, removeTree, REPO_ROOT, cli, tempTree } from './cli-harness.js';

const INVALID = 'examples/invalid/stride-does-not-tile.conv';
// CommonJS packages: under Node16 resolution their default import is `module.exports`, whose `.default` is the export.
const Ajv = AjvDraft04.default;
const addFormats = AjvFormats.default;
const VERSION = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version as string;

/**
 * The expected location of the one error: the `3x3 stride 2` tokens of the
 * conv line, computed from the file's text (1-based, end column exclusive).
 */
function expectedRange() {
    const text = readExample('invalid/stride-does-not-tile.conv');
    const statement = 'conv 16 3x3 stride 2';
    const at = positionOf(text, statement);
    const start = positionOf(text, '3x3', at.offset);
    const end = positionOf(text, 'stride 2', at.offset);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column + 'stride 2'.length };
}

interface JsonDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: 'error' | 'warning' | 'info';
    code: string;
    message: string;
}

// GitHub's own escaping rules (@actions/core's command.ts).
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const temps: string[] = [];
afterAll(() => temps.forEach(removeTree));

/** Files with an error whose name needs escaping, a multi-line message, a `%`, a warning and an info. */
let mixed: string;
let mixedJson: { diagnostics: JsonDiagnostic[] };
beforeAll(async () => {
    mixed = tempTree({
        'odd,name:50%.conv': 'network P {\n  input 10x10x3\n  conv1: 5 %\n}\n',
        'levels.conv': 'network L {\n  input 8x8x4\n  conv 8 1x1 pad 1\n  dense 10\n}\n'
    });
    temps.push(mixed);
    mixedJson = JSON.parse((await cli(['check', '.', '--format', 'json'], { cwd: mixed })).stdout);
});

describe('check --format text', () => {
    test('prints file:line:col: severity code message at the `3x3 stride 2` tokens', async () => {
        const r = await cli(['check', INVALID]);
        expect(r.status).toBe(1);
        const { line, column } = expectedRange();
        const lines = r.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(
            new RegExp(
                `^${INVALID.replace(/[.]/g, '\\.')}:${line}:${column}: error non-integer-output \\(10 − 3 \\+ 2·0\\)/2 \\+ 1 = 4\\.5 `
            )
        );
        expect(lines[1]).toBe('1 file checked: 1 error, 0 warnings, 0 info');
    });
});

describe('check --format json', () => {
    test('has a diagnostics array with file, 1-based range, severity, code, message', async () => {
        const r = await cli(['check', INVALID, '--format', 'json']);
        expect(r.status).toBe(1);
        const out = JSON.parse(r.stdout);
        expect(out.files).toEqual([INVALID]);
        expect(out).toMatchObject({ errors: 1, warnings: 0, infos: 0 });
        expect(out.diagnostics).toHaveLength(1);
        const [d] = out.diagnostics as JsonDiagnostic[];
        expect(Object.keys(d).sort()).toEqual(['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
        expect(d).toMatchObject({ file: INVALID, ...expectedRange(), severity: 'error', code: 'non-integer-output' });
        expect(d.message).toContain('4.5 is not an integer');
    });

    test('reports warnings and infos with their severities', async () => {
        const levels = mixedJson.diagnostics.filter(d => d.file === 'levels.conv').map(d => `${d.severity} ${d.code}`);
        expect(levels).toEqual(['warning padded-1x1', 'info dense-on-spatial']);
    });
});

describe('check --format github', () => {
    test('prints one ::error workflow command with the exact range and code as title', async () => {
        const r = await cli(['check', INVALID, '--format', 'github']);
        expect(r.status).toBe(1);
        const json = JSON.parse((await cli(['check', INVALID, '--format', 'json'])).stdout) as { diagnostics: JsonDiagnostic[] };
        const { line, column, endLine, endColumn } = expectedRange();
        expect(r.stdout).toBe(
            `::error file=${INVALID},line=${line},col=${column},endLine=${endLine},endColumn=${endColumn},title=non-integer-output::${escapeData(json.diagnostics[0].message)}\n`
        );
    });

    test('escapes %, CR and LF in the message, and also , and : in properties; one line per diagnostic', async () => {
        const r = await cli(['check', '.', '--format', 'github'], { cwd: mixed });
        expect(r.status).toBe(1);
        const diagnostics = mixedJson.diagnostics;
        // The fixture must exercise every escape; no message has a line break any more (parser errors are one line), so that one directly.
        expect(formatCheckGithub([{ ...diagnostics[0], code: 'syntax-error', message: 'a\nb\r%' }])).toContain('::a%0Ab%0D%25\n');
        expect(diagnostics.some(d => d.message.includes('%'))).toBe(true);
        expect(diagnostics.some(d => /[,:%]/.test(d.file))).toBe(true);
        const command = { error: 'error', warning: 'warning', info: 'notice' };
        const expected = diagnostics.map(
            d =>
                `::${command[d.severity]} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},endLine=${d.endLine},endColumn=${d.endColumn},title=${escapeProperty(d.code)}::${escapeData(d.message)}`
        );
        const lines = r.stdout.split('\n');
        expect(lines.pop()).toBe('');
        expect(lines).toEqual(expected);
        expect(lines.filter(l => l.startsWith('::error file=odd%2Cname%3A50%25.conv,'))).toHaveLength(
            diagnostics.filter(d => d.severity === 'error').length
        );
        expect(lines.some(l => l.startsWith('::warning '))).toBe(true);
        expect(lines.some(l => l.startsWith('::notice '))).toBe(true);
    });
});

describe('check --format sarif', () => {
    const require = createRequire(import.meta.url);
    // @microsoft/jest-sarif ships the SARIF 2.1.0 schema (rtm.5, JSON Schema draft-04).
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    // unicodeRegExp: false because this copy of the schema has a `pattern` (on
    // `language`) with a stray `]` that only compiles without the `u` flag.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const expectValid = (log: unknown) => {
        const ok = validate(log);
        expect(ok ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n')).toEqual([]);
    };

    test('the schema is the SARIF 2.1.0 one', async () => {
        expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
        expect(schema.properties.version.enum).toEqual(['2.1.0']);
        // The validator does reject what is not SARIF.
        expect(validate({ version: '2.1.0' })).toBe(false);
        expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
        expect(
            validate({
                version: '2.1.0',
                runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }]
            })
        ).toBe(false);
        expect(
            validate({
                version: '2.1.0',
                runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'error' }] }]
            })
        ).toBe(true);
    });

    test('the output for examples/invalid validates against the SARIF 2.1.0 schema and carries the result', async () => {
        const r = await cli(['check', INVALID, '--format', 'sarif']);
        expect(r.status).toBe(1);
        const log = JSON.parse(r.stdout);
        expectValid(log);

        expect(log.version).toBe('2.1.0');
        expect(log.runs).toHaveLength(1);
        const [runObj] = log.runs;
        expect(runObj.tool.driver.name).toBe('convspec');
        expect(runObj.tool.driver.version).toBe(VERSION);
        const ruleIds: string[] = runObj.tool.driver.rules.map((rule: { id: string }) => rule.id);
        expect(new Set(ruleIds).size).toBe(ruleIds.length);
        expect(ruleIds).toEqual(expect.arrayContaining(['non-integer-output', 'padded-1x1', 'dense-on-spatial']));

        expect(runObj.results).toHaveLength(1);
        const [result] = runObj.results;
        expect(result.ruleId).toBe('non-integer-output');
        if (result.ruleIndex !== undefined) expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
        expect(result.level).toBe('error');
        expect(result.message.text).toContain('4.5 is not an integer');
        const { line, column, endLine, endColumn } = expectedRange();
        const location = result.locations[0].physicalLocation;
        expect(location.region).toEqual({ startLine: line, startColumn: column, endLine, endColumn });
        expect(location.artifactLocation.uri).toBe(INVALID);
        const base = runObj.originalUriBaseIds?.[location.artifactLocation.uriBaseId]?.uri;
        expect(new URL(location.artifactLocation.uri, base).href).toBe(pathToFileURL(path.join(REPO_ROOT, INVALID)).href);
    });

    test('warnings, notes and syntax errors from several files also validate', async () => {
        const r = await cli(['check', '.', '--format', 'sarif'], { cwd: mixed });
        const log = JSON.parse(r.stdout);
        expectValid(log);
        const results = log.runs[0].results as { ruleId: string; level: string }[];
        expect(results.map(x => x.level).sort()).toEqual(
            mixedJson.diagnostics.map(d => ({ error: 'error', warning: 'warning', info: 'note' })[d.severity]).sort()
        );
    });

    test.each([
        ['plain names, spaces, % and subfolders', '', ['plain.conv', 'with space.conv', 'sub/50%.conv']],
        ['names with : or # (must not turn into a URI scheme or fragment)', '', ['c:odd.conv', 'net#1.conv']],
        ['a working folder whose name has a space, % and #', 'my work 100%#2', ['a.conv']]
    ])('artifact URIs resolve against SRCROOT back to the file: %s', async (_name, folder, names) => {
        if (process.platform === 'win32' && names.some(n => n.includes(':'))) return;
        const broken = 'network B {\n  input 10x10x3\n  conv 16 3x3 stride 2\n}\n';
        const dir = tempTree(Object.fromEntries(names.map(n => [path.join(folder, n), broken])));
        temps.push(dir);
        const cwd = path.join(dir, folder);
        const log = JSON.parse((await cli(['check', '.', '--format', 'sarif'], { cwd })).stdout);
        expectValid(log);
        const runObj = log.runs[0];
        const resolved = (
            runObj.results as { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[]
        )
            .map(res => res.locations[0].physicalLocation.artifactLocation)
            .map(a => new URL(a.uri, a.uriBaseId ? runObj.originalUriBaseIds[a.uriBaseId].uri : undefined).href);
        expect(resolved.sort()).toEqual(names.map(n => pathToFileURL(path.join(cwd, n)).href).sort());
    });
});
