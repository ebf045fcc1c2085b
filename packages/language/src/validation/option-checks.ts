import type { ValidationAcceptor } from 'langium';
import { isPadOption, isUnknownOption, type Activation, type LayerOption } from '../generated/ast.js';
import { acceptIssue } from './report-issue.js';

const WINDOW = ['StrideOption', 'PadOption', 'DilationOption'];
const ROUNDING = ['RoundingFlag'];
const BIAS = ['BiasFlag'];

/** Which options each layer takes, following its PyTorch counterpart. */
const ALLOWED: Record<string, readonly string[]> = {
    conv: [...WINDOW, 'GroupsOption', ...BIAS, ...ROUNDING],
    dwconv: [...WINDOW, 'MultOption', ...BIAS, ...ROUNDING],
    deconv: [...WINDOW, 'OutpadOption', 'GroupsOption', ...BIAS],
    maxpool: [...WINDOW, ...ROUNDING],
    avgpool: ['StrideOption', 'PadOption', ...ROUNDING],
    dense: BIAS,
    fc: BIAS
};

const SPELLING: Record<string, string> = {
    StrideOption: 'stride',
    PadOption: 'pad',
    DilationOption: 'dilation',
    GroupsOption: 'groups',
    MultOption: 'mult',
    OutpadOption: 'outpad',
    BiasFlag: 'bias/nobias',
    RoundingFlag: 'floor/ceil'
};

function layerName(layer: { $type: string; op?: string }): string {
    return layer.op ?? layer.$type.toLowerCase();
}

export function checkOptions(option: LayerOption, accept: ValidationAcceptor): void {
    // A word that is no option at all is name-checks.ts's `unknown-layer`.
    if (isUnknownOption(option)) return;
    const layer = option.$container as unknown as { $type: string; op?: string; options: LayerOption[] };
    const name = layerName(layer);
    const spelled = SPELLING[option.$type];
    if (!ALLOWED[name]?.includes(option.$type)) {
        const allowed = (ALLOWED[name] ?? []).map(t => SPELLING[t]);
        acceptIssue(
            accept,
            'invalid-option',
            `\`${spelled}\` does not apply to ${name}${allowed.length ? ` (it takes ${allowed.join(', ')})` : ''}`,
            { node: option }
        );
        return;
    }
    if (name === 'deconv' && isPadOption(option) && option.mode) {
        acceptIssue(
            accept,
            'invalid-option',
            `\`pad ${option.mode}\` does not apply to deconv: give the padding as a number (PyTorch's ConvTranspose2d)`,
            { node: option }
        );
    }
    const first = layer.options.find(o => o.$type === option.$type);
    if (first !== option) {
        acceptIssue(accept, 'invalid-option', `\`${spelled}\` is given twice on this ${name}`, { node: option });
    }
}

/** Only `leakyrelu` (its negative slope) and `elu` (its α) take a number. */
export function checkActivationArgument(activation: Activation, accept: ValidationAcceptor): void {
    if (activation.slope !== undefined && activation.op !== 'leakyrelu' && activation.op !== 'elu') {
        acceptIssue(accept, 'invalid-option', `${activation.op} takes no argument`, { node: activation, property: 'slope' });
    }
}
