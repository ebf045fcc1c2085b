import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { createConvspecCoreServices } from '../../src/convspec-module.js';
import type { Model } from '../../src/generated/ast.js';

describe('imports', () => {
    test('a block is visible where its file is imported, and only there', async () => {
        const services = createConvspecCoreServices(EmptyFileSystem).Convspec;
        const parse = parseHelper<Model>(services);
        await parse('block double(c) { conv c*2 3x3 pad 1 }', { documentUri: 'file:///ws/lib/blocks.conv' });
        const importer = await parse('import "lib/blocks.conv"\nnetwork A { input 8x8x4\n  double(8) }', {
            documentUri: 'file:///ws/a.conv',
            validation: true
        });
        const stranger = await parse('network B { input 8x8x4\n  double(8) }', { documentUri: 'file:///ws/b.conv', validation: true });
        const missing = await parse('import "lib/nope.conv"\nnetwork C { input 8x8x4 }', {
            documentUri: 'file:///ws/c.conv',
            validation: true
        });

        expect(importer.diagnostics).toEqual([]);
        const a = services.inference.Analyzer.analyze(importer).networks[0];
        expect(a.output).toEqual({ w: 8, h: 8, d: 16 });
        expect(a.params).toBe(3 * 3 * 4 * 16 + 16);

        expect(stranger.diagnostics?.map(d => d.code)).toEqual(['unknown-block']);
        expect(missing.diagnostics?.map(d => d.code)).toEqual(['unresolved-import']);
    });

    test('an error inside an imported block is shown at the call', async () => {
        const services = createConvspecCoreServices(EmptyFileSystem).Convspec;
        const parse = parseHelper<Model>(services);
        await parse('block down() { conv 8 3x3 stride 2 }', { documentUri: 'file:///ws/lib.conv' });
        const doc = await parse('import "lib.conv"\nnetwork A { input 10x10x3\n  down() }', {
            documentUri: 'file:///ws/a.conv',
            validation: true
        });
        const [d] = doc.diagnostics!;
        expect(d.code).toBe('non-integer-output');
        expect(d.message).toContain('in block down: (10 − 3 + 2·0)/2 + 1 = 4.5');
        expect(doc.textDocument.getText(d.range)).toBe('down()');
    });
});
