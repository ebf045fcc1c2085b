#!/usr/bin/env bash
# The differential suite's referee: Debian's PyTorch and torchvision (torch 1.13), installed when missing.
set -euo pipefail
if /usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "ensure-torch: installing python3-torch and python3-torchvision with apt-get" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=900 python3-torch python3-torchvision >/dev/null
/usr/bin/python3 -c 'import torch, torchvision; print("ensure-torch: torch", torch.__version__, "torchvision", torchvision.__version__)' >&2
