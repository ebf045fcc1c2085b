import {
    AstUtils,
    DefaultDocumentValidator,
    DocumentValidator,
    interruptAndCheck,
    type AstNode,
    type LangiumDocument,
    type ParseResult,
    type ValidationAcceptor,
    type ValidationCheck,
    type ValidationOptions
} from 'langium';
import { Cancellation } from 'langium';
import { allNodes, documentNodes, NODES_PER_CHECK } from '../workspace/ast-walk.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isIssueCode, type IssueCode } from '../diagnostics/codes.js';
import { boundedMessage } from './bounded-messages.js';

/** Names whose linking errors the validator words itself, with the nearest valid names (name-checks.ts). */
const OWN_LINKING_MESSAGES = new Set(['BlockCall', 'LabelRef', 'LabelDim', 'ParamRef']);

/**
 * Gives Langium's own diagnostics (syntax and linking) a stable convspec code,
 * leaves unresolved names to the validator's checks, whose messages can list
 * the names that do exist, and keeps the code the lexer gave a refusal
 * (`too-deep`). Every message leaves bounded (bounded-messages.ts). Runs
 * the checks of each node as Langium does, over a plain walk of the tree
 * (ast-walk.ts).
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

    /**
     * Langium's, node for node in the same order, without its per-node stream of
     * checks and per-node await: each node type's checks are looked up once per
     * document, and cancellation is checked every NODES_PER_CHECK nodes.
     */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken?: Cancellation.CancellationToken
    ): Promise<void> {
        const checksByType = new Map<string, ValidationCheck[]>();
        const document = AstUtils.findRootNode(rootNode).$document;
        const nodes = document?.parseResult.value === rootNode ? documentNodes(document) : allNodes(rootNode);
        for (let k = 0; k < nodes.length; k++) {
            if (cancelToken && k % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            const node = nodes[k];
            let checks = checksByType.get(node.$type);
            if (!checks)
                checksByType.set(node.$type, (checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray()));
            for (const check of checks) await check(node, acceptor, cancelToken ?? Cancellation.CancellationToken.None);
        }
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
