/**
 * Every diagnostic code convspec emits. Codes are part of the CLI's JSON and
 * SARIF output and of quick-fix dispatch: never rename one.
 */
export const IssueCodes = {
    NonIntegerOutput: 'non-integer-output',
    KernelTooLarge: 'kernel-too-large',
    OutpadTooLarge: 'outpad-too-large',
    InvalidValue: 'invalid-value',
    PoolPaddingTooLarge: 'pool-padding-too-large',
    GroupsMismatch: 'groups-mismatch',
    ConcatMismatch: 'concat-mismatch',
    ResidualMismatch: 'residual-mismatch',
    MissingInput: 'missing-input',
    UnknownBlock: 'unknown-block',
    Arity: 'arity',
    BlockCycle: 'block-cycle',
    DuplicateLabel: 'duplicate-label',
    InexactDivision: 'inexact-division',
    TooLarge: 'too-large',
    StrideSkipsInput: 'stride-skips-input',
    Padded1x1: 'padded-1x1',
    DenseOnSpatial: 'dense-on-spatial',
    // Not in the spec's table; the spec is silent on these mistakes (see docs/decisions.md).
    InvalidOption: 'invalid-option',
    StatementOrder: 'statement-order',
    UnresolvedImport: 'unresolved-import',
    SyntaxError: 'syntax-error',
    UnresolvedReference: 'unresolved-reference'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];

export type Severity = 'error' | 'warning' | 'info';

/** One-line help per code, for `--help`, SARIF rules and hovers. */
export const IssueHelp: Record<IssueCode, string> = {
    'non-integer-output': 'The output size (W + 2P − Fe)/S + 1 is not an integer: the window cannot slide evenly and symmetrically over the input. Change the padding, the input size or the stride, or accept rounding with `floor`/`ceil`.',
    'kernel-too-large': 'The (dilated) kernel is larger than the padded input, or the output size after rounding is not positive.',
    'outpad-too-large': 'A transposed convolution\'s output padding must be smaller than its stride or its dilation (PyTorch\'s rule).',
    'invalid-value': 'A size, stride, kernel, dilation, group, repeat count or filter count must be a positive integer (padding may be 0); a dropout rate lies in [0, 1).',
    'pool-padding-too-large': 'Pool padding may be at most half the kernel, ⌊F/2⌋ (PyTorch\'s rule).',
    'groups-mismatch': 'The number of groups must divide both the input depth and the number of filters.',
    'concat-mismatch': 'Concatenated branches must agree on width and height.',
    'residual-mismatch': 'A residual body and its shortcut must produce the same volume.',
    'missing-input': 'A network starts with `input WxHxD`.',
    'unknown-block': 'The called block is not declared in this file or an imported one.',
    'arity': 'A block call passes exactly as many arguments as the block has parameters.',
    'block-cycle': 'A block calls itself, directly or through other blocks.',
    'duplicate-label': 'Labels are unique within their network or block.',
    'inexact-division': 'Integer division inside a block must be exact.',
    'too-large': 'A size or count exceeds 2^53 and cannot be computed exactly.',
    'stride-skips-input': 'The stride is larger than the (dilated) kernel: some input pixels are never seen.',
    'padded-1x1': 'A 1×1 convolution with padding only adds a border computed from zeros.',
    'dense-on-spatial': '`dense` on a volume wider than 1×1 flattens it implicitly; say `flatten` or use a global pool.',
    'invalid-option': 'The option does not apply to this layer, or is given twice.',
    'statement-order': '`input` comes first in a network, and `rounding`/`bias` defaults only before the first layer.',
    'unresolved-import': 'The imported file does not exist or lies outside the workspace.',
    'syntax-error': 'The text does not parse as `.conv`.',
    'unresolved-reference': 'A name does not refer to anything declared.'
};
