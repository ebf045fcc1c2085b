import { AstUtils, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { isBranch, isConv, isInput, isNetwork, isResidual, isStatement } from '../generated/ast.js';
import { issueRange } from '../diagnostics/issue-range.js';
import type { InferenceIssue } from '../inference/issues.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { isWindowLayer, statementsInRange, type ConvFix } from './fix.js';
import { inputSizeFixes, inputSizeFixesForIssue } from './input-size-fixes.js';
import { nameFixes } from './name-fixes.js';
import { nonIntegerOutputFixes } from './padding-fixes.js';
import { reductionRefactors } from './reduction-refactor.js';
import { resnetDFix } from './resnet-d.js';
import { concatFixes, residualFixes } from './structure-fixes.js';
import { pushAll } from '../util/large-arrays.js';

/** Where an issue is shown in `document`, when every node it blames is there (fixes edit only this document). */
export function issueRangeIn(document: LangiumDocument, issue: InferenceIssue): Range | undefined {
    if (issue.nodes.length === 0 || issue.nodes.some(n => AstUtils.getDocument(n) !== document)) return undefined;
    return issueRange(issue.nodes, issue.nodes.length === 1 ? issue.property : undefined);
}

const sameRange = (a: Range, b: Range) =>
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character;

/** The engine issue behind a diagnostic of this document (same code, same range). */
export function issueForDiagnostic(
    document: LangiumDocument,
    diagnostic: Diagnostic,
    analysis: DocumentAnalysis
): InferenceIssue | undefined {
    return analysis.issues.find(issue => {
        if (issue.code !== diagnostic.code) return false;
        const range = issueRangeIn(document, issue);
        return range !== undefined && sameRange(range, diagnostic.range);
    });
}

/**
 * The fixes that repair an issue, the preferred one marked. With
 * `preferredOnly`, what is never preferred (the input-size search) is not
 * even computed: `convspec fix` applies preferred fixes only.
 */
export function fixesForIssue(
    document: LangiumDocument,
    issue: InferenceIssue,
    analysis: DocumentAnalysis,
    preferredOnly = false
): ConvFix[] {
    const blamed = issue.nodes[0];
    switch (issue.code) {
        case 'non-integer-output': {
            const layer = blamed && AstUtils.getContainerOfType(blamed, isStatement);
            const fixes = isWindowLayer(layer) ? nonIntegerOutputFixes(layer, issue.data) : [];
            return preferredOnly ? fixes : [...fixes, ...inputSizeFixesForIssue(document, issue, analysis)];
        }
        case 'residual-mismatch':
            return isResidual(blamed) ? residualFixes(blamed, issue.data) : [];
        case 'concat-mismatch':
            return isBranch(blamed) ? concatFixes(blamed, issue.data, analysis) : [];
        case 'stride-skips-input': {
            const conv = blamed && AstUtils.getContainerOfType(blamed, isConv);
            return conv && !preferredOnly ? resnetDFix(document, conv, issue.data, analysis) : [];
        }
        default:
            return [];
    }
}

/** Every fix for one diagnostic the editor sends back: the engine's issues, and the validator's words. */
export function fixesForDiagnostic(
    document: LangiumDocument,
    diagnostic: Diagnostic,
    analysis: DocumentAnalysis,
    shared: LangiumSharedCoreServices
): ConvFix[] {
    const issue = issueForDiagnostic(document, diagnostic, analysis);
    return issue ? fixesForIssue(document, issue, analysis) : nameFixes(document, diagnostic, shared);
}

/** Actions for what the range touches rather than for a diagnostic: every statement in it, and the `input` line. */
export function fixesInRange(document: LangiumDocument, range: Range, analysis: DocumentAnalysis): ConvFix[] {
    const statements = statementsInRange(document, range);
    const fixes = statements.filter(isConv).flatMap(conv => reductionRefactors(document, conv, analysis));
    if (statements.length === 0) {
        const text = document.textDocument;
        const inputs = AstUtils.streamAst(document.parseResult.value)
            .filter(isInput)
            .filter(
                i =>
                    i.$cstNode !== undefined &&
                    i.$cstNode.offset <= text.offsetAt(range.end) &&
                    text.offsetAt(range.start) <= i.$cstNode.end
            );
        for (const input of inputs) {
            const network = AstUtils.getContainerOfType(input, isNetwork);
            if (network) pushAll(fixes, inputSizeFixes(network, analysis));
        }
    }
    return fixes;
}
