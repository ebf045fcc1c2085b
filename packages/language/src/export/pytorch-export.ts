import type { AstNode } from 'langium';
import type { AxisPair, DocumentAnalysis, Instance, LayerInstance, WindowHyper } from '../inference/model.js';
import { formatCount } from '../presentation/numbers.js';
import { commentText, pythonIdentifier } from './python-names.js';

const PRELUDE = `import torch
from collections import OrderedDict
from torch import nn


class Concat(nn.Module):
    """Branches side by side: torch.cat on the channel axis."""

    def __init__(self, *branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.branches], dim=1)


class Residual(nn.Module):
    """body(x) + shortcut(x); the shortcut is the identity when the file gives none."""

    def __init__(self, body, shortcut=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut if shortcut is not None else nn.Identity()

    def forward(self, x):
        return self.body(x) + self.shortcut(x)


class Flatten4d(nn.Module):
    """convspec keeps every activation a volume: flatten to 1x1xN, i.e. (N, C, 1, 1)."""

    def forward(self, x):
        return x.reshape(x.shape[0], -1, 1, 1)


class Dense4d(nn.Module):
    """A dense layer on a volume: flatten, nn.Linear, back to (N, C, 1, 1)."""

    def __init__(self, in_features, out_features, bias):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features, bias=bias)

    def forward(self, x):
        return self.linear(x.reshape(x.shape[0], -1)).reshape(x.shape[0], -1, 1, 1)


def _tag(module, index, line):
    """Marks the module that computes convspec layer \`index\` (source line \`line\`)."""
    module.convspec_index = index
    module.convspec_line = line
    return module
`;

const MAIN = `

def print_shapes(name, model):
    """Runs a zero tensor through the model and prints each layer's output as W×H×D."""
    model.eval()
    rows = []

    def hook(module, _inputs, output):
        n, c, h, w = output.shape
        rows.append((module.convspec_index, module.convspec_line, type(module).__name__, f"{w}x{h}x{c}"))

    handles = [m.register_forward_hook(hook) for m in model.modules() if hasattr(m, "convspec_index")]
    c, h, w = model.input_shape
    with torch.no_grad():
        model(torch.zeros(1, c, h, w))
    for handle in handles:
        handle.remove()
    print(f"{name}: {sum(p.numel() for p in model.parameters()):,} parameters")
    for index, line, kind, shape in sorted(rows):
        print(f"  #{index:<4} line {line:<5} {kind:<18} -> {shape}")


if __name__ == "__main__":
    for network_name, network_class in NETWORKS.items():
        print_shapes(network_name, network_class())
`;

/** PyTorch takes (height, width); convspec writes width first. */
const hw = (p: AxisPair<number>) => `(${p[1]}, ${p[0]})`;
const pyBool = (b: boolean) => (b ? 'True' : 'False');

/**
 * A sliding window whose padding PyTorch cannot express (asymmetric `same`,
 * ceil mode on a conv) gets an explicit ZeroPad2d in front.
 */
function windowModule(hyper: WindowHyper, axes: LayerInstance['axes'], make: (padding: string) => string, allowCeil: boolean): string {
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
    return `nn.Sequential(nn.ZeroPad2d((${low[0]}, ${high[0]}, ${low[1]}, ${high[1]})), ${make(hw([0, 0]))})`;
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
                false
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
                true
            );
        case 'avgpool':
            return windowModule(
                hyper,
                layer.axes,
                padding =>
                    `nn.AvgPool2d(kernel_size=${hw(hyper.kernel)}, stride=${hw(hyper.stride)}, ` +
                    `padding=${padding}, ceil_mode=${pyBool(hyper.rounding === 'ceil')})`,
                true
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
            return `nn.ZeroPad2d((${hyper.pad[0]}, ${hyper.pad[0]}, ${hyper.pad[1]}, ${hyper.pad[1]}))`;
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
        case 'softmax':
            return 'nn.Softmax(dim=1)';
        case 'lrn':
            return 'nn.LocalResponseNorm(5)';
    }
}

/** 1-based source line of a statement. */
function lineOf(node: AstNode): number {
    return (node.$cstNode?.range.start.line ?? 0) + 1;
}

/** The child name of a statement inside its `nn.Sequential`: its label, else its kind and position. */
function childName(instance: Instance, position: number): string {
    return instance.label ? pythonIdentifier(instance.label, 'layer') : `${instance.node.$type.toLowerCase()}${position}`;
}

/** Writes a network's tree as nested modules: one walk, the engine's own structure. */
class ModuleWriter {
    /** `nn.Sequential(OrderedDict([...]))` with children named after labels. */
    sequence(instances: readonly Instance[], indent: string): string {
        if (instances.length === 0) return 'nn.Identity()';
        const names = new Set<string>();
        const children = instances.map((instance, k) => {
            let name = childName(instance, k);
            while (names.has(name)) name += '_';
            names.add(name);
            const comment =
                instance.op === 'call' ? `${indent}    # block ${pythonIdentifier(instance.node.block?.$refText ?? '', 'block')}\n` : '';
            return `${comment}${indent}    ("${name}", ${this.instance(instance, `${indent}    `)}),`;
        });
        return `nn.Sequential(OrderedDict([\n${children.join('\n')}\n${indent}]))`;
    }

    private instance(instance: Instance, indent: string): string {
        switch (instance.op) {
            case 'concat': {
                const branches = instance.lanes.map(lane => `${indent}    ${this.sequence(lane.children, `${indent}    `)},`);
                return `Concat(\n${branches.join('\n')}\n${indent})`;
            }
            case 'residual': {
                const [body, shortcut] = instance.lanes;
                const bodyModule = this.sequence(body?.children ?? [], `${indent}    `);
                const shortcutModule = instance.identityShortcut ? 'None' : this.sequence(shortcut?.children ?? [], `${indent}    `);
                return `Residual(\n${indent}    ${bodyModule},\n${indent}    ${shortcutModule},\n${indent})`;
            }
            case 'repeat': {
                const iterations = instance.lanes.map(lane => `${indent}    ${this.sequence(lane.children, `${indent}    `)},`);
                return `nn.Sequential(  # repeat ${instance.count ?? 0}\n${iterations.join('\n')}\n${indent})`;
            }
            case 'call':
                return this.sequence(instance.lanes[0]?.children ?? [], indent);
            default:
                return `_tag(${leafModule(instance)}, ${instance.index}, ${lineOf(instance.node)})`;
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
        while (classNames.has(className)) className += '_';
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
                '        return self.layers(x)',
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
