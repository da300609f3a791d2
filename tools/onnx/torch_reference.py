#!/usr/bin/env python3
"""PyTorch autograd reference for the ONNX path's saliency (protocol section 3), used by the conformance tests.

    /usr/bin/python3 tools/onnx/torch_reference.py --model mobilenet_v2 --opset 17 --images 2 --out DIR

Builds a torchvision model with random weights (BatchNorm statistics calibrated on noise, as export_onnx.py does),
exports it with one torch.onnx.export call to DIR/model.onnx, and writes for `--images` smooth pseudo-images:
  inputs.f32    N x 224 x 224 x 3, the preprocessed model input x' (NHWC, float32 little-endian)
  labels.i32    N true-class indices
  logits.f64    N x classes, PyTorch's logits in float64 (the float32 weights, evaluated in double precision)
  saliency.f64  N x 224 x 224, max over RGB of |d logit[label] / d x'| from autograd in float64
  human.f32     N x 224 x 224, smooth random "human maps" to correlate both saliency maps with
  meta.json     shapes, versions, opset
The float64 reference separates rounding of a float32 engine from real disagreement.

`--model flipped:NAME` wraps the torchvision model so it sees the image mirrored left-right with its channels reversed
(BGR): torch.flip, which torch.onnx.export writes as a Slice with negative steps.
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_onnx import INPUT_SIZE, calibrate_batch_norm, load_torchvision  # noqa: E402

MEAN = np.array([0.485, 0.456, 0.406])
STD = np.array([0.229, 0.224, 0.225])


def smooth_field(rng, n, channels, cells=7):
    """Low-frequency random fields in [0, 1]: bilinear upsampling of a coarse grid, plus a little pixel noise."""
    coarse = torch.from_numpy(rng.random((n, channels, cells, cells)))
    fine = torch.nn.functional.interpolate(coarse, size=(INPUT_SIZE, INPUT_SIZE), mode="bilinear", align_corners=False)
    return np.clip(fine.numpy() + 0.02 * rng.standard_normal(fine.shape), 0, 1)


class Flipped(torch.nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(torch.flip(x, dims=(1, 3)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--images", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    flipped = args.model.startswith("flipped:")
    model, _ = load_torchvision(args.model.removeprefix("flipped:"), None, True)
    calibrate_batch_norm(model, torch)
    if flipped:
        model = Flipped(model).eval()
    os.makedirs(args.out, exist_ok=True)
    example = torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE)
    torch.onnx.export(
        model, example, os.path.join(args.out, "model.onnx"), opset_version=args.opset, input_names=["input"],
        output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True,
    )

    pixels = 255 * smooth_field(rng, args.images, 3)  # NCHW in [0, 255]
    x = (pixels / 255 - MEAN[None, :, None, None]) / STD[None, :, None, None]
    x32 = x.astype(np.float32)
    model = model.double()
    inputs = torch.from_numpy(x32.astype(np.float64)).requires_grad_(True)
    logits = model(inputs)
    labels = rng.integers(0, logits.shape[1], size=args.images)
    logits[torch.arange(args.images), torch.from_numpy(labels)].sum().backward()
    saliency = inputs.grad.abs().amax(dim=1)

    out = lambda name: os.path.join(args.out, name)  # noqa: E731
    x32.transpose(0, 2, 3, 1).astype("<f4").tofile(out("inputs.f32"))
    labels.astype("<i4").tofile(out("labels.i32"))
    logits.detach().numpy().astype("<f8").tofile(out("logits.f64"))
    saliency.numpy().astype("<f8").tofile(out("saliency.f64"))
    smooth_field(rng, args.images, 1)[:, 0].astype("<f4").tofile(out("human.f32"))
    with open(out("meta.json"), "w") as f:
        json.dump({"model": args.model, "opset": args.opset, "images": args.images, "size": INPUT_SIZE,
                   "classes": int(logits.shape[1]), "torch": torch.__version__}, f)


if __name__ == "__main__":
    main()
