#!/usr/bin/env python3
"""bench:eval's PyTorch peer: the protocol's saliency (forward, gradient of the true-class logit with respect to the
input, max over channels of |g|) for a torchvision model with random weights, timed on CPU.

    /usr/bin/python3 bench/torch_saliency.py --model resnet50 --threads 2 --batches 1,2,4 --images 8

Prints one JSON line: for each batch size, images/s over `--images` images after one warm-up batch, and the peak RSS.
This is the work the site's engines do per image minus JPEG decoding, resizing and scoring, so the engines' rows
(which include them) are measured against a peer that does less.
"""
import argparse
import json
import os
import resource
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools", "onnx"))
from export_onnx import INPUT_SIZE, calibrate_batch_norm, load_torchvision  # noqa: E402


def saliency(model, x, labels):
    x = x.detach().requires_grad_(True)
    logits = model(x)
    logits.gather(1, labels[:, None]).sum().backward()
    return x.grad.abs().amax(dim=1), logits.detach()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batches", default="1")
    parser.add_argument("--images", type=int, default=8)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model, _ = load_torchvision(args.model, None, True)
    calibrate_batch_norm(model, torch)
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    rows = []
    for batch in [int(b) for b in args.batches.split(",")]:
        x = torch.rand(batch, 3, INPUT_SIZE, INPUT_SIZE)
        labels = torch.randint(0, 1000, (batch,))
        saliency(model, x, labels)  # warm-up: allocator and oneDNN primitives
        done = 0
        t0 = time.perf_counter()
        while done < args.images:
            saliency(model, x, labels)
            done += batch
        seconds = time.perf_counter() - t0
        rows.append({"batch": batch, "images": done, "seconds": seconds, "images_per_s": done / seconds})
    print(json.dumps({
        "model": args.model,
        "threads": args.threads,
        "torch": torch.__version__,
        "rows": rows,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
