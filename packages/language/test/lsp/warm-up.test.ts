/**
 * The sample the server parses and evaluates while it initializes
 * (src/lsp/warm-up.ts) exercises what it is there for: many kinds of
 * statement and option, parsed and evaluated without an error, so the
 * warm-up neither logs nor hides a problem.
 */
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import type { Model } from '../../src/generated/ast.js';
import { analyzeModel } from '../../src/inference/engine.js';
import { createConvspecServices } from '../../src/lsp/convspec-lsp-module.js';
import { WARM_UP_SAMPLE, warmUp } from '../../src/lsp/warm-up.js';
import { allNodes } from '../../src/workspace/ast-walk.js';

describe('the warm-up sample', () => {
    const { Convspec } = createConvspecServices({ ...EmptyFileSystem });

    test('parses without an error and evaluates without an issue', () => {
        const result = Convspec.parser.LangiumParser.parse<Model>(WARM_UP_SAMPLE);
        expect([...result.lexerErrors, ...result.parserErrors]).toEqual([]);
        const analysis = analyzeModel(result.value);
        expect(analysis.issues).toEqual([]);
        expect(analysis.networks[0].output).toEqual({ w: 1, h: 1, d: 5 });
        expect(() => warmUp(Convspec)).not.toThrow();
    });

    test('has most kinds of statement and option in it', () => {
        const types = new Set(allNodes(Convspec.parser.LangiumParser.parse<Model>(WARM_UP_SAMPLE).value).map(n => n.$type));
        for (const type of ['Conv', 'DwConv', 'Deconv', 'Pool', 'Concat', 'Branch', 'Residual', 'Repeat', 'Multiply', 'Split', 'Dense']) {
            expect(types).toContain(type);
        }
        for (const type of [
            'StrideOption',
            'PadOption',
            'DilationOption',
            'GroupsOption',
            'MultOption',
            'OutpadOption',
            'BiasFlag',
            'RoundingFlag'
        ]) {
            expect(types).toContain(type);
        }
        expect(types.size).toBeGreaterThan(30);
    });
});
