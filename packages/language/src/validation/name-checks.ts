import { AstUtils, type ValidationAcceptor } from 'langium';
import {
    isSize,
    isStatement,
    type BlockCall,
    type Concat,
    type InDim,
    type Input,
    type LabelDim,
    type LabelRef,
    type ParamRef,
    type Split,
    type UnknownOption,
    type UnknownStatement
} from '../generated/ast.js';
import type { ConvspecServices } from '../convspec-module.js';
import { isDimension } from '../inference/expressions.js';
import * as names from '../names/suggestions.js';
import { STATEMENT_KEYWORDS } from '../names/vocabulary.js';
import { acceptIssue } from './report-issue.js';

/*
 * Words that name nothing: one diagnostic each, on the word, with the names
 * it was probably meant to be. The lexer made each unknown word one token
 * (parser/recovering-lexer.ts), so nothing cascades; the engine skips the
 * statement and the volume flows on.
 */

/** `— did you mean `a`, `b` or `c`?`, `— write `pad 1``, `— remove it`. */
function meant(explanation: names.Explanation): string {
    const labels = explanation.suggestions.filter(s => s.replacement !== '').map(s => `\`${s.label}\``);
    if (labels.length === 0) return explanation.suggestions.length > 0 ? ' — remove it' : '';
    const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
    return explanation.suggestions[0]?.certain ? ` — write ${list}` : ` — did you mean ${list}?`;
}

export function checkUnknownStatement(services: ConvspecServices) {
    return (node: UnknownStatement, accept: ValidationAcceptor): void => {
        const explanation = names.unknownStatement(node, services.shared);
        const known = explanation.suggestions.length > 0 || explanation.note ? '' : ` (statements: ${STATEMENT_KEYWORDS.join(', ')})`;
        const what = explanation.note
            ? `\`${explanation.word}\` ${explanation.note}`
            : `\`${explanation.word}\` is no layer, keyword or block`;
        acceptIssue(accept, 'unknown-layer', `${what}${meant(explanation)}${known}; the statement is skipped`, {
            node,
            property: 'text'
        });
    };
}

export function checkUnknownOption(node: UnknownOption, accept: ValidationAcceptor): void {
    const explanation = names.unknownOption(node);
    const layer = isStatement(node.$container) ? ` of ${node.$container.$type.toLowerCase()}` : '';
    const what = explanation.note ? `\`${explanation.word}\` ${explanation.note}` : `\`${explanation.word}\` is no option${layer}`;
    // Where a size belongs (`conv 8 kernel_size=3`) the layer cannot run; elsewhere the option is dropped.
    const effect = isSize(node.$container) ? 'the statement is skipped' : 'it is ignored';
    acceptIssue(accept, 'unknown-layer', `${what}${meant(explanation)}; ${effect}`, { node });
}

/** Where a reference's target is: it must be an earlier statement, and not one that holds the reference. */
function checkTarget(node: LabelRef | LabelDim, accept: ValidationAcceptor): void {
    const target = node.$type === 'LabelRef' ? node.target.ref : node.label.ref;
    const property = node.$type === 'LabelRef' ? 'target' : 'label';
    if (!target) {
        const explanation = names.unknownLabel(node);
        const labels = names.labelsBefore(node).flatMap(s => (s.label ? [s.label] : []));
        const here = labels.length ? ` (labels before it: ${labels.join(', ')})` : ' (no statement before it has a label)';
        acceptIssue(accept, 'unknown-label', `no label \`${explanation.word}\` here${meant(explanation)}${here}`, { node, property });
        return;
    }
    const statement = AstUtils.getContainerOfType(node, isStatement);
    if (AstUtils.hasContainerOfType(node, n => n === target)) {
        acceptIssue(accept, 'forward-reference', `\`${target.label}\` names this statement's own output, which is not computed yet here`, {
            node,
            property
        });
    } else if ((target.$cstNode?.offset ?? 0) > (statement?.$cstNode?.offset ?? 0)) {
        const line = (target.$cstNode?.range.start.line ?? 0) + 1;
        acceptIssue(
            accept,
            'forward-reference',
            `\`${target.label}\` is defined later, on line ${line}: a reference reads an output computed before it`,
            {
                node,
                property
            }
        );
    }
}

export function checkLabelRef(node: LabelRef, accept: ValidationAcceptor): void {
    checkTarget(node, accept);
}

export function checkLabelDim(node: LabelDim, accept: ValidationAcceptor): void {
    if (!node.label.ref) return checkTarget(node, accept);
    checkTarget(node, accept);
    if (!isDimension(node.dim)) checkDimension(node, accept);
}

export function checkInDim(node: InDim, accept: ValidationAcceptor): void {
    if (!isDimension(node.dim)) checkDimension(node, accept);
}

function checkDimension(node: InDim | LabelDim, accept: ValidationAcceptor): void {
    const explanation = names.unknownDimension(node);
    acceptIssue(accept, 'unresolved-reference', `\`${explanation.word}\` ${explanation.note}${meant(explanation)}`, {
        node,
        property: 'dim'
    });
}

export function checkParamRef(node: ParamRef, accept: ValidationAcceptor): void {
    if (node.param.ref) return;
    const explanation = names.unknownName(node);
    const what = explanation.note ? `\`${explanation.word}\` ${explanation.note}` : `no parameter \`${explanation.word}\` in this block`;
    acceptIssue(accept, 'unresolved-reference', `${what}${meant(explanation)}`, { node });
}

export function unknownBlockSuggestion(node: BlockCall, services: ConvspecServices): string {
    return meant(names.unknownBlock(node, services.shared));
}

/** `concat { conv …; conv … }`: each statement is read as a branch; say how it is written. */
export function checkStrayStatements(node: Concat | Split, accept: ValidationAcceptor): void {
    const keyword = node.$type.toLowerCase();
    for (const stray of node.stray) {
        acceptIssue(
            accept,
            'syntax-error',
            `the statements of a ${keyword} go inside \`branch { … }\`: \`${keyword} { branch { conv … } branch { … } }\`` +
                ' (this one is read as a branch of its own)',
            { node: stray }
        );
    }
}

/** PyTorch's C×H×W habit: `input 3x224x224` is read as 3 wide, 224 high and 224 deep. */
export function checkChannelsFirst(node: Input, accept: ValidationAcceptor): void {
    const parts = node.size?.literal?.split(/[x×]/).map(Number);
    if (!parts || parts.length !== 3) return;
    const [a, b, c] = parts;
    if (a <= 4 && b > 4 && c > 4) {
        acceptIssue(
            accept,
            'channels-first-input',
            `\`input ${node.size.literal}\` reads as ${a} wide, ${b} high and ${c} deep; convspec writes W×H×D, so PyTorch's ` +
                `${a}×${b}×${c} (C×H×W) is \`input ${c}x${b}x${a}\``,
            { node, property: 'size' }
        );
    }
}
