import type { AstNode } from 'langium';
import type { AxisPair, DocumentAnalysis, Instance, Lane, LayerInstance, WindowHyper } from '../inference/model.js';
import { formatCount } from '../presentation/numbers.js';
import { commentText, isReservedPythonName, pythonIdentifier } from './python-names.js';
import { MAIN, PRELUDE } from './pytorch-runtime.js';

/** PyTorch takes (height, width); convspec writes width first. */
const hw = (p: AxisPair<number>) => `(${p[1]}, ${p[0]})`;
const pyBool = (b: boolean) => (b ? 'True' : 'False');
/** PyTorch's pad order: (left, right, top, bottom). */
const padTuple = (low: readonly number[], high: readonly number[]) => `(${low[0]}, ${high[0]}, ${low[1]}, ${high[1]})`;

/**
 * A sliding window whose padding PyTorch cannot express (asymmetric `same`,
 * ceil mode on a conv, `same` on a max pool) gets an explicit pad in front:
 * zeros for a convolution, −∞ for a max pool, which then never picks a padded
 * cell — what TensorFlow's `same` max pool does.
 */
function windowModule(
    hyper: WindowHyper,
    axes: LayerInstance['axes'],
    make: (padding: string) => string,
    kind: 'conv' | 'maxpool' | 'avgpool'
): string {
    const allowCeil = kind !== 'conv';
    const low = [...hyper.padLow];
    const high = [...hyper.padHigh];
    if (!allowCeil && axes) {
        // Ceil mode on a convolution: add the padding at the end that makes PyTorch's floor land on the ceiling.
        axes.forEach((r, a) => {
            if (r.resolvedBy === 'ceil') high[a] += (r.size - 1) * r.stride + r.effectiveKernel - (r.input + r.padLow + r.padHigh);
        });
    }
    const symmetric = low[0] === high[0] && low[1] === high[1];
    const samePool = allowCeil && axes?.some(r => r.same && r.padLow + r.padHigh > 0);
    if (symmetric && !samePool) return make(hw([low[0], low[1]]));
    const pads = padTuple(low, high);
    const pad = kind === 'maxpool' ? `nn.ConstantPad2d(${pads}, float("-inf"))` : `nn.ZeroPad2d(${pads})`;
    return `nn.Sequential(${pad}, ${make(hw([0, 0]))})`;
}

/** The PyTorch module for one layer, with every size concrete. */
export function leafModule(layer: LayerInstance): string {
    const { input, output, hyper } = layer;
    if (!input || !output || !hyper) throw new Error(`line ${lineOf(layer.node)}: ${layer.op} has no complete shape`);
    const d1 = input.volume.d;
    const d2 = output.volume.d;
    switch (hyper.op) {
        case 'conv':
        case 'dwconv':
            return windowModule(
                hyper,
                layer.axes,
                padding =>
                    `nn.Conv2d(${d1}, ${d2}, kernel_size=${hw(hyper.kernel)}, stride=${hw(hyper.stride)}, ` +
                    `padding=${padding}, dilation=${hw(hyper.dilation)}, groups=${hyper.groups}, bias=${pyBool(hyper.bias)})`,
                'conv'
            );
        case 'deconv':
            return (
                `nn.ConvTranspose2d(${d1}, ${d2}, kernel_size=${hw(hyper.kernel)}, stride=${hw(hyper.stride)}, padding=${hw(hyper.pad)}, ` +
                `output_padding=${hw(hyper.outpad)}, groups=${hyper.groups}, bias=${pyBool(hyper.bias)}, dilation=${hw(hyper.dilation)})`
            );
        case 'maxpool':
            return windowModule(
                hyper,
                layer.axes,
                padding =>
                    `nn.MaxPool2d(kernel_size=${hw(hyper.kernel)}, stride=${hw(hyper.stride)}, ` +
                    `padding=${padding}, dilation=${hw(hyper.dilation)}, ceil_mode=${pyBool(hyper.rounding === 'ceil')})`,
                'maxpool'
            );
        case 'avgpool':
            if (layer.axes?.some(r => r.same)) {
                // Keras averages over the cells inside the input only.
                return `SameAvgPool(${hw(hyper.kernel)}, ${hw(hyper.stride)}, ${padTuple(hyper.padLow, hyper.padHigh)})`;
            }
            return windowModule(
                hyper,
                layer.axes,
                padding =>
                    `nn.AvgPool2d(kernel_size=${hw(hyper.kernel)}, stride=${hw(hyper.stride)}, ` +
                    `padding=${padding}, ceil_mode=${pyBool(hyper.rounding === 'ceil')})`,
                'avgpool'
            );
        case 'globalavgpool':
            return 'nn.AdaptiveAvgPool2d(1)';
        case 'globalmaxpool':
            return 'nn.AdaptiveMaxPool2d(1)';
        case 'adaptiveavgpool':
            return `nn.AdaptiveAvgPool2d(${hw(hyper.size)})`;
        case 'adaptivemaxpool':
            return `nn.AdaptiveMaxPool2d(${hw(hyper.size)})`;
        case 'upsample':
            return `nn.Upsample(scale_factor=(${hyper.factor[1]}.0, ${hyper.factor[0]}.0), mode="nearest")`;
        case 'zeropad':
            return `nn.ZeroPad2d(${padTuple(hyper.pad, hyper.pad)})`;
        case 'flatten':
            return 'Flatten4d()';
        case 'dense':
            return `Dense4d(${hyper.inputs}, ${hyper.units}, bias=${pyBool(hyper.bias)})`;
        case 'batchnorm':
            return `nn.BatchNorm2d(${d1})`;
        case 'dropout':
            return `nn.Dropout(${hyper.rate})`;
        case 'leakyrelu':
            return `nn.LeakyReLU(${hyper.slope})`;
        case 'elu':
            return `nn.ELU(${hyper.alpha})`;
        case 'relu':
            return 'nn.ReLU()';
        case 'relu6':
            return 'nn.ReLU6()';
        case 'prelu':
            return 'nn.PReLU()';
        case 'sigmoid':
            return 'nn.Sigmoid()';
        case 'tanh':
            return 'nn.Tanh()';
        case 'gelu':
            return 'nn.GELU()';
        case 'silu':
            return 'nn.SiLU()';
        case 'hardswish':
            return 'nn.Hardswish()';
        case 'hardsigmoid':
            return 'nn.Hardsigmoid()';
        case 'selu':
            return 'nn.SELU()';
        case 'mish':
            return 'nn.Mish()';
        case 'softplus':
            return 'nn.Softplus()';
        case 'softmax':
            return 'nn.Softmax(dim=1)';
        case 'logsoftmax':
            return 'nn.LogSoftmax(dim=1)';
        case 'lrn':
            return 'nn.LocalResponseNorm(5)';
        case 'identity':
            return 'nn.Identity()';
        case 'shuffle':
            return `Shuffle(${hyper.groups})`;
        case 'crop':
            return `Crop(${hyper.offset[0]}, ${hyper.offset[1]}, ${hyper.size[0]}, ${hyper.size[1]})`;
        case 'concat':
            return `ConcatWith([${refs(layer.sources)}])`;
        case 'add':
            return `AddRefs([${refs(layer.sources)}])`;
        case 'multiply':
            return `MultiplyRef(${pythonString(layer.sources?.[0]?.label ?? '')})`;
        case 'route':
            return `Route([${(layer.sources ?? []).map(s => pythonString(s.label)).join(', ')}])`;
    }
}

/** A label as a Python string literal; labels are identifiers, and JSON's quoting is Python's for them. */
function pythonString(text: string): string {
    return JSON.stringify(text);
}

/** `("enc1", 4, 4)` for a cropped reference (label, left and top margins), `("x", None, None)` for a plain one. */
function refs(sources: LayerInstance['sources']): string {
    return (sources ?? []).map(s => `(${pythonString(s.label)}, ${s.offset ? `${s.offset[0]}, ${s.offset[1]}` : 'None, None'})`).join(', ');
}

/** 1-based source line of a statement. */
function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}

/** What a step is called in the comment above it: its label, else its statement. */
function stepName(instance: Instance): string {
    if (instance.label) return instance.label;
    if (instance.kind === 'structure' && instance.op === 'call') return `block ${instance.node.block?.$refText ?? ''}`;
    return instance.op;
}

/** Writes a network's tree as nested modules: one walk, the engine's own structure. */
class ModuleWriter {
    /** `Seq([...])`: the steps in order, each with the label its output is kept under. */
    sequence(instances: readonly Instance[], indent: string): string {
        if (instances.length === 0) return 'Seq([])';
        const inner = `${indent}    `;
        const steps = instances.map(instance => {
            const label = instance.label ? pythonString(instance.label) : 'None';
            return `${inner}# ${commentText(stepName(instance))}\n${inner}(${this.instance(instance, inner)}, ${label}),`;
        });
        return `Seq([\n${steps.join('\n')}\n${indent}])`;
    }

    private lanes(lanes: readonly Lane[], indent: string): string {
        return lanes.map(lane => `${indent}    ${this.sequence(lane.children, `${indent}    `)},`).join('\n');
    }

    private instance(instance: Instance, indent: string): string {
        if (instance.kind === 'layer') return `_tag(${leafModule(instance)}, ${instance.index}, ${lineOf(instance.node)})`;
        switch (instance.op) {
            case 'concat':
                return `Concat(\n${this.lanes(instance.lanes, indent)}\n${indent})`;
            case 'split':
                return `Split(\n${indent}    [${(instance.parts ?? []).join(', ')}],\n${this.lanes(instance.lanes, indent)}\n${indent})`;
            case 'residual': {
                const [body, shortcut] = instance.lanes;
                const bodyModule = this.sequence(body?.children ?? [], `${indent}    `);
                const shortcutModule = instance.identityShortcut ? 'None' : this.sequence(shortcut?.children ?? [], `${indent}    `);
                return `Residual(\n${indent}    ${bodyModule},\n${indent}    ${shortcutModule},\n${indent})`;
            }
            case 'multiply':
                return `Gate(${this.sequence(instance.lanes[0]?.children ?? [], indent)})`;
            case 'repeat':
                // The iterations one after the other; a label in the body keeps the current iteration's output.
                return this.sequence(
                    instance.lanes.flatMap(lane => lane.children),
                    indent
                );
            case 'call':
                return `Call(${this.sequence(instance.lanes[0]?.children ?? [], indent)})`;
        }
    }
}

export interface PyTorchExportOptions {
    /** Shown in the header, e.g. the file's path (sanitized). */
    readonly source: string;
    readonly version: string;
    /** Only these networks; all when undefined. */
    readonly networks?: readonly string[];
}

/**
 * A runnable Python module with one nn.Module per network, every size taken
 * from convspec's inference. The caller refuses files with errors first.
 */
export function exportPyTorch(analysis: DocumentAnalysis, options: PyTorchExportOptions): string {
    const networks = analysis.networks.filter(n => !options.networks || options.networks.includes(n.name));
    const classNames = new Set<string>();
    const classes: string[] = [];
    const registry: string[] = [];
    for (const network of networks) {
        if (!network.input || !network.output) throw new Error(`network ${network.name} has no complete shape`);
        let className = pythonIdentifier(network.name, 'Net');
        while (classNames.has(className) || isReservedPythonName(className)) className += '_';
        classNames.add(className);
        const body = new ModuleWriter().sequence(network.body, '        ');
        const { w, h, d } = network.input;
        const out = network.output;
        const total = formatCount(network.params);
        classes.push(
            [
                `class ${className}(nn.Module):`,
                `    """${commentText(`${w}x${h}x${d} -> ${out.w}x${out.h}x${out.d}, ${total} parameters according to convspec.`)}"""`,
                '',
                `    input_shape = (${d}, ${h}, ${w})  # C, H, W`,
                '',
                '    def __init__(self):',
                '        super().__init__()',
                `        self.layers = ${body}`,
                '',
                '    def forward(self, x):',
                '        return self.layers(x, {})',
                ''
            ].join('\n')
        );
        registry.push(`    "${className}": ${className},`);
    }
    return [
        `# Generated by convspec ${commentText(options.version)} from ${commentText(options.source)}.`,
        "# Every size below is convspec's inference; regenerate with `convspec export` rather than editing.",
        PRELUDE,
        ...classes.map(c => `\n${c}`),
        `\nNETWORKS = {\n${registry.join('\n')}\n}`,
        MAIN
    ].join('\n');
}
