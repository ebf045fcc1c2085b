import { CstUtils, type AstNode } from 'langium';

/** Longer statement texts are cut, so one huge expression cannot make a huge row. */
export const MAX_STATEMENT_TEXT = 60;

/**
 * A one-line statement as written, its label left out: `conv 128 3x3 pad 1`.
 * Built from the statement's tokens, so comments and line breaks inside it
 * fall away and runs of spaces become one; where the source had no space
 * (`(k)x(k)`) none is added. Long texts end in `…`.
 */
export function statementText(node: AstNode & { label?: string }): string {
    const cst = node.$cstNode;
    if (!cst) return '';
    let text = '';
    let end = -1;
    let labelSkipped = node.label === undefined;
    for (const leaf of CstUtils.flattenCst(cst)) {
        if (leaf.hidden) continue;
        if (!labelSkipped) {
            labelSkipped = true; // the LABEL token (`reduce3x3:`) is the statement's first
            end = leaf.end;
            continue;
        }
        if (text !== '' && leaf.offset > end) text += ' ';
        text += leaf.text;
        end = leaf.end;
        if (text.length > MAX_STATEMENT_TEXT) return `${text.slice(0, MAX_STATEMENT_TEXT - 1)}…`;
    }
    return text;
}
