import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Cancellation } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIssueCode, type IssueCode } from '../diagnostics/codes.js';

/**
 * Gives Langium's own diagnostics (syntax and linking) a stable convspec code,
 * and leaves unresolved block calls to the validator's `unknown-block`, whose
 * message can list the blocks that do exist.
 */
export class ConvspecDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(
        document: LangiumDocument,
        options?: ValidationOptions,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        return diagnostics
            .filter(d => !(d.data?.code === DocumentValidator.LinkingError && d.data?.containerType === 'BlockCall'))
            .map(d => (d.code !== undefined ? d : { ...d, code: codeOf(d) }));
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
