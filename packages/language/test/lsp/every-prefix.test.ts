import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { Model } from '../../src/generated/ast.js';
import { createConvspecServices } from '../../src/lsp/convspec-lsp-module.js';

/**
 * Half-typed input, exhaustively: every prefix of every example, character by
 * character, through the same providers the server uses (in process, so it
 * stays fast; robustness.test.ts does every 29th prefix over stdio). Inside a
 * comment only its first two characters and its end are cut: a prefix ending
 * deeper in a comment reads as the same tokens as one ending at its `//`.
 */
const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
const files = fs
    .readdirSync(examples, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.conv'))
    .sort();

/** Prefix lengths that end in the middle of a comment's text. */
function insideComments(text: string): Set<number> {
    const skip = new Set<number>();
    for (const m of text.matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)) {
        for (let length = m.index + 3; length < m.index + m[0].length; length++) skip.add(length);
    }
    return skip;
}

function freshServices() {
    const { Convspec } = createConvspecServices({ ...EmptyFileSystem });
    return { lsp: Convspec.lsp, parse: parseHelper<Model>(Convspec) };
}

describe('every prefix of every example', () => {
    test.each(files)(
        '%s',
        async file => {
            const text = fs.readFileSync(path.join(examples, file), 'utf8');
            let services = freshServices();
            const failures: string[] = [];
            const skip = insideComments(text);
            let parsed = 0;
            for (let length = 0; length <= text.length; length++) {
                if (skip.has(length)) continue;
                if (++parsed % 400 === 0) services = freshServices();
                const prefix = text.slice(0, length);
                try {
                    const document = await services.parse(prefix, { validation: true });
                    const uri = { uri: document.uri.toString() };
                    const end = document.textDocument.positionAt(prefix.length);
                    const middle = document.textDocument.positionAt(Math.floor(prefix.length / 2));
                    await services.lsp.InlayHintProvider!.getInlayHints(document, {
                        textDocument: uri,
                        range: { start: { line: 0, character: 0 }, end }
                    });
                    await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: uri, position: middle });
                    await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: uri, position: end });
                    await services.lsp.CodeActionProvider!.getCodeActions(document, {
                        textDocument: uri,
                        range: { start: middle, end: middle },
                        context: { diagnostics: document.diagnostics ?? [] }
                    });
                    await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: uri });
                    await services.lsp.Formatter!.formatDocument(document, {
                        textDocument: uri,
                        options: { tabSize: 2, insertSpaces: true }
                    });
                    const internal = (document.diagnostics ?? []).filter(d => d.message.includes('An error occurred'));
                    if (internal.length > 0) failures.push(`prefix ${length}: ${internal[0].message}`);
                } catch (e) {
                    failures.push(`prefix ${length}: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
                }
                if (failures.length >= 5) break;
            }
            expect(failures).toEqual([]);
        },
        600_000
    );
});
