/**
 * The layering rules of docs/architecture.md are ESLint rules (eslint.config.js),
 * run by `pnpm lint`. These tests make sure the rules bite: each lints a small
 * file that breaks one rule, as if it stood at the given path.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const eslint = new ESLint({ cwd: REPO });

async function rulesBroken(relativePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(REPO, relativePath) });
    return result.messages.map(m => m.ruleId ?? m.message);
}

describe('layers only look down', () => {
    test.each(['validation', 'presentation', 'lsp', 'cli', 'fixes', 'render', 'export', 'summary', 'node'])(
        'the engine may not import from %s/',
        async layer => {
            const code = `import { x } from '../${layer}/anything.js';\nexport const y = x;\n`;
            expect(await rulesBroken('packages/language/src/inference/probe.ts', code)).toContain('no-restricted-imports');
        }
    );

    test('the engine may import the engine (near miss)', async () => {
        const code = "import { windowAxis } from './spatial.js';\nexport const y = windowAxis;\n";
        expect(await rulesBroken('packages/language/src/inference/probe.ts', code)).toEqual([]);
    });

    test.each([
        ['node:fs', 'packages/language/src/render/probe.ts'],
        ['path', 'packages/language/src/lsp/probe.ts'],
        ['child_process', 'packages/language/src/inference/probe.ts'],
        ['node:process', 'packages/language/src/api/probe.ts']
    ])('the core may not import %s (%s)', async (module, file) => {
        expect(await rulesBroken(file, `import * as m from '${module}';\nexport const y = m;\n`)).toContain('no-restricted-imports');
    });

    test('the core may not read the process global; the CLI may', async () => {
        const code = 'export const cwd = process.cwd();\n';
        expect(await rulesBroken('packages/language/src/presentation/probe.ts', code)).toContain('no-restricted-globals');
        expect(await rulesBroken('packages/language/src/cli/probe.ts', code)).toEqual([]);
        expect(await rulesBroken('packages/language/src/node/probe.ts', "import * as fs from 'node:fs';\nexport const f = fs;\n")).toEqual(
            []
        );
    });

    test('the exporter uses neither non-null assertions nor type assertions', async () => {
        const bang = 'export function f(x: { a?: number }): number {\n    return x.a!;\n}\n';
        const cast = 'export function f(x: unknown): number {\n    return x as number;\n}\n';
        expect(await rulesBroken('packages/language/src/export/probe.ts', bang)).toContain('@typescript-eslint/no-non-null-assertion');
        expect(await rulesBroken('packages/language/src/export/probe.ts', cast)).toContain('@typescript-eslint/consistent-type-assertions');
        // `as const` is no assertion about a value's type.
        expect(await rulesBroken('packages/language/src/export/probe.ts', 'export const k = [1, 2] as const;\n')).toEqual([]);
    });

    test('no spread of an array into Math.max/min or push anywhere in src; array literals may spread', async () => {
        for (const code of [
            'export const m = (xs: number[]) => Math.max(...xs);\n',
            'export const n = (xs: number[]) => Math.min(0, ...xs);\n',
            'export const p = (a: number[], xs: number[]) => a.push(...xs);\n'
        ]) {
            expect(await rulesBroken('packages/language/src/render/probe.ts', code), code).toContain('no-restricted-syntax');
        }
        expect(await rulesBroken('packages/language/src/render/probe.ts', 'export const c = (xs: number[]) => [0, ...xs];\n')).toEqual([]);
    });

    test('no line over 140 characters in src', async () => {
        const code = `export const s = '${'x'.repeat(140)}';\n`;
        expect(await rulesBroken('packages/language/src/inference/probe.ts', code)).toContain('@stylistic/max-len');
    });
});
