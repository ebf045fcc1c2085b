import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import { ISSUE_REGISTRY, type IssueCode } from '../diagnostics/codes.js';

/**
 * Every validation diagnostic goes through here: its code is one of the
 * registry's (checked by the compiler) and its severity is the registry's.
 */
export function acceptIssue<N extends AstNode>(
    accept: ValidationAcceptor,
    code: IssueCode,
    message: string,
    info: Omit<DiagnosticInfo<N>, 'code' | 'data'>
): void {
    accept(ISSUE_REGISTRY[code].severity, message, { ...info, code, data: { code } });
}
