import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import {
    isBlock,
    isNetwork,
    isSize,
    type Block,
    type BlockCall,
    type InDim,
    type LabelDim,
    type LabelRef,
    type Network,
    type ParamRef,
    type Statement,
    type UnknownOption,
    type UnknownStatement
} from '../generated/ast.js';
import { visibleElements } from '../workspace/imports.js';
import { statementsUnder } from '../workspace/statements.js';
import { foreignOption, FOREIGN_LAYER_NAMES, nearest, OPTION_WORDS, STATEMENT_KEYWORDS } from './vocabulary.js';

/*
 * What a misspelt word was probably meant to be. The validator words the
 * suggestions into its message; the quick fixes write them. Both call these
 * functions on the same node, so the message and the lightbulb agree.
 */

/** One way to write what the user meant: `label` for the message, `replacement` for `range`. */
export interface Suggestion {
    readonly label: string;
    readonly replacement: string;
    readonly range: Range;
    /** A sure translation (`padding 1` → `pad 1`), which `convspec fix` may apply. */
    readonly certain: boolean;
}

/** What the message says besides the suggestions, when a word is a habit from elsewhere. */
export interface Explanation {
    readonly word: string;
    readonly note?: string;
    readonly suggestions: readonly Suggestion[];
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

function rangeOf(node: AstNode, property?: string): Range | undefined {
    const cst = property ? GrammarUtils.findNodeForProperty(node.$cstNode, property) : node.$cstNode;
    return cst?.range;
}

/** The first `length` characters of a range on one line. */
function head(range: Range, length: number): Range {
    return { start: range.start, end: { line: range.start.line, character: range.start.character + length } };
}

/** The network or block a node belongs to: where its labels and parameters live. */
function ownerOf(node: AstNode) {
    return AstUtils.getContainerOfType(node, n => isNetwork(n) || isBlock(n));
}

/** The labelled statements of the node's network or block that are complete before it: what it may read. */
export function labelsBefore(node: AstNode): Statement[] {
    const owner = ownerOf(node);
    return owner ? labelledBefore(owner, node.$cstNode?.offset ?? 0) : [];
}

/**
 * The labelled statements of a network or block that end before `offset`, in
 * the order written. A structure around `offset` is not among them: its
 * output is not computed there.
 */
export function labelledBefore(owner: Network | Block, offset: number): Statement[] {
    return statementsUnder(owner).filter(n => n.label !== undefined && (n.$cstNode?.end ?? Infinity) <= offset);
}

function blockNames(shared: LangiumSharedCoreServices, document: LangiumDocument): string[] {
    return visibleElements(shared, document, 'Block')
        .map(d => d.name)
        .toArray();
}

/** A word where a statement begins: a layer's name from another framework, a misspelt keyword or block, an option. */
export function unknownStatement(node: UnknownStatement, shared: LangiumSharedCoreServices): Explanation {
    const range = rangeOf(node, 'text');
    const word = WORD.exec(node.text)?.[0] ?? node.text.trim().split(/\s/)[0] ?? '';
    if (!range) return { word, suggestions: [] };
    const at = head(range, word.length);
    const suggestion = (replacement: string, certain = false): Suggestion => ({ label: replacement, replacement, range: at, certain });
    const foreign =
        FOREIGN_LAYER_NAMES[
            word
                .toLowerCase()
                .replace(/_/g, '')
                .replace(/[123]d$/, '')
        ];
    if (foreign && foreign !== word) return { word, suggestions: [suggestion(foreign, true)] };
    const rest = node.text.slice(word.length);
    const option = foreignOption(word, /^\s*=?\s*(\S+)/.exec(rest)?.[1]);
    if (option || (OPTION_WORDS as readonly string[]).includes(word)) {
        return { word, note: "is an option: it goes on its layer's line, after the layer's numbers", suggestions: [] };
    }
    if (labelsBefore(node).some(s => s.label === word)) {
        // `branch { enc1 }`: the label's output is what the user means; `route` is the statement that reads it.
        return {
            word,
            note: `is a label: a statement reads its output with \`route ${word}\` (or \`concat with ${word}\`, \`add ${word}\`)`,
            suggestions: [{ label: `route ${word}`, replacement: `route ${word}`, range: at, certain: false }]
        };
    }
    const blocks = blockNames(shared, AstUtils.getDocument(node));
    const names = nearest(word, [...STATEMENT_KEYWORDS, ...blocks]);
    return {
        word,
        suggestions: names.map(name => {
            if (!blocks.includes(name) || STATEMENT_KEYWORDS.includes(name)) return suggestion(name);
            // A block is called with parentheses; the arguments are the user's to fill.
            return { label: `${name}(…)`, replacement: `${name}(`, range: at, certain: false };
        })
    };
}

/** A word after a layer's numbers that is no option of convspec's (`padding 1`, `bias=False`, `kernel_size=3`). */
export function unknownOption(node: UnknownOption): Explanation {
    const range = rangeOf(node);
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?:=\s*(\S+)|\s+(\S+))?\s*$/.exec(node.text);
    const word = match?.[1] ?? node.text;
    if (!range) return { word, suggestions: [] };
    const whole = (replacement: string, certain: boolean): Suggestion => ({
        label: replacement === '' ? `remove \`${node.text}\`` : replacement,
        replacement,
        range,
        certain
    });
    if (!match) return { word, note: 'is no option', suggestions: [whole('', true)] };
    if (/^[x×]\d+$/.test(word) && match[2] === undefined && match[3] === undefined) {
        return { word, note: 'looks like the end of a size: a size is written without spaces, as in `3x3`', suggestions: [] };
    }
    const value = match[2] ?? match[3];
    const translated = foreignOption(word, value);
    if (translated) return { word: node.text, note: 'is written the PyTorch or Keras way', suggestions: [whole(translated, true)] };
    if (/^kernel(_?size)?$/i.test(word) && isSize(node.$container) && value !== undefined && /^\d+$/.test(value)) {
        // Where the kernel belongs: `conv 64 kernel_size=3` is `conv 64 3x3`.
        return { word: node.text, note: 'is written the PyTorch way', suggestions: [whole(`${value}x${value}`, true)] };
    }
    if (/^kernel(_?size)?$/i.test(word)) {
        return {
            word: node.text,
            note: "is not an option: the kernel size is the layer's own number (`conv 64 3x3`, `maxpool 2x2`)",
            suggestions: [whole('', false)]
        };
    }
    return {
        word,
        suggestions: nearest(word, OPTION_WORDS).map(option =>
            whole(value && !['bias', 'nobias', 'floor', 'ceil'].includes(option) ? `${option} ${value}` : option, false)
        )
    };
}

/** A reference to a label that no earlier statement of the network or block has. */
export function unknownLabel(node: LabelRef | LabelDim): Explanation {
    const property = node.$type === 'LabelRef' ? 'target' : 'label';
    const text = node.$type === 'LabelRef' ? node.target.$refText : node.label.$refText;
    const range = rangeOf(node, property);
    const labels = labelsBefore(node).flatMap(s => (s.label ? [s.label] : []));
    return {
        word: text,
        suggestions: range ? nearest(text, labels).map(label => ({ label, replacement: label, range, certain: false })) : []
    };
}

const DIMENSION_WORDS: Readonly<Record<string, string>> = { width: 'w', height: 'h', depth: 'd', channels: 'd', c: 'd', x: 'w', y: 'h' };

/** `in.depth`, `L.width`: a dimension that is not `w`, `h` or `d`. */
export function unknownDimension(node: InDim | LabelDim): Explanation {
    const range = rangeOf(node, 'dim');
    const dim = node.dim ?? '';
    const meant = DIMENSION_WORDS[dim.toLowerCase()] ?? nearest(dim, ['w', 'h', 'd'], 1)[0];
    const owner = node.$type === 'InDim' ? 'in' : node.label.$refText;
    return {
        word: `${owner}.${dim}`,
        note: 'is no dimension: a volume has `.w`, `.h` and `.d`',
        suggestions:
            range && meant
                ? [{ label: `${owner}.${meant}`, replacement: meant, range, certain: DIMENSION_WORDS[dim.toLowerCase()] !== undefined }]
                : []
    };
}

/**
 * A name in a number that is no parameter: `fxf` written for `(f)x(f)`, a
 * parameter misspelt, or a parameter used in a network (where there are none).
 */
export function unknownName(node: ParamRef): Explanation {
    const word = node.param.$refText;
    const range = rangeOf(node);
    const block = AstUtils.getContainerOfType(node, isBlock);
    const params = block?.params.map(p => p.name) ?? [];
    if (!range) return { word, suggestions: [] };
    const product = /^([A-Za-z_][A-Za-z0-9_]*?)x([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (product && params.includes(product[1]) && params.includes(product[2])) {
        const replacement = `(${product[1]})x(${product[2]})`;
        return {
            word,
            note: `is one name; a size made of parameters is written \`${replacement}\``,
            suggestions: [{ label: replacement, replacement, range, certain: true }]
        };
    }
    if (!block) return { word, note: 'is no number: parameters exist inside a `block`, a network writes its numbers', suggestions: [] };
    return { word, suggestions: nearest(word, params).map(p => ({ label: p, replacement: p, range, certain: false })) };
}

/** A call of a block that is neither in this file nor imported. */
export function unknownBlock(node: BlockCall, shared: LangiumSharedCoreServices): Explanation {
    const word = node.block?.$refText ?? '';
    const range = rangeOf(node, 'block');
    const blocks = blockNames(shared, AstUtils.getDocument(node));
    return { word, suggestions: range ? nearest(word, blocks).map(b => ({ label: b, replacement: b, range, certain: false })) : [] };
}
