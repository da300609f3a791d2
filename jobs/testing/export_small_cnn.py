"""A small random-weight 10-class CNN exported with one torch.onnx.export call: the synthetic benchmark's ONNX fixture.

Usage: /usr/bin/python3 jobs/testing/export_small_cnn.py --out DIR [--external-data] [--opset N] [--seed S]
Writes DIR/model.onnx (and DIR/model.onnx.data with --external-data: every initializer as external data).
"""
import argparse
import os

import torch
from torch import nn


def build(seed: int) -> nn.Module:
    torch.manual_seed(seed)
    net = nn.Sequential(
        nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10),
    )
    # Random-init BatchNorm sits at identity; give it statistics so the layer does something measurable.
    with torch.no_grad():
        net[1].running_mean.uniform_(-0.1, 0.1)
        net[1].running_var.uniform_(0.5, 2.0)
    return net.eval()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--opset", type=int, default=17)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--external-data", action="store_true")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "model.onnx")
    torch.onnx.export(build(a.seed), torch.zeros(1, 3, 224, 224), path, opset_version=a.opset,
                      input_names=["input"], output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    if a.external_data:
        import onnx
        m = onnx.load(path)
        onnx.save_model(m, path, save_as_external_data=True, all_tensors_to_one_file=True, location="model.onnx.data", size_threshold=0)
    print(path)


if __name__ == "__main__":
    main()
