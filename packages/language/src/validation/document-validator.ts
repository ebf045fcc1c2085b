import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Cancellation } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { IssueCodes } from './codes.js';

/**
 * Gives Langium's own diagnostics (syntax and linking) a stable convspec code,
 * and leaves unresolved block calls to the validator's `unknown-block`, whose
 * message can list the blocks that do exist.
 */
export class ConvspecDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        return diagnostics
            .filter(d => !(d.data?.code === DocumentValidator.LinkingError && d.data?.containerType === 'BlockCall'))
            .map(d => d.code !== undefined ? d : { ...d, code: codeOf(d) });
    }
}

function codeOf(diagnostic: Diagnostic): string {
    switch (diagnostic.data?.code) {
        case DocumentValidator.LexingError:
        case DocumentValidator.ParsingError: return IssueCodes.SyntaxError;
        case DocumentValidator.LinkingError: return IssueCodes.UnresolvedReference;
        default: return diagnostic.data?.code ?? IssueCodes.SyntaxError;
    }
}
