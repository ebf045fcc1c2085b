/*
 * The Python the exported module starts and ends with: a few modules that
 * carry convspec's structure into PyTorch, and the script that prints every
 * layer's output shape. Every structure and reference module takes the
 * dictionary `saved` along with the tensor: the most recent output of each
 * labelled statement of the current network or block instance, which the
 * references (`concat with`, `add`, `multiply L`, `route`) read.
 */

/**
 * The names the generated module defines at module level (the runtime's
 * helpers, its imports, the `__main__` loop's variables), and the usual
 * aliases `F` and `math`; a name from a `.conv` file never becomes one of
 * them. python-names.ts also reads the definitions in PRELUDE and MAIN, so a
 * helper added there is covered even before it is listed here.
 */
export const RUNTIME_NAMES = [
    'torch',
    'nn',
    'F',
    'math',
    'network_name',
    'network_class',
    'run',
    'source',
    '_tag',
    'Seq',
    'Call',
    'Concat',
    'Split',
    'Residual',
    'Gate',
    'Flatten4d',
    'Dense4d',
    'Shuffle',
    'SameAvgPool',
    'Crop',
    'crop_to',
    'ConcatWith',
    'AddRefs',
    'MultiplyRef',
    'Route',
    'NETWORKS',
    'SOURCE',
    'print_shapes',
    'main'
];

export const PRELUDE = `import torch
from torch import nn


def run(module, x, saved):
    """Structure and reference modules read the labelled outputs; plain layers take the tensor alone."""
    return module(x, saved) if getattr(module, "convspec_flow", False) else module(x)


class Seq(nn.Module):
    """Statements in order; a labelled one's output is kept in \`saved\` under its label."""

    convspec_flow = True

    def __init__(self, steps):
        super().__init__()
        self.steps = nn.ModuleList([module for module, _label in steps])
        self.labels = [label for _module, label in steps]

    def forward(self, x, saved):
        for module, label in zip(self.steps, self.labels):
            x = run(module, x, saved)
            if label is not None:
                saved[label] = x
        return x


class Call(nn.Module):
    """A block call: its body has labels of its own."""

    convspec_flow = True

    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x, saved):
        return self.body(x, {})


class Concat(nn.Module):
    """Branches side by side: torch.cat on the channel axis."""

    convspec_flow = True

    def __init__(self, *branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x, saved):
        return torch.cat([branch(x, saved) for branch in self.branches], dim=1)


class Split(nn.Module):
    """The channels cut into parts (torch.split), one branch each, the outputs concatenated."""

    convspec_flow = True

    def __init__(self, parts, *branches):
        super().__init__()
        self.parts = list(parts)
        self.branches = nn.ModuleList(branches)

    def forward(self, x, saved):
        pieces = torch.split(x, self.parts, dim=1)
        return torch.cat([branch(piece, saved) for branch, piece in zip(self.branches, pieces)], dim=1)


class Residual(nn.Module):
    """body(x) + shortcut(x); the shortcut is the identity when the file gives none."""

    convspec_flow = True

    def __init__(self, body, shortcut=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut

    def forward(self, x, saved):
        skip = x if self.shortcut is None else self.shortcut(x, saved)
        return self.body(x, saved) + skip


class Gate(nn.Module):
    """x * gate(x), broadcasting: a squeeze-and-excitation block."""

    convspec_flow = True

    def __init__(self, gate):
        super().__init__()
        self.gate = gate

    def forward(self, x, saved):
        return x * self.gate(x, saved)


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


class Shuffle(nn.Module):
    """ShuffleNet's channel shuffle: (N, G, C/G, H, W), groups and channels swapped."""

    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        n, c, h, w = x.shape
        return x.view(n, self.groups, c // self.groups, h, w).transpose(1, 2).reshape(n, c, h, w)


class SameAvgPool(nn.Module):
    """Keras's average pool with padding "same": padded cells are left out of each average."""

    def __init__(self, kernel_size, stride, pads):
        super().__init__()
        self.pad = nn.ZeroPad2d(pads)
        self.pool = nn.AvgPool2d(kernel_size=kernel_size, stride=stride)

    def forward(self, x):
        cells = self.pool(self.pad(torch.ones_like(x[:, :1])))
        return self.pool(self.pad(x)) / cells


def crop_to(x, left, top, width, height):
    return x[:, :, top:top + height, left:left + width]


class Crop(nn.Module):
    """A centre crop: the margins are convspec's (an odd surplus leaves the extra pixel right and bottom)."""

    def __init__(self, left, top, width, height):
        super().__init__()
        self.box = (left, top, width, height)

    def forward(self, x):
        return crop_to(x, *self.box)


def source(saved, ref, like):
    """A labelled output, centre-cropped to \`like\`'s W×H when the reference crops (ref = (label, left, top))."""
    label, left, top = ref
    t = saved[label]
    return t if left is None else crop_to(t, left, top, like.shape[3], like.shape[2])


class ConcatWith(nn.Module):
    """concat(x, L1, …) on channels."""

    convspec_flow = True

    def __init__(self, refs):
        super().__init__()
        self.refs = refs

    def forward(self, x, saved):
        return torch.cat([x] + [source(saved, ref, x) for ref in self.refs], dim=1)


class AddRefs(nn.Module):
    """x + L1 + …"""

    convspec_flow = True

    def __init__(self, refs):
        super().__init__()
        self.refs = refs

    def forward(self, x, saved):
        for ref in self.refs:
            x = x + source(saved, ref, x)
        return x


class MultiplyRef(nn.Module):
    """x * L, broadcasting either way."""

    convspec_flow = True

    def __init__(self, label):
        super().__init__()
        self.label = label

    def forward(self, x, saved):
        return x * saved[self.label]


class Route(nn.Module):
    """Darknet's route: the flow restarts from the named outputs, concatenated on channels."""

    convspec_flow = True

    def __init__(self, labels):
        super().__init__()
        self.labels = labels

    def forward(self, x, saved):
        return torch.cat([saved[label] for label in self.labels], dim=1)


def _tag(module, index, line):
    """Marks the module that computes convspec layer \`index\` (source line \`line\`)."""
    module.convspec_index = index
    module.convspec_line = line
    return module
`;

export const MAIN = `

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
