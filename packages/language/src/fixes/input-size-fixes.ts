import { AstUtils, type LangiumDocument } from 'langium';
import { isInput, isNetwork, type Network } from '../generated/ast.js';
import { nearestValidInputs } from '../inference/input-solver.js';
import type { InferenceIssue } from '../inference/issues.js';
import { formatVolume, type DocumentAnalysis } from '../inference/model.js';
import { replaceNode, type ConvFix } from './fix.js';

/** "Change the input size", the article's second remedy: the nearest sizes every layer tiles. */
export function inputSizeFixes(network: Network, analysis: DocumentAnalysis): ConvFix[] {
    const analysed = analysis.networks.find(n => n.network === network);
    const inputNode = network.statements.find(isInput);
    if (!analysed || !inputNode?.size) return [];
    const choices = nearestValidInputs(analysed);
    const fixes: ConvFix[] = [];
    for (const v of [choices.above, choices.below]) {
        const edit = v && replaceNode(inputNode.size, `${v.w}x${v.h}x${v.d}`);
        if (v && edit) {
            fixes.push({
                title: `Set the input to ${formatVolume(v)}: every layer of ${network.name ?? 'the network'} tiles it`,
                kind: 'quickfix',
                isPreferred: false,
                edits: [edit]
            });
        }
    }
    return fixes;
}

function networkOf(issue: InferenceIssue): Network | undefined {
    return issue.nodes[0] && AstUtils.getContainerOfType(issue.nodes[0], isNetwork);
}

function offsetOf(issue: InferenceIssue): number {
    return issue.nodes[0]?.$cstNode?.offset ?? Infinity;
}

/** Offered at a network's first `non-integer-output` only, where the cure starts. */
export function inputSizeFixesForIssue(document: LangiumDocument, issue: InferenceIssue, analysis: DocumentAnalysis): ConvFix[] {
    const network = networkOf(issue);
    if (!network || AstUtils.getDocument(network) !== document) return [];
    const first = analysis.issues
        .filter(i => i.code === issue.code && networkOf(i) === network)
        .reduce<InferenceIssue | undefined>((best, i) => (!best || offsetOf(i) < offsetOf(best) ? i : best), undefined);
    return first === issue ? inputSizeFixes(network, analysis) : [];
}
