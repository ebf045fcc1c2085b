import type { ValidationAcceptor } from 'langium';
import { isPadOption, type Activation, type LayerOption } from '../generated/ast.js';
import { IssueCodes } from './codes.js';

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
    StrideOption: 'stride', PadOption: 'pad', DilationOption: 'dilation', GroupsOption: 'groups',
    MultOption: 'mult', OutpadOption: 'outpad', BiasFlag: 'bias/nobias', RoundingFlag: 'floor/ceil'
};

function layerName(layer: { $type: string; op?: string }): string {
    return layer.op ?? layer.$type.toLowerCase();
}

export function checkOptions(option: LayerOption, accept: ValidationAcceptor): void {
    const layer = option.$container as unknown as { $type: string; op?: string; options: LayerOption[] };
    const name = layerName(layer);
    const spelled = SPELLING[option.$type];
    if (!ALLOWED[name]?.includes(option.$type)) {
        const allowed = (ALLOWED[name] ?? []).map(t => SPELLING[t]);
        accept('error', `\`${spelled}\` does not apply to ${name}${allowed.length ? ` (it takes ${allowed.join(', ')})` : ''}`,
            { node: option, code: IssueCodes.InvalidOption });
        return;
    }
    if (name === 'deconv' && isPadOption(option) && option.mode) {
        accept('error', `\`pad ${option.mode}\` does not apply to deconv: give the padding as a number (PyTorch's ConvTranspose2d)`,
            { node: option, code: IssueCodes.InvalidOption });
    }
    const first = layer.options.find(o => o.$type === option.$type);
    if (first !== option) {
        accept('error', `\`${spelled}\` is given twice on this ${name}`, { node: option, code: IssueCodes.InvalidOption });
    }
}

/** Only `leakyrelu` takes a number (its negative slope). */
export function checkActivationArgument(activation: Activation, accept: ValidationAcceptor): void {
    if (activation.slope !== undefined && activation.op !== 'leakyrelu') {
        accept('error', `${activation.op} takes no argument`, { node: activation, property: 'slope', code: IssueCodes.InvalidOption });
    }
}
