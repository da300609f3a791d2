#!/usr/bin/env bash
# Checks the system packages the test suite needs; installs them when run as root on Debian, else says exactly what to install.
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v djpeg >/dev/null 2>&1 || missing+=(libjpeg-turbo-progs)
# ONNX conformance: PyTorch references (Debian's /usr/bin/python3) and ONNX's own backend node tests.
/usr/bin/python3 -c "import torch" >/dev/null 2>&1 || missing+=(python3-torch)
/usr/bin/python3 -c "import torchvision" >/dev/null 2>&1 || missing+=(python3-torchvision)
/usr/bin/python3 -c "import onnx" >/dev/null 2>&1 || missing+=(python3-onnx)
[ -d /usr/share/libonnx-testdata/data/node ] || missing+=(libonnx-testdata)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing missing system packages: ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  echo "(or set CHROMIUM_PATH to an existing Chromium/Chrome binary)" >&2
  exit 1
fi
