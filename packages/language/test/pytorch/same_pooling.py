"""Keras's `padding="same"` pools, computed cell by cell, against convspec's exported modules.

argv[1]: an export of a network whose statements after `input` are pools with `pad same`;
argv[2]: JSON list of [kind, kernel, stride] per pool (width-first, as convspec writes them).
Prints one JSON list: the largest absolute difference per pool.

The naive version follows TensorFlow's definition: output ceil(W/S); total padding
max((out − 1)·S + F − W, 0), the smaller half before; a max ignores padded cells and an
average divides by the number of cells inside the input.
"""
import json
import math
import sys

import torch

torch.set_grad_enabled(False)


def naive(x, kind, kernel, stride):
    _, c, h, w = x.shape
    out = []
    dims = []
    for size, k, s in ((h, kernel[1], stride[1]), (w, kernel[0], stride[0])):
        n = math.ceil(size / s)
        total = max((n - 1) * s + k - size, 0)
        dims.append((n, total // 2, k, s, size))
    (oh, ph, kh, sh, hh), (ow, pw, kw, sw, ww) = dims
    y = torch.empty(1, c, oh, ow)
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * sh - ph, j * sw - pw
            rows = [r for r in range(r0, r0 + kh) if 0 <= r < hh]
            cols = [q for q in range(c0, c0 + kw) if 0 <= q < ww]
            cells = x[0, :, rows][:, :, cols].reshape(c, -1)
            y[0, :, i, j] = cells.max(dim=1).values if kind == "maxpool" else cells.mean(dim=1)
    return y


def main():
    scope = {"__name__": "convspec_export"}
    exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), scope)
    pools = json.loads(sys.argv[2])
    model = next(iter(scope["NETWORKS"].values()))().eval()
    layers = sorted((m for m in model.modules() if hasattr(m, "convspec_index")), key=lambda m: m.convspec_index)
    c, h, w = model.input_shape
    torch.manual_seed(0)
    x = torch.randn(1, c, h, w) - 3  # mostly negative: a zero in the padding would win a max
    diffs = []
    for layer, (kind, kernel, stride) in zip(layers, pools):
        got = layer(x)
        want = naive(x, kind, kernel, stride)
        diffs.append(float((got - want).abs().max()) if got.shape == want.shape else float("inf"))
        x = got
    print(json.dumps(diffs))


if __name__ == "__main__":
    main()
