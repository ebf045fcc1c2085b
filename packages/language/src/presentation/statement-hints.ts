import { AstUtils, type LangiumDocument } from 'langium';
import { isInput, isStatement, type Input, type Model, type Statement } from '../generated/ast.js';
import { formatVolume, type DocumentAnalysis } from '../inference/model.js';
import { DEFAULT_HINT_OPTIONS, hintText, type HintOptions } from './hint-text.js';

/** A hint anchored where a statement ends (for structures, their closing `}`). */
export interface StatementHint {
    /** 0-based line and character of the statement's end. */
    readonly line: number;
    readonly character: number;
    readonly text: string;
    readonly node: Statement | Input;
}

/** Which lines to make hints for (0-based, inclusive); every line when absent. */
export interface LineRange {
    readonly start: number;
    readonly end: number;
}

/**
 * One hint per statement that was evaluated, from the cached analysis: the
 * first call's volumes inside a block. Shared by inlay hints and `annotate`.
 */
export function statementHints(
    document: LangiumDocument,
    analysis: DocumentAnalysis,
    options: HintOptions = DEFAULT_HINT_OPTIONS,
    lines?: LineRange
): StatementHint[] {
    const hints: StatementHint[] = [];
    const model = document.parseResult.value as Model;
    for (const node of AstUtils.streamAllContents(model)) {
        const end = node.$cstNode?.range.end;
        if (!end || (lines && (end.line < lines.start || end.line > lines.end))) continue;
        if (isInput(node)) {
            const network = analysis.networks.find(n => n.network === node.$container);
            if (network?.input) hints.push({ line: end.line, character: end.character, text: `→ ${formatVolume(network.input)}`, node });
        } else if (isStatement(node)) {
            const first = analysis.instancesByNode.get(node)?.[0];
            if (first) hints.push({ line: end.line, character: end.character, text: hintText(first, options), node });
        }
    }
    return hints.sort((a, b) => a.line - b.line || a.character - b.character);
}
