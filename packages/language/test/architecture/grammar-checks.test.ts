import { createDefaultCoreModule, createDefaultSharedCoreModule, EmptyFileSystem, inject } from 'langium';
import { describe, expect, test } from 'vitest';
import { ConvspecModule } from '../../src/convspec-module.js';
import { ConvspecGeneratedModule, ConvspecGeneratedSharedModule, ConvspecLanguageMetaData } from '../../src/generated/module.js';

/*
 * The build generates the language in Langium's production mode, which tells
 * Chevrotain to skip its grammar and token checks when the parser is built:
 * they cost a third of a CLI call's start-up. They still run here, on every
 * test run, in development mode: a grammar change they would refuse fails.
 */
describe('Chevrotain checks of the grammar (skipped at run time)', () => {
    test('the built language skips them', () => {
        expect(ConvspecLanguageMetaData.mode).toBe('production');
    });

    test('the parser and lexer pass them in development mode', () => {
        const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), ConvspecGeneratedSharedModule);
        const services = inject(createDefaultCoreModule({ shared }), ConvspecGeneratedModule, ConvspecModule, {
            LanguageMetaData: () => ({ ...ConvspecLanguageMetaData, mode: 'development' as const })
        });
        expect(services.LanguageMetaData.mode).toBe('development');
        const result = services.parser.LangiumParser.parse('network N {\n  input 32x32x3\n  conv 8 3x3 pad 1\n}\n');
        expect(result.lexerErrors).toEqual([]);
        expect(result.parserErrors).toEqual([]);
    });
});
