# Copied from the team's shared benchmark set (shared/bench/torch_summary.py), unchanged below this line.
# The yardstick for `convspec summary`: what a user runs today to see per-layer shapes of ResNet-50
# (torchinfo-style): import torch, build the model, a hooked forward pass, print. Run with /usr/bin/python3.
import torch, torchvision
m = torchvision.models.resnet50(weights=None).eval()
rows = []
def hook(mod, inp, out, name=None):
    rows.append((name, type(mod).__name__, tuple(inp[0].shape), tuple(out.shape),
                 sum(p.numel() for p in mod.parameters(recurse=False))))
hs = [mod.register_forward_hook(lambda mod, i, o, n=n: hook(mod, i, o, n))
      for n, mod in m.named_modules() if n]
with torch.no_grad():
    y = m(torch.zeros(1, 3, 224, 224))
for h in hs: h.remove()
print(f"{'Layer':40s} {'Type':20s} {'Output shape':22s} {'Params':>10s}")
for n, t, i, o, p in rows:
    print(f"{n:40s} {t:20s} {str(list(o)):22s} {p:>10,d}")
tot = sum(p.numel() for p in m.parameters())
print(f"Total params: {tot:,d}  Trainable: {sum(p.numel() for p in m.parameters() if p.requires_grad):,d}")
