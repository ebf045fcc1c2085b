import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentOnTypeFormattingOptions, TextEdit } from 'vscode-languageserver';
import type { ConvspecServices } from '../convspec-module.js';
import { formatConvText } from '../formatting/format-text.js';

/** Whole-document formatting; a file that does not parse is left alone rather than guessed at. */
export class ConvspecFormatter implements Formatter {
    constructor(private readonly services: ConvspecServices) {}

    formatDocument(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        const { parserErrors, lexerErrors } = document.parseResult;
        if (parserErrors.length > 0 || lexerErrors.length > 0) return [];
        const text = document.textDocument.getText();
        const lexed = this.services.parser.Lexer.tokenize(text);
        const indent = params.options.insertSpaces === false ? '\t' : ' '.repeat(params.options.tabSize || 2);
        const formatted = formatConvText(
            text,
            lexed.tokens,
            lexed.hidden.filter(t => /^\/[/*]/.test(t.image)),
            indent
        );
        if (formatted === text) return [];
        return [{ range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) }, newText: formatted }];
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        return this.formatDocument(document, params);
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }
}
