/**
 * Every diagnostic code convspec emits, with its severity, a title and a
 * one-paragraph help. Codes are part of the CLI's JSON and SARIF output and
 * of quick-fix dispatch: never rename one. This module is neutral ground:
 * the engine, the validator, the CLI and the editor all read it, and it
 * imports nothing.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface IssueInfo {
    readonly severity: Severity;
    /** A few words, for SARIF rule names and lists. */
    readonly title: string;
    /** What the code means and how to resolve it. */
    readonly help: string;
}

export const ISSUE_REGISTRY = {
    'non-integer-output': {
        severity: 'error',
        title: 'The output size is not an integer',
        help:
            'The output size (W + 2P − Fe)/S + 1 is not an integer: the window cannot slide evenly and symmetrically over the input. ' +
            'Change the padding, the input size or the stride, or accept rounding with `floor`/`ceil`.'
    },
    'kernel-too-large': {
        severity: 'error',
        title: 'The kernel does not fit the input',
        help: 'The (dilated) kernel is larger than the padded input, or the output size after rounding is not positive.'
    },
    'outpad-too-large': {
        severity: 'error',
        title: 'Output padding too large',
        help: "A transposed convolution's output padding must be smaller than its stride or its dilation (PyTorch's rule)."
    },
    'invalid-value': {
        severity: 'error',
        title: 'A value out of range',
        help:
            'A size, stride, kernel, dilation, group, repeat count or filter count must be a positive integer (padding may be 0); ' +
            'a dropout rate lies in [0, 1).'
    },
    'pool-padding-too-large': {
        severity: 'error',
        title: 'Pool padding above half the kernel',
        help: "Pool padding may be at most half the kernel, ⌊F/2⌋ (PyTorch's rule)."
    },
    'groups-mismatch': {
        severity: 'error',
        title: 'Groups do not divide the channels',
        help: 'The number of groups must divide both the input depth and the number of filters.'
    },
    'concat-mismatch': {
        severity: 'error',
        title: 'Concatenated branches disagree on W×H',
        help: 'Concatenated branches must agree on width and height.'
    },
    'residual-mismatch': {
        severity: 'error',
        title: 'Residual body and shortcut disagree',
        help: 'A residual body and its shortcut must produce the same volume.'
    },
    'missing-input': {
        severity: 'error',
        title: 'A network without input',
        help: 'A network starts with `input WxHxD`.'
    },
    'unknown-block': {
        severity: 'error',
        title: 'Unknown block',
        help: 'The called block is not declared in this file or an imported one.'
    },
    arity: {
        severity: 'error',
        title: 'Wrong number of arguments',
        help: 'A block call passes exactly as many arguments as the block has parameters.'
    },
    'block-cycle': {
        severity: 'error',
        title: 'A block calls itself',
        help: 'A block calls itself, directly or through other blocks.'
    },
    'duplicate-label': {
        severity: 'error',
        title: 'Duplicate label',
        help: 'Labels are unique within their network or block.'
    },
    'inexact-division': {
        severity: 'error',
        title: 'Inexact division',
        help: 'Integer division inside a block must be exact.'
    },
    'too-large': {
        severity: 'error',
        title: 'Too large to count exactly',
        help: 'A size or count exceeds 2^53 and cannot be computed exactly.'
    },
    'stride-skips-input': {
        severity: 'warning',
        title: 'The stride skips input pixels',
        help: 'The stride is larger than the (dilated) kernel: some input pixels are never seen.'
    },
    'padded-1x1': {
        severity: 'warning',
        title: 'Padding on a 1×1 convolution',
        help: 'A 1×1 convolution with padding only adds a border computed from zeros.'
    },
    'dense-on-spatial': {
        severity: 'info',
        title: 'Dense layer on a spatial volume',
        help: '`dense` on a volume wider than 1×1 flattens it implicitly; say `flatten` or use a global pool.'
    },
    'unknown-layer': {
        severity: 'error',
        title: 'Unknown word',
        help:
            'A word that is no layer, keyword, option or block. The statement is skipped (the volume flows on unchanged); ' +
            'the message names the nearest valid words, and a quick fix writes each.'
    },
    'unknown-label': {
        severity: 'error',
        title: 'Unknown label',
        help: 'A reference (`concat with`, `add`, `multiply`, `route`, `L.d`) names a label that no statement of this network or block has.'
    },
    'forward-reference': {
        severity: 'error',
        title: 'Reference to a later label',
        help: 'A reference reads an output computed earlier; the label it names is defined later in the text (also inside a repeat).'
    },
    'merge-mismatch': {
        severity: 'error',
        title: 'Volumes that do not merge',
        help:
            '`add` needs equal volumes, `concat with` and `route` equal W×H (with `crop`, references at least as large), ' +
            '`multiply` volumes that broadcast (1×1×D, W×H×1 or equal).'
    },
    'split-mismatch': {
        severity: 'error',
        title: 'The split does not divide the depth',
        help:
            'Without depths, the input depth must divide into one equal part per branch; ' +
            'depths given must be one per branch and sum to it.'
    },
    'shuffle-mismatch': {
        severity: 'error',
        title: 'The shuffle groups do not divide the depth',
        help: 'A channel shuffle in G groups needs an input depth divisible by G.'
    },
    'crop-too-large': {
        severity: 'error',
        title: 'Crop larger than its input',
        help: 'A centre crop to W×H needs an input at least W wide and H high.'
    },
    'too-deep': {
        severity: 'error',
        title: 'Nested too deep',
        help:
            'Structures or parentheses nested beyond the limit (201 braces: 100 levels of structures in a network; 100 parentheses) ' +
            'are refused before parsing.'
    },
    'channels-first-input': {
        severity: 'warning',
        title: 'A channels-first input',
        help: "`input AxBxC` with A ≤ 4 < B, C looks like PyTorch's C×H×W; convspec reads W×H×D. The quick fix reorders it."
    },
    // Not in the contract's table; the mistakes it is silent on (see docs/decisions.md).
    'invalid-option': {
        severity: 'error',
        title: 'Option does not apply',
        help: 'The option does not apply to this layer, or is given twice.'
    },
    'statement-order': {
        severity: 'error',
        title: 'Statement out of order',
        help: '`input` comes first in a network, and `rounding`/`bias` defaults only before the first layer.'
    },
    'unresolved-import': {
        severity: 'error',
        title: 'Unresolved import',
        help: 'The imported file does not exist or lies outside the workspace.'
    },
    'file-too-large': {
        severity: 'error',
        title: 'File too large',
        help:
            'A file above 8,000,000 bytes (UTF-8) is refused before it is read whole or parsed; ' +
            'split the networks and blocks into files that import each other.'
    },
    'syntax-error': {
        severity: 'error',
        title: 'Syntax error',
        help: 'The text does not parse as `.conv`.'
    },
    'unresolved-reference': {
        severity: 'error',
        title: 'Unresolved name',
        help: 'A name does not refer to anything declared.'
    }
} as const satisfies Record<string, IssueInfo>;

export type IssueCode = keyof typeof ISSUE_REGISTRY;

export const ISSUE_CODES = Object.keys(ISSUE_REGISTRY) as readonly IssueCode[];

export function isIssueCode(code: unknown): code is IssueCode {
    return typeof code === 'string' && Object.hasOwn(ISSUE_REGISTRY, code);
}
