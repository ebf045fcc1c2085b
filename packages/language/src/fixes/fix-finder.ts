import type { LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { isInput, isNetwork } from '../generated/ast.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { IssueCodes } from '../validation/codes.js';
import { statementAt, type ConvFix } from './fix.js';
import { inputSizeFixes, inputSizeFixesForDiagnostic } from './input-size-fixes.js';
import { nonIntegerOutputFixes } from './padding-fixes.js';
import { reductionRefactors } from './reduction-refactor.js';
import { concatFixes, residualFixes } from './structure-fixes.js';
import { AstUtils, CstUtils } from 'langium';

/** Every fix for one diagnostic, the preferred one marked. */
export function fixesForDiagnostic(document: LangiumDocument, diagnostic: Diagnostic, analysis: DocumentAnalysis): ConvFix[] {
    switch (diagnostic.code) {
        case IssueCodes.NonIntegerOutput:
            return [...nonIntegerOutputFixes(document, diagnostic, analysis), ...inputSizeFixesForDiagnostic(document, diagnostic, analysis)];
        case IssueCodes.ResidualMismatch: return residualFixes(document, diagnostic);
        case IssueCodes.ConcatMismatch: return concatFixes(document, diagnostic, analysis);
        default: return [];
    }
}

/** Actions that depend on where the cursor is rather than on a diagnostic. */
export function fixesAtCursor(document: LangiumDocument, range: Range, analysis: DocumentAnalysis): ConvFix[] {
    const fixes = reductionRefactors(document, range, analysis);
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(range.start));
    const input = leaf && AstUtils.getContainerOfType(leaf.astNode, isInput);
    const network = input && AstUtils.getContainerOfType(input, isNetwork);
    if (network && !statementAt(document, range)) fixes.push(...inputSizeFixes(network, analysis));
    return fixes;
}
