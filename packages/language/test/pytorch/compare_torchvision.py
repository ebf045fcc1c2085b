#!/usr/bin/env python3
"""Compare a convspec PyTorch export with the torchvision model it claims to be.

Usage:
    python3 compare_torchvision.py TORCHVISION_MODEL EXPORTED.py [--network NAME]
                                   [--expect-params N] [--input 224] [--no-numeric]

    convspec export examples/mobilenetv3-small.conv --to pytorch -o /tmp/m.py
    python3 compare_torchvision.py mobilenet_v3_small /tmp/m.py --expect-params 2542856

Checks, all of which must pass (exit 0; exit 1 on any mismatch, 2 on usage errors):

 1. parameters: sum(p.numel()) of both models are equal (and equal --expect-params).
 2. layers:     the Conv2d / Linear / BatchNorm2d modules, in execution order (forward
                hooks on one 1×3×H×W forward pass), agree one to one: same kind, same
                output shape, same parameter count, and for Conv2d the same in/out
                channels, kernel, stride, padding, dilation, groups and bias; for Linear
                the same features and bias. A Linear's output (and an activation's
                on 1×1) is compared as (N, F): the export keeps volumes as (N, F, 1, 1).
 3. activations: the activation modules (ReLU, Hardswish, SiLU, Sigmoid, …) in execution
                order: same kinds and output shapes.
 4. numeric:    torchvision's weights and BatchNorm statistics (randomised first, so
                that nothing is trivially zero or one) are copied into the export
                module by module in execution order, BatchNorm eps included; both
                models, in eval mode, must give the same logits on a random input
                (max |Δ| ≤ 1e-4 relative to the logits' scale). This checks what the
                shapes cannot: gate placement, split order, shuffle order, which half
                passes through.

Runs on CPU with torch ≥ 1.13 / torchvision ≥ 0.14.
"""

import argparse
import sys

import torch
import torchvision
from torch import nn

from exported import load_export

PARAMETERISED = (nn.Conv2d, nn.Linear, nn.BatchNorm2d)
ACTIVATIONS = (
    nn.ReLU, nn.ReLU6, nn.LeakyReLU, nn.PReLU, nn.ELU, nn.SELU, nn.GELU, nn.SiLU, nn.Mish,
    nn.Sigmoid, nn.Tanh, nn.Hardswish, nn.Hardsigmoid, nn.Softplus, nn.Softmax, nn.LogSoftmax,
)


def load_torchvision(name):
    if hasattr(torchvision.models, "get_model"):
        try:
            return torchvision.models.get_model(name, weights=None)
        except ValueError:
            pass
    builder = getattr(torchvision.models, name, None)
    if builder is None:
        sys.exit(f"torchvision {torchvision.__version__} has no model {name!r}")
    return builder(weights=None)


def n_params(module):
    return sum(p.numel() for p in module.parameters())


def trace(model, x):
    """Leaf modules of interest in execution order: (module, output shape)."""
    calls = []
    seen = set()

    def hook(module, _inputs, output):
        if id(module) in seen:  # a module run twice would break the one-to-one pairing
            raise RuntimeError(f"{type(module).__name__} runs twice in one forward pass")
        seen.add(id(module))
        calls.append((module, tuple(output.shape)))

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, PARAMETERISED + ACTIVATIONS)]
    model.eval()
    with torch.no_grad():
        out = model(x)
    for h in handles:
        h.remove()
    return calls, out


def describe(module, shape):
    kind = type(module).__name__
    if len(shape) == 4 and shape[2:] == (1, 1) and not isinstance(module, (nn.Conv2d, nn.BatchNorm2d)):
        # The export keeps every activation a volume, (N, F, 1, 1) after a dense layer, where
        # torchvision has (N, F): Linear and the layers around it are compared as (N, F).
        shape = shape[:2]
    if isinstance(module, nn.Linear):
        return (kind, shape, n_params(module),
                f"in={module.in_features} out={module.out_features} bias={module.bias is not None}")
    if isinstance(module, nn.Conv2d):
        return (kind, shape, n_params(module),
                f"{module.in_channels}->{module.out_channels} k={module.kernel_size} s={module.stride} "
                f"p={module.padding} d={module.dilation} g={module.groups} bias={module.bias is not None}")
    if isinstance(module, nn.BatchNorm2d):
        return (kind, shape, n_params(module), f"C={module.num_features}")
    return (kind, shape, n_params(module), "")


def fmt(row):
    if row is None:
        return "—"
    kind, shape, params, detail = row
    volume = f"{shape[3]}x{shape[2]}x{shape[1]}" if len(shape) == 4 else "x".join(map(str, shape[1:]))
    return f"{kind:<12} {volume:<12} {params:>9,}  {detail}"


def compare_rows(title, ours, theirs, log):
    """Prints both columns; returns the number of mismatching rows."""
    bad = 0
    log(f"\n{title}: torchvision {len(theirs)}, convspec {len(ours)} (output W×H×D, parameters)")
    for i in range(max(len(ours), len(theirs))):
        a = theirs[i] if i < len(theirs) else None
        b = ours[i] if i < len(ours) else None
        same = a == b
        bad += not same
        log(f"  {'  ' if same else '✗ '}#{i:<4} {fmt(a)}")
        if not same:
            log(f"  {'':2} {'':5} {fmt(b)}    <- convspec")
    return bad


def randomise(model, generator):
    """Non-trivial weights and BatchNorm statistics, so the numeric check means something."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5, generator=generator)
                m.bias.uniform_(-0.2, 0.2, generator=generator)
                m.running_mean.uniform_(-0.2, 0.2, generator=generator)
                m.running_var.uniform_(0.5, 1.5, generator=generator)
            elif isinstance(m, (nn.Conv2d, nn.Linear)):
                fan_in = m.weight[0].numel()
                m.weight.normal_(0, (2.0 / fan_in) ** 0.5, generator=generator)
                if m.bias is not None:
                    m.bias.uniform_(-0.1, 0.1, generator=generator)


def copy_weights(src_calls, dst_calls):
    with torch.no_grad():
        for (s, _), (d, _) in zip(src_calls, dst_calls):
            if not isinstance(s, PARAMETERISED):
                continue
            d.weight.copy_(s.weight)
            if s.bias is not None:
                d.bias.copy_(s.bias)
            if isinstance(s, nn.BatchNorm2d):
                d.running_mean.copy_(s.running_mean)
                d.running_var.copy_(s.running_var)
                d.eps = s.eps
                d.momentum = s.momentum


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="torchvision model function, e.g. mobilenet_v3_small")
    ap.add_argument("export", help="the .py written by `convspec export --to pytorch`")
    ap.add_argument("--network", help="network name in the export (default: its only one)")
    ap.add_argument("--expect-params", type=int, help="the published total the models must also equal")
    ap.add_argument("--input", type=int, default=224, help="input height = width (default 224)")
    ap.add_argument("--no-numeric", action="store_true", help="skip the weight-copy output comparison")
    ap.add_argument("--quiet", action="store_true", help="print only mismatching rows and the verdict")
    args = ap.parse_args(argv)

    torch.manual_seed(0)
    name, ours = load_export(args.export, args.network)
    theirs = load_torchvision(args.model)
    c, h, w = getattr(ours, "input_shape", (3, args.input, args.input))
    x = torch.randn(1, c, h, w)

    lines = []

    def log(text):
        if not args.quiet or "✗" in text or "<- convspec" in text or text.startswith(("\n", "==", "parameters", "numeric", "FAIL", "PASS")):
            print(text)
        lines.append(text)

    log(f"== torchvision.models.{args.model} (torchvision {torchvision.__version__}, torch {torch.__version__})"
        f" vs {args.export} [{name}], input {w}x{h}x{c}")
    failures = []

    p_ours, p_theirs = n_params(ours), n_params(theirs)
    log(f"parameters: torchvision {p_theirs:,}, convspec {p_ours:,}"
        + (f", published {args.expect_params:,}" if args.expect_params else ""))
    if p_ours != p_theirs:
        failures.append(f"parameter totals differ ({p_theirs:,} vs {p_ours:,})")
    if args.expect_params is not None and p_theirs != args.expect_params:
        failures.append(f"torchvision has {p_theirs:,} parameters, not the published {args.expect_params:,}")

    calls_theirs, out_theirs = trace(theirs, x)
    calls_ours, out_ours = trace(ours, x)

    def rows(calls, kinds):
        return [describe(m, s) for m, s in calls if isinstance(m, kinds)]

    bad = compare_rows("Conv2d / Linear / BatchNorm2d in execution order",
                       rows(calls_ours, PARAMETERISED), rows(calls_theirs, PARAMETERISED), log)
    if bad:
        failures.append(f"{bad} Conv2d/Linear/BatchNorm2d row(s) differ")
    n_conv = sum(isinstance(m, nn.Conv2d) for m, _ in calls_theirs)
    n_lin = sum(isinstance(m, nn.Linear) for m, _ in calls_theirs)
    n_bn = sum(isinstance(m, nn.BatchNorm2d) for m, _ in calls_theirs)

    bad = compare_rows("Activations in execution order",
                       rows(calls_ours, ACTIVATIONS), rows(calls_theirs, ACTIVATIONS), log)
    if bad:
        failures.append(f"{bad} activation row(s) differ")

    out_theirs = out_theirs.reshape(out_theirs.shape[0], -1)
    out_ours = out_ours.reshape(out_ours.shape[0], -1)
    log(f"\noutput: torchvision {tuple(out_theirs.shape)}, convspec {tuple(out_ours.shape)}")
    if out_theirs.shape != out_ours.shape:
        failures.append("output shapes differ")

    if not args.no_numeric and not failures:
        g = torch.Generator().manual_seed(1)
        randomise(theirs, g)
        calls_theirs, _ = trace(theirs, x)
        calls_ours, _ = trace(ours, x)
        copy_weights(calls_theirs, calls_ours)
        with torch.no_grad():
            y_theirs = theirs.eval()(x).reshape(1, -1)
            y_ours = ours.eval()(x).reshape(1, -1)
        scale = y_theirs.abs().max().item()
        diff = (y_theirs - y_ours).abs().max().item()
        ok = diff <= 1e-4 * max(scale, 1.0)
        log(f"numeric: weights copied module by module; max |logit| {scale:.4g}, max |Δ| {diff:.3g}"
            f" {'(equal)' if ok else '(DIFFERENT)'}")
        if not ok:
            failures.append(f"outputs differ with copied weights (max |Δ| {diff:.3g})")

    if failures:
        log("FAIL: " + "; ".join(failures))
        return 1
    log(f"PASS: {p_theirs:,} parameters; {n_conv} Conv2d, {n_lin} Linear, {n_bn} BatchNorm2d"
        f" and {len(rows(calls_theirs, ACTIVATIONS))} activations match in order"
        + ("" if args.no_numeric else "; identical outputs with copied weights"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
