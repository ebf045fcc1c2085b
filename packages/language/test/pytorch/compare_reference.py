#!/usr/bin/env python3
"""Compare a network exported by `convspec export --to pytorch` with a hand-written
reference model (reference_models.py).

    python3 compare_reference.py MODEL EXPORTED.py [--network NAME] [--numeric]

MODEL is a name in reference_models.MODELS (unet, yolov3_tiny). The exported file
must hold one network (or name it with --network).

Exit status: 0 all checks pass; 1 a structural check (1-4) fails; 3 only the numeric
check (--numeric) fails; 2 usage error.

Checks (each must agree exactly):
  1. the Conv2d / ConvTranspose2d layers in execution order: type, output shape,
     kernel, stride, padding, bias, parameters;
  2. the BatchNorm2d layers in execution order: channels (2*D parameters each);
  3. total parameters, counted as PyTorch does (BatchNorm2d weight + bias; running
     statistics are buffers);
  4. the output shape(s). A convspec network has one flow, so the exported module
     returns its last output; further outputs of the reference are matched with the
     labelled statements named in OUTPUT_LABELS (read from the export's `saved`).

With --numeric the reference's parameters are copied, layer by layer in execution
order, into the exported model, and both are run on the same random input: the
outputs must agree to within 1e-4 (relative). This checks that the export computes
what the reference computes, not only the shapes.
"""

import argparse
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_models  # noqa: E402
from exported import load_export  # noqa: E402

# For each reference output after the first: the convspec label of the statement that
# computes it (None = the exported module's own return value, i.e. the end of the flow).
OUTPUT_LABELS = {
    "unet": [None],
    "yolov3_tiny": ["head13", None],  # reference returns (13x13 head, 26x26 head)
}

CONVS = (nn.Conv2d, nn.ConvTranspose2d)


def labelled_module(model, label):
    """The module of the exported model whose output convspec keeps under `label` (top level first)."""
    for module in model.modules():
        labels = getattr(module, "labels", None)
        steps = getattr(module, "steps", None)
        if labels is not None and steps is not None and label in labels:
            return steps[labels.index(label)]
    raise KeyError(f"no statement labelled {label!r} in the export")


def as_tuple(out):
    return tuple(out) if isinstance(out, (tuple, list)) else (out,)


def run(model, x, extra_labels=()):
    """Forward pass recording every conv and batch norm in execution order (their
    description and the modules themselves), and the outputs of the labelled
    statements in `extra_labels`."""
    records, captured, handles, order = [], {}, [], []

    def conv_hook(module, _inputs, output):
        order.append(module)
        records.append((
            "conv",
            type(module).__name__,
            tuple(output.shape[1:]),
            tuple(module.kernel_size),
            tuple(module.stride),
            tuple(module.padding),
            module.bias is not None,
            sum(p.numel() for p in module.parameters()),
        ))

    def bn_hook(module, _inputs, output):
        order.append(module)
        records.append(("bn", "BatchNorm2d", tuple(output.shape[1:]), module.num_features,
                        sum(p.numel() for p in module.parameters())))

    for module in model.modules():
        if isinstance(module, CONVS):
            handles.append(module.register_forward_hook(conv_hook))
        elif isinstance(module, nn.BatchNorm2d):
            handles.append(module.register_forward_hook(bn_hook))
    for label in extra_labels:
        def keep(_m, _i, output, label=label):
            captured[label] = output
        handles.append(labelled_module(model, label).register_forward_hook(keep))
    with torch.no_grad():
        out = model(x)
    for handle in handles:
        handle.remove()
    return records, out, captured, order


def fmt_shape(chw):
    c, h, w = chw
    return f"{w}x{h}x{c}"


def copy_parameters(src, dst):
    """Reference parameters into the export: the parametrised layers, paired in execution order."""
    assert len(src) == len(dst), "different numbers of parametrised layers"
    with torch.no_grad():
        for a, b in zip(src, dst):
            assert type(a) is type(b), f"{type(a).__name__} vs {type(b).__name__}"
            for name, p in a.named_parameters():
                dict(b.named_parameters())[name].copy_(p)
            for name, buf in a.named_buffers():
                dict(b.named_buffers())[name].copy_(buf)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", choices=sorted(reference_models.MODELS))
    parser.add_argument("exported", help="the .py written by `convspec export --to pytorch`")
    parser.add_argument("--network", help="the network's class name in the export, if it holds several")
    parser.add_argument("--numeric", action="store_true", help="also compare outputs with copied weights")
    args = parser.parse_args()

    torch.manual_seed(0)
    reference = reference_models.MODELS[args.model]().eval()
    exported = load_export(args.exported, args.network)[1].eval()
    failures, numeric_failures = [], []

    def check(what, ok, detail="", numeric=False):
        print(f"  [{'ok' if ok else 'FAIL'}] {what}{(': ' + detail) if detail else ''}")
        if not ok:
            (numeric_failures if numeric else failures).append(what)

    print(f"{args.model}: reference vs {args.exported}")
    c, h, w = reference.input_shape
    check("input shape", tuple(exported.input_shape) == (c, h, w),
          f"reference {w}x{h}x{c}, export {exported.input_shape[2]}x{exported.input_shape[1]}x{exported.input_shape[0]}")
    # One random input for everything: the reference runs once; the export runs once for
    # the structure and, with --numeric, once more with the reference's weights copied in.
    x = torch.randn(1, c, h, w)
    labels = [lab for lab in OUTPUT_LABELS[args.model] if lab is not None]
    ref_records, ref_out, _, ref_order = run(reference, x)
    exp_records, exp_out, captured, exp_order = run(exported, x, labels)
    ref_outs = as_tuple(ref_out)
    exp_outs = tuple(exp_out if lab is None else captured[lab] for lab in OUTPUT_LABELS[args.model])

    # 1. convolutions
    ref_convs = [r for r in ref_records if r[0] == "conv"]
    exp_convs = [r for r in exp_records if r[0] == "conv"]
    print(f"  {'#':>3}  {'reference':<52} {'export':<52}")
    for i in range(max(len(ref_convs), len(exp_convs))):
        a = ref_convs[i] if i < len(ref_convs) else None
        b = exp_convs[i] if i < len(exp_convs) else None

        def cell(r):
            if r is None:
                return "-"
            _, kind, shape, k, s, p, bias, n = r
            return f"{kind:<15} {fmt_shape(shape):>12} k{k[0]}x{k[1]} s{s[0]} p{p[0]} {'bias' if bias else 'nobias':<6} {n:>10,}"
        mark = "" if a == b else "   <-- differs"
        print(f"  {i:>3}  {cell(a):<52} {cell(b):<52}{mark}")
    check("conv layers (type, output, kernel, stride, padding, bias, params) in execution order",
          ref_convs == exp_convs, f"{len(ref_convs)} reference, {len(exp_convs)} export")
    # 2. batch norms
    ref_bns = [r for r in ref_records if r[0] == "bn"]
    exp_bns = [r for r in exp_records if r[0] == "bn"]
    check("batch norms in execution order", ref_bns == exp_bns,
          f"{len(ref_bns)} reference, {len(exp_bns)} export, {sum(r[4] for r in ref_bns):,} params")
    # 3. totals
    ref_total = sum(p.numel() for p in reference.parameters())
    exp_total = sum(p.numel() for p in exported.parameters())
    check("total parameters", ref_total == exp_total, f"reference {ref_total:,}, export {exp_total:,}")
    ref_buffers = sum(b.numel() for n, b in reference.named_buffers() if not n.endswith("num_batches_tracked"))
    if ref_buffers:
        print(f"       (plus {ref_buffers:,} running statistics = {ref_total + ref_buffers:,} as Darknet counts)")
    # 4. outputs
    ref_shapes = [fmt_shape(t.shape[1:]) for t in ref_outs]
    exp_shapes = [fmt_shape(t.shape[1:]) for t in exp_outs]
    check("output shape(s)", ref_shapes == exp_shapes,
          f"reference {', '.join(ref_shapes)}; export {', '.join(exp_shapes)}"
          f" (export outputs: {', '.join('end of flow' if lab is None else lab for lab in OUTPUT_LABELS[args.model])})")

    if args.numeric and not failures:
        copy_parameters(ref_order, exp_order)
        _, exp_out, captured, _ = run(exported, x, labels)
        exp_outs = tuple(exp_out if lab is None else captured[lab] for lab in OUTPUT_LABELS[args.model])
        for i, (a, b) in enumerate(zip(as_tuple(ref_out), exp_outs)):
            err = ((a - b).abs().max() / a.abs().max().clamp_min(1e-12)).item()
            check(f"numeric output {i} ({fmt_shape(a.shape[1:])}) with copied weights", err <= 1e-4,
                  f"max relative difference {err:.2e}", numeric=True)

    verdict = "PASS" if not failures else "FAIL (" + "; ".join(failures) + ")"
    if args.numeric:
        verdict += ", numeric " + ("PASS" if not numeric_failures else "FAIL (" + "; ".join(numeric_failures) + ")")
    print(f"{args.model}: structure {verdict}")
    return 1 if failures else 3 if numeric_failures else 0


if __name__ == "__main__":
    sys.exit(main())
