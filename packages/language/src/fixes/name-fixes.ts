import { AstUtils, CstUtils, type AstNode, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
    isBlockCall,
    isConcat,
    isInDim,
    isInput,
    isLabelDim,
    isLabelRef,
    isParamRef,
    isSplit,
    isUnknownOption,
    isUnknownStatement,
    type Concat,
    type Input,
    type Split
} from '../generated/ast.js';
import * as names from '../names/suggestions.js';
import { nodeRange, type ConvFix } from './fix.js';

/*
 * Fixes for the validator's diagnostics about words: write the suggested
 * name, reorder a channels-first input, put a concat's statements into
 * branches. The suggestions are the ones the message names (names/).
 */

/** The innermost node of `guard`'s type at the start of the range. */
function nodeAt<T extends AstNode>(document: LangiumDocument, diagnostic: Diagnostic, guard: (n: unknown) => n is T): T | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    return leaf ? AstUtils.getContainerOfType(leaf.astNode, guard) : undefined;
}

function write(explanation: names.Explanation, title: (s: names.Suggestion) => string): ConvFix[] {
    return explanation.suggestions.map((s, k) => ({
        title: title(s),
        kind: 'quickfix',
        // A sure translation, or the one suggestion there is, is the preferred fix.
        isPreferred: k === 0 && (s.certain || explanation.suggestions.length === 1),
        edits: [{ range: s.range, newText: s.replacement }]
    }));
}

const replaceWith = (s: names.Suggestion) =>
    s.replacement === '' ? `${s.label[0].toUpperCase()}${s.label.slice(1)}` : `Write \`${s.label}\``;

export function nameFixes(document: LangiumDocument, diagnostic: Diagnostic, shared: LangiumSharedCoreServices): ConvFix[] {
    switch (diagnostic.code) {
        case 'unknown-layer': {
            const option = nodeAt(document, diagnostic, isUnknownOption);
            if (option) return write(names.unknownOption(option), replaceWith);
            const statement = nodeAt(document, diagnostic, isUnknownStatement);
            return statement ? write(names.unknownStatement(statement, shared), replaceWith) : [];
        }
        case 'unknown-label': {
            const ref = nodeAt(document, diagnostic, isLabelRef) ?? nodeAt(document, diagnostic, isLabelDim);
            return ref ? write(names.unknownLabel(ref), replaceWith) : [];
        }
        case 'unresolved-reference': {
            const dim = nodeAt(document, diagnostic, isInDim) ?? nodeAt(document, diagnostic, isLabelDim);
            if (dim) return write(names.unknownDimension(dim), replaceWith);
            const param = nodeAt(document, diagnostic, isParamRef);
            return param ? write(names.unknownName(param), replaceWith) : [];
        }
        case 'unknown-block': {
            const call = nodeAt(document, diagnostic, isBlockCall);
            return call ? write(names.unknownBlock(call, shared), replaceWith) : [];
        }
        case 'channels-first-input': {
            const input = nodeAt(document, diagnostic, isInput);
            return input ? channelsLast(input) : [];
        }
        case 'syntax-error': {
            const structure = nodeAt(document, diagnostic, (n): n is Concat | Split => isConcat(n) || isSplit(n));
            return structure && structure.stray.length > 0 ? intoBranches(document, structure) : [];
        }
        default:
            return [];
    }
}

/** `input 3x224x224` (C×H×W) → `input 224x224x3` (W×H×D). */
function channelsLast(input: Input): ConvFix[] {
    const parts = input.size?.literal?.split(/[x×]/);
    const range = input.size && nodeRange(input.size);
    if (!parts || parts.length !== 3 || !range) return [];
    const [c, h, w] = parts;
    return [
        {
            title: `Read it as PyTorch's C×H×W: input ${w}x${h}x${c}`,
            kind: 'quickfix',
            isPreferred: true,
            edits: [{ range, newText: `${w}x${h}x${c}` }]
        }
    ];
}

/** Each statement written straight into a concat or split becomes `branch { … }`, as the engine reads it. */
function intoBranches(document: LangiumDocument, structure: Concat | Split): ConvFix[] {
    const edits = structure.stray.flatMap(statement => {
        const range = nodeRange(statement);
        return range ? [{ range, newText: `branch { ${document.textDocument.getText(range)} }` }] : [];
    });
    const keyword = structure.$type.toLowerCase();
    return [{ title: `Put each statement of the ${keyword} into its own \`branch { … }\``, kind: 'quickfix', isPreferred: true, edits }];
}
