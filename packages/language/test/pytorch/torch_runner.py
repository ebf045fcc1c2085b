"""The referee: builds each case in real PyTorch and reports what PyTorch computes.

Reads a JSON job (argv[1]) and writes JSON results (argv[2]). Layer cases are
constructed here from plain hyper-parameters (not from convspec's export), so
PyTorch's own shape rules and error checks decide; network cases exec a module
that `convspec export` wrote and record every tagged layer's output.
"""
import json
import math
import sys

import torch
from torch import nn

torch.set_grad_enabled(False)


def pair(v):
    # convspec writes width first; PyTorch takes (height, width).
    return (v[1], v[0])


def same_padding(size, stride, fe):
    # Keras/TensorFlow "same": output ceil(W/S), total padding split low = total // 2.
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + fe - size, 0)
    return total // 2, total - total // 2


def build_layer(c):
    kind = c["kind"]
    w, h, d = c["input"]
    if kind in ("conv", "dwconv", "maxpool", "avgpool"):
        k, s, dil = c["kernel"], c["stride"], c.get("dilation", [1, 1])
        pre = None
        if c.get("same"):
            fe = [dil[a] * (k[a] - 1) + 1 for a in (0, 1)]
            (lw, hw_), (lh, hh) = same_padding(w, s[0], fe[0]), same_padding(h, s[1], fe[1])
            pre = nn.ZeroPad2d((lw, hw_, lh, hh))
            padding = (0, 0)
        else:
            padding = pair(c["pad"])
        if kind == "conv":
            layer = nn.Conv2d(d, c["filters"], pair(k), stride=pair(s), padding=padding, dilation=pair(dil),
                              groups=c["groups"], bias=c["bias"])
        elif kind == "dwconv":
            layer = nn.Conv2d(d, d * c["mult"], pair(k), stride=pair(s), padding=padding, dilation=pair(dil),
                              groups=d, bias=c["bias"])
        elif kind == "maxpool":
            layer = nn.MaxPool2d(pair(k), stride=pair(s), padding=padding, dilation=pair(dil), ceil_mode=c["ceil"])
        else:
            layer = nn.AvgPool2d(pair(k), stride=pair(s), padding=padding, ceil_mode=c["ceil"])
        return nn.Sequential(pre, layer) if pre is not None else layer
    if kind == "deconv":
        return nn.ConvTranspose2d(d, c["filters"], pair(c["kernel"]), stride=pair(c["stride"]), padding=pair(c["pad"]),
                                  output_padding=pair(c["outpad"]), groups=c["groups"], bias=c["bias"],
                                  dilation=pair(c["dilation"]))
    if kind == "adaptiveavgpool":
        return nn.AdaptiveAvgPool2d(pair(c["size"]))
    if kind == "upsample":
        return nn.Upsample(scale_factor=(float(c["factor"][1]), float(c["factor"][0])), mode="nearest")
    if kind == "zeropad":
        p = c["pad"]
        return nn.ZeroPad2d((p[0], p[0], p[1], p[1]))
    if kind == "dense":
        return nn.Sequential(nn.Flatten(), nn.Linear(w * h * d, c["units"], bias=c["bias"]))
    if kind == "batchnorm":
        return nn.BatchNorm2d(d)
    if kind == "shuffle":
        return nn.ChannelShuffle(c["groups"])
    if kind == "crop":
        return CenterCrop(c["size"])
    if kind == "activation":
        return build_activation(c["name"], c.get("value"))
    raise ValueError(f"unknown kind {kind}")


class CenterCrop(nn.Module):
    """torchvision's center_crop, which pads a crop larger than the image; convspec refuses that instead."""

    def __init__(self, size):
        super().__init__()
        self.size = size

    def forward(self, x):
        import torchvision.transforms.functional as F
        cw, ch = self.size
        if cw > x.shape[3] or ch > x.shape[2]:
            raise ValueError(f"crop {cw}x{ch} is larger than the input {x.shape[3]}x{x.shape[2]}")
        return F.center_crop(x, [ch, cw])


def build_activation(name, value):
    modules = {
        "hardswish": lambda: nn.Hardswish(), "hardsigmoid": lambda: nn.Hardsigmoid(), "swish": lambda: nn.SiLU(),
        "elu": lambda: nn.ELU() if value is None else nn.ELU(alpha=value), "selu": lambda: nn.SELU(),
        "mish": lambda: nn.Mish(), "softplus": lambda: nn.Softplus(), "logsoftmax": lambda: nn.LogSoftmax(dim=1),
        "identity": lambda: nn.Identity(),
        "leakyrelu": lambda: nn.LeakyReLU() if value is None else nn.LeakyReLU(value),
        "dropout": lambda: nn.Dropout() if value is None else nn.Dropout(value),
    }
    return modules[name]()


def volume(t):
    if t.dim() == 2:
        return [1, 1, int(t.shape[1])]
    n, c, h, w = t.shape
    return [int(w), int(h), int(c)]


def run_layer(c):
    w, h, d = c["input"]
    try:
        layer = build_layer(c).eval()
        out = layer(torch.zeros(1, d, h, w))
        return {"id": c["id"], "ok": True, "output": volume(out), "params": sum(p.numel() for p in layer.parameters())}
    except Exception as e:  # PyTorch refuses: the case must be an error in convspec too
        return {"id": c["id"], "ok": False, "error": f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"}


def run_network(case):
    scope = {"__name__": "convspec_export"}
    try:
        exec(compile(case["code"], f"<export {case['id']}>", "exec"), scope)
        results = []
        for name, cls in scope["NETWORKS"].items():
            model = cls().eval()
            layers = {}

            def hook(module, _inputs, output):
                layers[module.convspec_index] = {
                    "output": volume(output),
                    "params": sum(p.numel() for p in module.parameters()),
                    "line": module.convspec_line,
                }

            for m in model.modules():
                if hasattr(m, "convspec_index"):
                    m.register_forward_hook(hook)
            c, h, w = model.input_shape
            out = model(torch.zeros(1, c, h, w))
            results.append({
                "name": name, "output": volume(out), "params": sum(p.numel() for p in model.parameters()),
                "layers": {str(k): v for k, v in layers.items()},
            })
        return {"id": case["id"], "ok": True, "networks": results}
    except Exception as e:
        return {"id": case["id"], "ok": False, "error": f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"}


def torchvision_totals():
    import torchvision.models as models
    built = {
        "alexnet": models.alexnet(weights=None),
        "vgg16": models.vgg16(weights=None),
        "resnet50": models.resnet50(weights=None),
        "googlenet": models.googlenet(weights=None, aux_logits=False, init_weights=False),
        "mobilenet_v3_small": models.mobilenet_v3_small(weights=None),
        "efficientnet_b0": models.efficientnet_b0(weights=None),
        "shufflenet_v2_x1_0": models.shufflenet_v2_x1_0(weights=None),
    }
    return {name: sum(p.numel() for p in m.parameters()) for name, m in built.items()}


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    result = {
        "torch": torch.__version__,
        "layers": [run_layer(c) for c in job.get("layers", [])],
        "networks": [run_network(c) for c in job.get("networks", [])],
    }
    if job.get("torchvision"):
        result["torchvision"] = torchvision_totals()
    with open(sys.argv[2], "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
