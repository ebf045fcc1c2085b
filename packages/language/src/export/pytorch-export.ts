import type { Statement } from '../generated/ast.js';
import { layerStatements } from '../inference/engine.js';
import type { DocumentAnalysis, LayerInstance, NetworkAnalysis } from '../inference/model.js';
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

const ACTIVATIONS: Record<string, (i: LayerInstance) => string> = {
    relu: () => 'nn.ReLU()',
    relu6: () => 'nn.ReLU6()',
    leakyrelu: i => `nn.LeakyReLU(${i.hyper?.slope ?? 0.01})`,
    prelu: () => 'nn.PReLU()',
    sigmoid: () => 'nn.Sigmoid()',
    tanh: () => 'nn.Tanh()',
    gelu: () => 'nn.GELU()',
    silu: () => 'nn.SiLU()',
    softmax: () => 'nn.Softmax(dim=1)',
    lrn: () => 'nn.LocalResponseNorm(5)'
};

/** PyTorch takes (height, width); convspec writes width first. */
const hw = (p: readonly [number, number] | readonly number[]) => `(${p[1]}, ${p[0]})`;

/** A sliding window whose padding PyTorch cannot express (asymmetric `same`, ceil mode on a conv) gets an explicit ZeroPad2d. */
function explicitPadding(i: LayerInstance, allowCeil: boolean): { pad?: string; padding: readonly number[] } {
    const h = i.hyper!;
    const low = [...h.padLow!];
    const high = [...h.padHigh!];
    if (!allowCeil && i.axes) {
        // Ceil mode on a convolution: add the padding at the end that makes PyTorch's floor land on the ceiling.
        i.axes.forEach((r, a) => {
            if (r.resolvedBy === 'ceil') high[a] += (r.size - 1) * r.stride + r.effectiveKernel - (r.input + r.padLow + r.padHigh);
        });
    }
    const symmetric = low[0] === high[0] && low[1] === high[1];
    const samePool = allowCeil && i.axes?.some(r => r.same && r.padLow + r.padHigh > 0);
    if (symmetric && !samePool) return { padding: low };
    return { pad: `nn.ZeroPad2d((${low[0]}, ${high[0]}, ${low[1]}, ${high[1]}))`, padding: [0, 0] };
}

function windowModule(i: LayerInstance, make: (padding: string) => string, allowCeil: boolean): string {
    const { pad, padding } = explicitPadding(i, allowCeil);
    const layer = make(hw(padding));
    return pad ? `nn.Sequential(${pad}, ${layer})` : layer;
}

/** The PyTorch module for one leaf instance, with every size concrete. */
export function leafModule(i: LayerInstance): string {
    const h = i.hyper ?? {};
    const input = i.input!.volume;
    const output = i.output!.volume;
    switch (i.op) {
        case 'conv':
        case 'dwconv':
            return windowModule(i, padding => `nn.Conv2d(${input.d}, ${output.d}, kernel_size=${hw(h.kernel!)}, stride=${hw(h.stride!)}, padding=${padding}, dilation=${hw(h.dilation!)}, groups=${h.groups}, bias=${h.bias ? 'True' : 'False'})`, false);
        case 'deconv':
            return `nn.ConvTranspose2d(${input.d}, ${output.d}, kernel_size=${hw(h.kernel!)}, stride=${hw(h.stride!)}, padding=${hw(h.padLow!)}, output_padding=${hw(h.outpad!)}, groups=${h.groups}, bias=${h.bias ? 'True' : 'False'}, dilation=${hw(h.dilation!)})`;
        case 'maxpool':
            return windowModule(i, padding => `nn.MaxPool2d(kernel_size=${hw(h.kernel!)}, stride=${hw(h.stride!)}, padding=${padding}, dilation=${hw(h.dilation!)}, ceil_mode=${h.rounding === 'ceil' ? 'True' : 'False'})`, true);
        case 'avgpool':
            return windowModule(i, padding => `nn.AvgPool2d(kernel_size=${hw(h.kernel!)}, stride=${hw(h.stride!)}, padding=${padding}, ceil_mode=${h.rounding === 'ceil' ? 'True' : 'False'})`, true);
        case 'globalavgpool': return 'nn.AdaptiveAvgPool2d(1)';
        case 'globalmaxpool': return 'nn.AdaptiveMaxPool2d(1)';
        case 'adaptiveavgpool': return `nn.AdaptiveAvgPool2d(${hw(h.size!)})`;
        case 'adaptivemaxpool': return `nn.AdaptiveMaxPool2d(${hw(h.size!)})`;
        case 'upsample': return `nn.Upsample(scale_factor=(${h.factor![1]}.0, ${h.factor![0]}.0), mode="nearest")`;
        case 'zeropad': return `nn.ZeroPad2d((${h.padLow![0]}, ${h.padLow![0]}, ${h.padLow![1]}, ${h.padLow![1]}))`;
        case 'flatten': return 'Flatten4d()';
        case 'dense': return `Dense4d(${input.w * input.h * input.d}, ${h.units}, bias=${h.bias ? 'True' : 'False'})`;
        case 'batchnorm': return `nn.BatchNorm2d(${input.d})`;
        case 'dropout': return `nn.Dropout(${h.rate})`;
        default: {
            const activation = ACTIVATIONS[i.op];
            if (!activation) throw new Error(`no PyTorch module for ${i.op}`);
            return activation(i);
        }
    }
}

/** Walks the statements again in execution order, taking each node's instances in turn. */
class ModuleWriter {
    private readonly taken = new Map<Statement, number>();
    private readonly leafIndex: Map<LayerInstance, number>;

    constructor(private readonly analysis: DocumentAnalysis, network: NetworkAnalysis) {
        this.leafIndex = new Map(network.instances.filter(i => !i.structural).map((inst, k) => [inst, k]));
    }

    private next(node: Statement): LayerInstance {
        const k = this.taken.get(node) ?? 0;
        this.taken.set(node, k + 1);
        const instance = this.analysis.instancesByNode.get(node)?.[k];
        if (!instance) throw new Error('the analysis and the walk disagree');
        return instance;
    }

    /** `nn.Sequential(OrderedDict([...]))` with children named after labels. */
    sequence(statements: readonly Statement[], indent: string): string {
        if (statements.length === 0) return 'nn.Identity()';
        const names = new Set<string>();
        const children = statements.map((s, k) => {
            let name = s.label ? pythonIdentifier(s.label, 'layer') : `${s.$type.toLowerCase()}${k}`;
            while (names.has(name)) name += '_';
            names.add(name);
            const comment = s.$type === 'BlockCall' ? `${indent}    # block ${pythonIdentifier(s.block?.$refText ?? '', 'block')}\n` : '';
            return `${comment}${indent}    ("${name}", ${this.statement(s, `${indent}    `)}),`;
        });
        return `nn.Sequential(OrderedDict([\n${children.join('\n')}\n${indent}]))`;
    }

    private statement(node: Statement, indent: string): string {
        switch (node.$type) {
            case 'Concat': {
                const branches = node.branches.map(b => `${indent}    ${this.sequence(b.statements, `${indent}    `)},`);
                this.next(node);
                return `Concat(\n${branches.join('\n')}\n${indent})`;
            }
            case 'Residual': {
                const body = this.sequence(node.body, `${indent}    `);
                const shortcut = node.shortcut ? this.sequence(node.shortcutBody, `${indent}    `) : 'None';
                this.next(node);
                return `Residual(\n${indent}    ${body},\n${indent}    ${shortcut},\n${indent})`;
            }
            case 'Repeat': {
                // The body's instances come first; the repeat's own entry (with its count) is recorded after them.
                const instances = this.analysis.instancesByNode.get(node) ?? [];
                const mine = instances[this.taken.get(node) ?? 0];
                const count = mine?.hyper?.count ?? 0;
                const iterations = Array.from({ length: count }, () => `${indent}    ${this.sequence(node.statements, `${indent}    `)},`);
                this.next(node);
                return `nn.Sequential(  # repeat ${count}\n${iterations.join('\n')}\n${indent})`;
            }
            case 'BlockCall': {
                const block = node.block.ref!;
                const body = this.sequence(block.statements, indent);
                this.next(node);
                return body;
            }
            default: {
                const instance = this.next(node);
                const line = (node.$cstNode?.range.start.line ?? 0) + 1;
                const index = this.leafIndex.get(instance);
                return `_tag(${leafModule(instance)}, ${index}, ${line})`;
            }
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
        const body = new ModuleWriter(analysis, network).sequence(layerStatements(network.network), '        ');
        const { w, h, d } = network.input;
        const out = network.output;
        classes.push([
            `class ${className}(nn.Module):`,
            `    """${commentText(`${w}x${h}x${d} -> ${out.w}x${out.h}x${out.d}, ${formatCount(network.params)} parameters according to convspec.`)}"""`,
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
        ].join('\n'));
        registry.push(`    "${className}": ${className},`);
    }
    return [
        `# Generated by convspec ${commentText(options.version)} from ${commentText(options.source)}.`,
        '# Every size below is convspec\'s inference; regenerate with `convspec export` rather than editing.',
        PRELUDE,
        ...classes.map(c => `\n${c}`),
        `\nNETWORKS = {\n${registry.join('\n')}\n}`,
        MAIN
    ].join('\n');
}
