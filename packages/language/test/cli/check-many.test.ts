/**
 * `check` of many files: batches of files, dropped as they are done, and
 * beyond 200 files worker threads (only in the bundle a process runs). The
 * report must be the one of a single pass: the in-process `main` (the
 * unbundled build, one thread) is the reference for the real process.
 */
import { chmodSync, cpSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, EXAMPLES, run, tempTreesOfThisFile } from './cli-harness.js';

const tempTree = tempTreesOfThisFile();
const perCopy = readdirSync(EXAMPLES, { recursive: true }).filter(f => String(f).endsWith('.conv')).length;

/** 16 copies of examples/ (16 × 14 = 224 files today: over the worker threshold), files that import each other, and an unreadable file. */
function manyFiles(): string {
    const dir = tempTree({
        'imports/blocks.conv': 'block stem(d) {\n  conv d 3x3 stride 2 pad 1\n  relu\n}\n',
        // (33 − 3 + 2·1)/2 + 1 = 17: the stem tiles
        'imports/net-a.conv': 'import "blocks.conv"\nnetwork A {\n  input 33x33x3\n  stem(16)\n}\n',
        // (9 − 3 + 2·1)/2 + 1 = 5, then a 3×3 conv at stride 2 on 5 columns: (5 − 3)/2 + 1 = 2
        'imports/net-b.conv': 'import "blocks.conv"\nnetwork B {\n  input 9x9x3\n  stem(8)\n  conv 4 3x3 stride 2\n}\n',
        'imports/zz-unreadable.conv': 'network U { input 8x8x1 }\n'
    });
    for (let i = 1; i <= 16; i++) cpSync(EXAMPLES, path.join(dir, `copy${String(i).padStart(2, '0')}`), { recursive: true });
    chmodSync(path.join(dir, 'imports/zz-unreadable.conv'), 0o000);
    return dir;
}

describe('check of many files', () => {
    test('the process (bundle, worker threads) reports exactly what one in-process pass does, in every format', async () => {
        const dir = manyFiles();
        for (const [format, jobs] of [
            ['text', '2'],
            ['json', '3'],
            ['github', '1']
        ]) {
            const real = run(['check', '--format', format, '--jobs', jobs, '.'], { cwd: dir });
            const inProcess = await cli(['check', '--format', format, '.'], { cwd: dir });
            expect(real.stdout).toBe(inProcess.stdout);
            expect(real.stderr).toBe(inProcess.stderr);
            expect(real.status).toBe(inProcess.status);
        }
        const text = run(['check', '.'], { cwd: dir });
        const root = process.getuid?.() === 0; // root reads any file
        expect(text.stdout).toContain(`${16 * perCopy + (root ? 4 : 3)} files checked`);
        // The copies' one error each, and none from the importing files.
        expect(text.stdout.match(/non-integer-output/g)).toHaveLength(16);
        expect(text.stdout).not.toContain('imports/net-');
        expect(text.status).toBe(root ? 1 : 2);
    });
});
