/**
 * The words of the language, for suggestions and completion: one list, so
 * that a misspelling is compared with exactly what the grammar accepts.
 */

/** Layers, by the keyword that starts them. */
export const LAYER_KEYWORDS = [
    'conv',
    'dwconv',
    'deconv',
    'maxpool',
    'avgpool',
    'globalavgpool',
    'globalmaxpool',
    'adaptiveavgpool',
    'adaptivemaxpool',
    'upsample',
    'zeropad',
    'flatten',
    'dense',
    'fc',
    'batchnorm',
    'bn',
    'relu',
    'relu6',
    'leakyrelu',
    'prelu',
    'sigmoid',
    'tanh',
    'gelu',
    'silu',
    'swish',
    'hardswish',
    'hardsigmoid',
    'elu',
    'selu',
    'mish',
    'softplus',
    'softmax',
    'logsoftmax',
    'lrn',
    'identity',
    'dropout',
    'shuffle',
    'crop'
] as const;

/** Statements that hold other statements or read earlier outputs. */
export const STRUCTURE_KEYWORDS = ['concat', 'split', 'residual', 'repeat', 'multiply', 'add', 'route'] as const;

/** A network's settings. */
export const NETWORK_SETTINGS = ['input', 'rounding', 'bias'] as const;

/** Every word that can start a statement. */
export const STATEMENT_KEYWORDS: readonly string[] = [...LAYER_KEYWORDS, ...STRUCTURE_KEYWORDS];

/** Options and flags, as written after a layer's arguments. */
export const OPTION_WORDS = ['stride', 'pad', 'dilation', 'groups', 'mult', 'outpad', 'bias', 'nobias', 'floor', 'ceil'] as const;

/**
 * Other frameworks' names for convspec's statements (lower-cased, `2d`
 * dropped): what someone who knows PyTorch or Keras types first.
 */
export const FOREIGN_LAYER_NAMES: Readonly<Record<string, string>> = {
    conv2: 'conv',
    conv: 'conv',
    convolution: 'conv',
    convtranspose: 'deconv',
    conv2transpose: 'deconv',
    transposedconv: 'deconv',
    depthwiseconv: 'dwconv',
    separableconv: 'dwconv',
    maxpool: 'maxpool',
    maxpooling: 'maxpool',
    avgpool: 'avgpool',
    averagepooling: 'avgpool',
    globalaveragepooling: 'globalavgpool',
    globalmaxpooling: 'globalmaxpool',
    adaptiveavgpool: 'adaptiveavgpool',
    adaptivemaxpool: 'adaptivemaxpool',
    linear: 'dense',
    dense: 'dense',
    batchnormalization: 'batchnorm',
    batchnorm: 'batchnorm',
    relu: 'relu',
    leakyrelu: 'leakyrelu',
    dropout: 'dropout',
    flatten: 'flatten',
    upsampling: 'upsample',
    upsample: 'upsample',
    zeropadding: 'zeropad',
    softmax: 'softmax',
    sigmoid: 'sigmoid',
    tanh: 'tanh',
    hardswish: 'hardswish',
    hardsigmoid: 'hardsigmoid',
    identity: 'identity',
    channelshuffle: 'shuffle',
    concatenate: 'concat',
    cat: 'concat',
    sequential: 'repeat'
};

/** PyTorch's and Keras's option names, and what convspec writes for `name` or `name=value`. */
export function foreignOption(name: string, value: string | undefined): string | undefined {
    const key = name.toLowerCase().replace(/_/g, '');
    const v = value ?? 'N';
    const truth = value?.toLowerCase();
    switch (key) {
        case 'padding':
            return truth === 'same' || truth === '"same"' || truth === "'same'" ? 'pad same' : `pad ${v}`;
        case 'strides':
        case 'stride':
            return `stride ${v}`;
        case 'dilation':
        case 'dilationrate':
            return `dilation ${v}`;
        case 'groups':
            return `groups ${v}`;
        case 'outputpadding':
            return `outpad ${v}`;
        case 'bias':
        case 'usebias':
            return truth === 'false' || truth === '0' ? 'nobias' : 'bias';
        case 'ceilmode':
            return truth === 'false' || truth === '0' ? 'floor' : 'ceil';
        default:
            return undefined;
    }
}

/** Optimal string alignment distance (Levenshtein with transpositions): `bacthnorm` is one step from `batchnorm`. */
export function editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

/**
 * The candidates nearest to `word`, best first: case-insensitive equality,
 * then edit distance up to a third of the word (at least 2), then a shared
 * prefix of four letters. At most `limit`.
 */
export function nearest(word: string, candidates: readonly string[], limit = 3): string[] {
    const lower = word.toLowerCase();
    const scored = [...new Set(candidates)]
        .map(candidate => {
            const c = candidate.toLowerCase();
            const distance = c === lower ? 0 : editDistance(lower, c);
            const prefix = lower.length >= 4 && (c.startsWith(lower.slice(0, 4)) || lower.startsWith(c));
            return { candidate, distance, close: distance <= Math.max(2, Math.floor(lower.length / 3)) || prefix };
        })
        .filter(s => s.close)
        .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
    return scored.slice(0, limit).map(s => s.candidate);
}
