import { AstUtils, type LangiumDocument } from 'langium';
import { isInput, isStatement, type Input, type Model, type Statement } from '../generated/ast.js';
import { formatVolume, type DocumentAnalysis } from '../inference/model.js';
import { hintText } from './hint-text.js';

/** A hint anchored where a statement ends (for structures, their closing `}`). */
export interface StatementHint {
    /** 0-based line and character of the statement's end. */
    readonly line: number;
    readonly character: number;
    readonly text: string;
    readonly node: Statement | Input;
}

/**
 * One hint per statement that was evaluated, from the cached analysis: the
 * first call's volumes inside a block. Shared by inlay hints and `annotate`.
 */
export function statementHints(document: LangiumDocument, analysis: DocumentAnalysis): StatementHint[] {
    const hints: StatementHint[] = [];
    const model = document.parseResult.value as Model;
    for (const node of AstUtils.streamAllContents(model)) {
        const end = node.$cstNode?.range.end;
        if (!end) continue;
        if (isInput(node)) {
            const network = analysis.networks.find(n => n.network === node.$container);
            if (network?.input) hints.push({ line: end.line, character: end.character, text: `→ ${formatVolume(network.input)}`, node });
        } else if (isStatement(node)) {
            const first = analysis.instancesByNode.get(node)?.[0];
            if (first) hints.push({ line: end.line, character: end.character, text: hintText(first), node });
        }
    }
    return hints.sort((a, b) => a.line - b.line || a.character - b.character);
}
