import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DIAGRAM_CSS } from '../../src/render/network-svg.js';
import { cli, tempTreesOfThisFile } from '../cli/cli-harness.js';

// `convspec draw` in process: what it writes for the scaled diagram, and PNG refused with the way to make one.
const tree = tempTreesOfThisFile();
const NET = 'network Tiny {\n  input 65x65x3\n  conv 32 3x3 stride 2 pad 1\n  relu\n  globalavgpool\n  dense 10\n}\n';

describe('convspec draw', () => {
    test('PNG is refused with a usage error (exit 2, one line) that names the conversion; nothing is written', async () => {
        const dir = tree({ 'net.conv': NET });
        for (const args of [
            ['-o', 'net.png'],
            ['-o', 'NET.PNG'],
            ['--format', 'png']
        ]) {
            const r = await cli(['draw', 'net.conv', ...args], { cwd: dir });
            expect(r.status).toBe(2);
            expect(r.stdout).toBe('');
            expect(r.stderr.trim().split('\n')).toHaveLength(1);
            expect(r.stderr).toContain('rsvg-convert -z 2 -o net.png net.svg');
        }
        expect(existsSync(path.join(dir, 'net.png'))).toBe(false);
        const help = await cli(['draw', '--help']);
        expect(help.stdout).toContain('rsvg-convert');
    });

    test('a .svg file carries plain colours (converters without CSS var() draw it); the HTML keeps the editor theme', async () => {
        const dir = tree({ 'net.conv': NET });
        expect((await cli(['draw', 'net.conv', '-o', 'net.svg'], { cwd: dir })).status).toBe(0);
        const svg = readFileSync(path.join(dir, 'net.svg'), 'utf8');
        expect(svg).not.toContain('var(');
        // The fallback of each theme variable is what is written: the flow lines' grey, the text's near-black.
        expect(svg).toContain('stroke: #59636e');
        expect(svg).toContain('fill: #1f2328');
        expect(DIAGRAM_CSS).toContain('var(--vscode-descriptionForeground, #59636e)');
        expect((await cli(['draw', 'net.conv', '-o', 'net.html'], { cwd: dir })).status).toBe(0);
        expect(readFileSync(path.join(dir, 'net.html'), 'utf8')).toContain('var(--vscode-editor-foreground, #1f2328)');
    });
});
