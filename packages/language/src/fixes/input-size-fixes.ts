import { AstUtils, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isInput, isNetwork, type Network } from '../generated/ast.js';
import { nearestValidInputs } from '../inference/input-solver.js';
import type { DocumentAnalysis } from '../inference/model.js';
import { formatVolume } from '../inference/model.js';
import { replaceNode, statementAt, type ConvFix } from './fix.js';

/** "Change the input size", the article's second remedy: the nearest sizes every layer tiles. */
export function inputSizeFixes(network: Network, analysis: DocumentAnalysis, diagnostic?: Diagnostic): ConvFix[] {
    const input = analysis.networks.find(n => n.network === network)?.input;
    const inputNode = network.statements.find(isInput);
    if (!input || !inputNode?.size) return [];
    const choices = nearestValidInputs(network, input);
    const fixes: ConvFix[] = [];
    for (const v of [choices.above, choices.below]) {
        if (!v) continue;
        const edit = replaceNode(inputNode.size, `${v.w}x${v.h}x${v.d}`);
        if (edit) {
            fixes.push({
                title: `Set the input to ${formatVolume(v)}: every layer of ${network.name} tiles it`,
                kind: 'quickfix', isPreferred: false, edits: [edit], diagnostic
            });
        }
    }
    return fixes;
}

/** Offered at a network's first `non-integer-output` only, where the cure starts. */
export function inputSizeFixesForDiagnostic(document: LangiumDocument, diagnostic: Diagnostic, analysis: DocumentAnalysis): ConvFix[] {
    const statement = statementAt(document, diagnostic.range);
    const network = statement && AstUtils.getContainerOfType(statement, isNetwork);
    if (!network) return [];
    const first = (document.diagnostics ?? [])
        .filter(d => {
            const at = d.code === diagnostic.code ? statementAt(document, d.range) : undefined;
            return at !== undefined && AstUtils.getContainerOfType(at, isNetwork) === network;
        })
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
    if (first && (first.range.start.line !== diagnostic.range.start.line || first.range.start.character !== diagnostic.range.start.character)) return [];
    return inputSizeFixes(network, analysis, diagnostic);
}
