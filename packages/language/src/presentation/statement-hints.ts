import { AstUtils, isAstNode, type AstNode, type LangiumDocument } from 'langium';
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
    const nodes = lines ? nodesOverlapping(model, lines) : AstUtils.streamAllContents(model);
    for (const node of nodes) {
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

/**
 * The nodes under `root` whose lines meet `lines`, and those without a
 * syntax node, with their contents. An editor asks for the hints of the
 * lines it shows: in a 10,000-line network the statements around them are
 * found by bisection (a node's children are in text order), not by a walk
 * of every node.
 */
function nodesOverlapping(root: AstNode, lines: LineRange): AstNode[] {
    const found: AstNode[] = [];
    collectOverlapping(root, lines, found);
    return found;
}

/** A plain function filling `found`, not a closure: see workspace/ast-walk.ts. */
function collectOverlapping(node: AstNode, lines: LineRange, found: AstNode[]): void {
    for (const property in node) {
        if (property.startsWith('$')) continue;
        const value: unknown = (node as unknown as Record<string, unknown>)[property];
        const children: readonly unknown[] = Array.isArray(value) ? value : [value];
        // The first child that does not end above the lines, then on until one starts below them.
        let lo = 0;
        let hi = children.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (endsAbove(children[mid], lines)) lo = mid + 1;
            else hi = mid;
        }
        for (let k = lo; k < children.length && !startsBelow(children[k], lines); k++) {
            const child = children[k];
            if (!isAstNode(child) || endsAbove(child, lines)) continue;
            found.push(child);
            collectOverlapping(child, lines, found);
        }
    }
}

function endsAbove(n: unknown, lines: LineRange): boolean {
    return isAstNode(n) && n.$cstNode !== undefined && n.$cstNode.range.end.line < lines.start;
}

function startsBelow(n: unknown, lines: LineRange): boolean {
    return isAstNode(n) && n.$cstNode !== undefined && n.$cstNode.range.start.line > lines.end;
}
