import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ParseResult, type ValidationOptions } from 'langium';
import type { Cancellation } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIssueCode, type IssueCode } from '../diagnostics/codes.js';
import { boundedMessage } from './bounded-messages.js';

/** Names whose linking errors the validator words itself, with the nearest valid names (name-checks.ts). */
const OWN_LINKING_MESSAGES = new Set(['BlockCall', 'LabelRef', 'LabelDim', 'ParamRef']);

/**
 * Gives Langium's own diagnostics (syntax and linking) a stable convspec code,
 * leaves unresolved names to the validator's checks, whose messages can list
 * the names that do exist, and keeps the code the lexer gave a refusal
 * (`too-deep`). Every message leaves bounded (bounded-messages.ts).
 */
export class ConvspecDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(
        document: LangiumDocument,
        options?: ValidationOptions,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        return diagnostics
            .filter(d => !(d.data?.code === DocumentValidator.LinkingError && OWN_LINKING_MESSAGES.has(d.data?.containerType)))
            .map(d => ({ ...d, code: d.code ?? codeOf(d), message: boundedMessage(d.message) }));
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const first = diagnostics.length + parseResult.lexerErrors.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        // The lexer's report follows its errors, in order; a coded one keeps its code.
        parseResult.lexerReport?.diagnostics.forEach((report, k) => {
            const code: unknown = 'code' in report ? report.code : undefined;
            const diagnostic = diagnostics[first + k];
            if (diagnostic && isIssueCode(code)) diagnostics[first + k] = { ...diagnostic, code };
        });
    }
}

function codeOf(diagnostic: Diagnostic): IssueCode {
    const code: unknown = diagnostic.data?.code;
    switch (code) {
        case DocumentValidator.LexingError:
        case DocumentValidator.ParsingError:
            return 'syntax-error';
        case DocumentValidator.LinkingError:
            return 'unresolved-reference';
        default:
            return isIssueCode(code) ? code : 'syntax-error';
    }
}
