"""Reference models for convspec's examples, written in plain PyTorch from the
primary sources -- NOT generated from convspec:

* unet():        Ronneberger, Fischer, Brox, "U-Net: Convolutional Networks for
                 Biomedical Image Segmentation", MICCAI 2015, section 2 and Fig. 1.
* yolov3_tiny(): Darknet's cfg/yolov3-tiny.cfg (pjreddie/darknet), built by a small
                 cfg interpreter that follows Darknet's parser (parser.c) and layer
                 arithmetic (convolutional_layer.c, maxpool_layer.c, route_layer.c,
                 upsample_layer.c). The cfg text below is the original's layer
                 sections verbatim, minus the training keys of [net] and [yolo].

Each function returns an nn.Module whose forward returns the network's output
(U-Net) or a tuple of outputs (YOLOv3-tiny: 13x13 head, 26x26 head), and whose
attribute `input_shape` is (C, H, W).
"""

import torch
import torch.nn.functional as F
from torch import nn


# --------------------------------------------------------------------------------------------
# U-Net (2015)
# --------------------------------------------------------------------------------------------

def _double_conv(cin, cout):
    """'two 3x3 convolutions (unpadded convolutions), each followed by a rectified linear unit'."""
    return nn.Sequential(
        nn.Conv2d(cin, cout, kernel_size=3, padding=0),
        nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, kernel_size=3, padding=0),
        nn.ReLU(inplace=True),
    )


def _center_crop(t, height, width):
    """'the correspondingly cropped feature map from the contracting path' (centre crop)."""
    _, _, h, w = t.shape
    top = (h - height) // 2
    left = (w - width) // 2
    return t[:, :, top:top + height, left:left + width]


class UNet(nn.Module):
    input_shape = (1, 572, 572)

    def __init__(self, in_channels=1, n_classes=2, base=64, depth=4):
        super().__init__()
        chans = [base * 2 ** i for i in range(depth + 1)]  # 64, 128, 256, 512, 1024
        self.down = nn.ModuleList()
        cin = in_channels
        for c in chans[:-1]:
            self.down.append(_double_conv(cin, c))
            cin = c
        # "a 2x2 max pooling operation with stride 2 for downsampling"
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)
        self.bottom = _double_conv(chans[-2], chans[-1])
        # Section 3.1: "Drop-out layers at the end of the contracting path". Placed as in the
        # authors' released Caffe model: after the last encoder step (its skip is taken after
        # the drop-out) and after the bottom.
        self.drop_enc = nn.Dropout(0.5)
        self.drop_bottom = nn.Dropout(0.5)
        # "an upsampling of the feature map followed by a 2x2 convolution ('up-convolution')
        #  that halves the number of feature channels": a 2x2 transposed conv, stride 2,
        #  followed by a ReLU as in the released Caffe model
        self.up = nn.ModuleList()
        self.dec = nn.ModuleList()
        for c in reversed(chans[:-1]):  # 512, 256, 128, 64
            self.up.append(nn.Sequential(nn.ConvTranspose2d(2 * c, c, kernel_size=2, stride=2), nn.ReLU(inplace=True)))
            self.dec.append(_double_conv(2 * c, c))
        # "At the final layer a 1x1 convolution is used to map each 64-component feature
        #  vector to the desired number of classes."
        self.final = nn.Conv2d(chans[0], n_classes, kernel_size=1)

    def forward(self, x):
        skips = []
        for i, block in enumerate(self.down):
            x = block(x)
            if i == len(self.down) - 1:
                x = self.drop_enc(x)
            skips.append(x)
            x = self.pool(x)
        x = self.drop_bottom(self.bottom(x))
        for up, dec, skip in zip(self.up, self.dec, reversed(skips)):
            x = up(x)
            # The paper fixes no channel order; the released model puts the upsampled map first.
            x = torch.cat([x, _center_crop(skip, x.shape[2], x.shape[3])], dim=1)
            x = dec(x)
        return self.final(x)


def unet():
    return UNet()


# --------------------------------------------------------------------------------------------
# YOLOv3-tiny (Darknet cfg)
# --------------------------------------------------------------------------------------------

YOLOV3_TINY_CFG = """
[net]
width=416
height=416
channels=3

[convolutional]
batch_normalize=1
filters=16
size=3
stride=1
pad=1
activation=leaky

[maxpool]
size=2
stride=2

[convolutional]
batch_normalize=1
filters=32
size=3
stride=1
pad=1
activation=leaky

[maxpool]
size=2
stride=2

[convolutional]
batch_normalize=1
filters=64
size=3
stride=1
pad=1
activation=leaky

[maxpool]
size=2
stride=2

[convolutional]
batch_normalize=1
filters=128
size=3
stride=1
pad=1
activation=leaky

[maxpool]
size=2
stride=2

[convolutional]
batch_normalize=1
filters=256
size=3
stride=1
pad=1
activation=leaky

[maxpool]
size=2
stride=2

[convolutional]
batch_normalize=1
filters=512
size=3
stride=1
pad=1
activation=leaky

[maxpool]
size=2
stride=1

[convolutional]
batch_normalize=1
filters=1024
size=3
stride=1
pad=1
activation=leaky

###########

[convolutional]
batch_normalize=1
filters=256
size=1
stride=1
pad=1
activation=leaky

[convolutional]
batch_normalize=1
filters=512
size=3
stride=1
pad=1
activation=leaky

[convolutional]
size=1
stride=1
pad=1
filters=255
activation=linear

[yolo]
mask = 3,4,5
classes=80

[route]
layers = -4

[convolutional]
batch_normalize=1
filters=128
size=1
stride=1
pad=1
activation=leaky

[upsample]
stride=2

[route]
layers = -1, 8

[convolutional]
batch_normalize=1
filters=256
size=3
stride=1
pad=1
activation=leaky

[convolutional]
size=1
stride=1
pad=1
filters=255
activation=linear

[yolo]
mask = 0,1,2
classes=80
"""


def parse_cfg(text):
    """Darknet's read_cfg: a list of (section, {key: value}) in file order."""
    sections = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            sections.append((line.strip("[]"), {}))
        else:
            key, value = line.split("=", 1)
            sections[-1][1][key.strip()] = value.strip()
    return sections


class DarknetMaxPool(nn.Module):
    """maxpool_layer.c: out = (w + padding - size)/stride + 1 with padding = size - 1 by default
    (parser.c), windows starting at offset -padding/2; pixels outside the input are skipped, so
    the padding acts as -inf. For size 2 that is one pixel on the right and bottom."""

    pad_value = float("-inf")  # Darknet pads a max pool with -FLT_MAX: padded cells never win

    def __init__(self, size, stride, padding):
        super().__init__()
        self.size, self.stride = size, stride
        self.low = padding // 2
        self.padding = padding

    def forward(self, x):
        h, w = x.shape[2], x.shape[3]
        out_h = (h + self.padding - self.size) // self.stride + 1
        out_w = (w + self.padding - self.size) // self.stride + 1
        high_h = (out_h - 1) * self.stride + self.size - h - self.low
        high_w = (out_w - 1) * self.stride + self.size - w - self.low
        x = F.pad(x, (self.low, max(high_w, 0), self.low, max(high_h, 0)), value=self.pad_value)
        return F.max_pool2d(x, self.size, self.stride)


class Darknet(nn.Module):
    """A Darknet network from its cfg: convolutional, maxpool, upsample, route, yolo."""

    def __init__(self, cfg_text):
        super().__init__()
        sections = parse_cfg(cfg_text)
        net = sections[0][1]
        self.input_shape = (int(net["channels"]), int(net["height"]), int(net["width"]))
        self.kinds, self.routes = [], []
        self.layers = nn.ModuleList()
        channels = []  # output channels of every layer, Darknet's numbering
        c = self.input_shape[0]
        for kind, opt in sections[1:]:
            module, route = nn.Identity(), None
            if kind == "convolutional":
                filters, size = int(opt["filters"]), int(opt["size"])
                stride = int(opt.get("stride", 1))
                padding = size // 2 if int(opt.get("pad", 0)) else int(opt.get("padding", 0))
                bn = int(opt.get("batch_normalize", 0))
                parts = [nn.Conv2d(c, filters, size, stride, padding, bias=not bn)]  # BN carries the shift
                if bn:
                    parts.append(nn.BatchNorm2d(filters))
                act = opt.get("activation", "logistic")
                if act == "leaky":
                    parts.append(nn.LeakyReLU(0.1))
                elif act != "linear":
                    raise ValueError(f"activation {act} not needed by yolov3-tiny")
                module = nn.Sequential(*parts)
                c = filters
            elif kind == "maxpool":
                stride = int(opt.get("stride", 1))
                size = int(opt.get("size", stride))
                module = DarknetMaxPool(size, stride, int(opt.get("padding", size - 1)))
            elif kind == "upsample":
                module = nn.Upsample(scale_factor=int(opt.get("stride", 2)), mode="nearest")
            elif kind == "route":
                here = len(self.layers)
                route = [int(v) if int(v) >= 0 else here + int(v) for v in opt["layers"].split(",")]
                c = sum(channels[i] for i in route)
            elif kind == "yolo":
                pass  # decoding only; the network's output is the tensor entering it
            else:
                raise ValueError(f"section [{kind}] not needed by yolov3-tiny")
            self.kinds.append(kind)
            self.routes.append(route)
            self.layers.append(module)
            channels.append(c)

    def forward(self, x):
        outputs, detections = [], []
        for kind, route, module in zip(self.kinds, self.routes, self.layers):
            if kind == "route":
                x = torch.cat([outputs[i] for i in route], dim=1)
            elif kind == "yolo":
                detections.append(x)
            else:
                x = module(x)
            outputs.append(x)
        return tuple(detections)


def yolov3_tiny():
    return Darknet(YOLOV3_TINY_CFG)


MODELS = {"unet": unet, "yolov3_tiny": yolov3_tiny}
