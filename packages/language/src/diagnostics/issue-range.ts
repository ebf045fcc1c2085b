import { GrammarUtils, type AstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';

/** The smallest range covering the given nodes (or one property of a single node). */
export function issueRange(nodes: readonly AstNode[], property?: string): Range | undefined {
    const cstNodes =
        property && nodes.length === 1
            ? [GrammarUtils.findNodeForProperty(nodes[0].$cstNode, property) ?? nodes[0].$cstNode]
            : nodes.map(n => n.$cstNode);
    const ranges = cstNodes.filter(c => c !== undefined).map(c => c.range);
    if (ranges.length === 0) return undefined;
    const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
    let { start, end } = ranges[0];
    for (const r of ranges.slice(1)) {
        if (before(r.start, start)) start = r.start;
        if (before(end, r.end)) end = r.end;
    }
    return { start, end };
}
