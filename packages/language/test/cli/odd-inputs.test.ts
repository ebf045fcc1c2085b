import { describe, expect, test } from 'vitest';
import { expectNoStackTrace, cli, tempTreesOfThisFile } from './cli-harness.js';

const temp = tempTreesOfThisFile();

describe('unreadable or odd inputs', () => {
    test('a folder passed to summary or annotate exits 2 with a message, no stack trace', async () => {
        for (const command of ['summary', 'annotate']) {
            const r = await cli([command, 'examples']);
            expect(r.status, command).toBe(2);
            expect(r.stdout).toBe('');
            expect(r.stderr).toMatch(/^convspec: .*folder/);
            expectNoStackTrace(r.stderr);
        }
    });

    test('summary without a file, or with two, exits 2', async () => {
        expect((await cli(['summary'])).status).toBe(2);
        expect((await cli(['summary', 'examples/inception.conv', 'examples/seed.conv'])).status).toBe(2);
    });

    test('a binary / garbage file gives diagnostics (exit 1), not a crash', async () => {
        const garbage = Buffer.from([
            0x00, 0x01, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x80, 0x7b, 0x7d, 0xc3, 0x28
        ]);
        const dir = temp({ 'garbage.conv': garbage });
        const check = await cli(['check', 'garbage.conv', '--format', 'json'], { cwd: dir });
        expectNoStackTrace(check.stderr);
        expect(check.status).toBe(1);
        const out = JSON.parse(check.stdout);
        expect(out.errors).toBeGreaterThan(0);
        expect(out.diagnostics.every((d: { file: string; line: number }) => d.file === 'garbage.conv' && d.line >= 1)).toBe(true);

        const summary = await cli(['summary', 'garbage.conv', '--format', 'json'], { cwd: dir });
        expectNoStackTrace(summary.stderr);
        expect(summary.status).toBe(1);
        expect(JSON.parse(summary.stdout)).toMatchObject({ file: 'garbage.conv', networks: [] });

        const annotate = await cli(['annotate', 'garbage.conv'], { cwd: dir });
        expectNoStackTrace(annotate.stderr);
        expect(annotate.status).toBe(1);
    });

    test('an empty file is clean', async () => {
        const dir = temp({ 'empty.conv': '' });
        const r = await cli(['check', 'empty.conv'], { cwd: dir });
        expect(r.status).toBe(0);
    });
});
