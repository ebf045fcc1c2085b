import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_DIR, run } from './cli-harness.js';

describe('--version and --help', () => {
    const version = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version as string;

    test('--version and -v print the package version', () => {
        for (const flag of ['--version', '-v']) {
            const r = run([flag]);
            expect(r.status).toBe(0);
            expect(r.stdout).toBe(`${version}\n`);
        }
    });

    test('--help describes every command and exits 0', () => {
        const r = run(['--help']);
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/Usage: convspec COMMAND/);
        for (const command of ['check', 'summary', 'annotate']) expect(r.stdout).toContain(`  ${command} `);
        expect(r.stdout).toContain(version);
    });

    test.each([
        ['check', /Usage: convspec check PATH\.\.\..*--format text\|json\|sarif\|github.*--max-warnings/],
        [
            'summary',
            /Usage: convspec summary FILE.*--network NAME.*--format table\|json\|markdown\|csv\|latex.*--depth N.*--columns LIST.*--batch N.*--dtype float32\|float16\|bfloat16\|int8/s
        ],
        ['annotate', /Usage: convspec annotate FILE/]
    ])('%s --help exits 0 and describes usage', (command, usage) => {
        const r = run([command, '--help']);
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(usage);
        expect(r.stderr).toBe('');
    });

    test('no command at all prints the help to stderr and exits 2', () => {
        const r = run([]);
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/Usage: convspec COMMAND/);
    });
});
