#!/usr/bin/env python3
"""Export a torchvision or timm classifier to ONNX for the human-alignment leaderboard.

    python3 tools/onnx/export_onnx.py torchvision:resnet50 --weights IMAGENET1K_V2 --out submission/
    python3 tools/onnx/export_onnx.py timm:vit_base_patch16_224 --pretrained --out submission/

Writes `model.onnx` (one `torch.onnx.export` call: input `input` [N,3,224,224] with a free batch dimension, output
`logits`, no softmax) and `submission.json`: the form fields of the submission (preprocessing as scale/mean/std,
class count, family) so that the upload states exactly what the model expects. `--random-weights` exports an
untrained network (no download), for trying the submission path offline.

The leaderboard feeds every model the 224x224 image (ClickMe's 256x256 image resized, no crop) in [0, 255] and
applies x' = (x * scale - mean) / std per RGB channel; it differentiates the logit of the true class with respect to
x'. Only the normalisation of a model's own transforms carries over; its resize and crop do not.
"""
import argparse
import json
import os
import sys

INPUT_SIZE = 224


def fail(message):
    print(f"export_onnx: {message}", file=sys.stderr)
    sys.exit(2)


def load_torchvision(name, weights, random_weights):
    import torchvision

    if name not in torchvision.models.list_models(module=torchvision.models):
        fail(f"torchvision has no classification model '{name}'; see torchvision.models.list_models()")
    if random_weights:
        extra = {"aux_logits": False} if name in ("inception_v3", "googlenet") else {}
        return redraw_zero_weights(torchvision.models.get_model(name, weights=None, **extra)), None
    weight_enum = torchvision.models.get_model_weights(name)
    chosen = weight_enum[weights] if weights else weight_enum.DEFAULT
    model = torchvision.models.get_model(name, weights=chosen)  # in eval mode auxiliary heads return nothing
    transforms = chosen.transforms()
    return model, {"mean": list(transforms.mean), "std": list(transforms.std), "weights": f"torchvision {chosen}"}


def redraw_zero_weights(model):
    """torchvision zero-initialises ViT's head, which makes an untrained ViT's logits and gradients identically zero;
    any all-zero weight matrix is redrawn from N(0, 0.02^2) so that the network computes something."""
    import torch

    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() >= 2 and not p.any():
                p.normal_(0, 0.02)
                print(f"export_onnx: {name} was all zeros at initialisation; redrawn from N(0, 0.02^2)", file=sys.stderr)
    return model


def load_timm(name, pretrained):
    try:
        import timm
    except ImportError:
        fail("timm is not installed (pip install timm)")
    model = timm.create_model(name, pretrained=pretrained)
    config = timm.data.resolve_data_config({}, model=model)
    if tuple(config["input_size"][1:]) != (INPUT_SIZE, INPUT_SIZE):
        print(f"export_onnx: note: {name} was trained at {config['input_size'][1:]}; the leaderboard evaluates at "
              f"{INPUT_SIZE}x{INPUT_SIZE}", file=sys.stderr)
    return model, {"mean": list(config["mean"]), "std": list(config["std"]), "weights": f"timm {name}" + (" pretrained" if pretrained else "")}


def calibrate_batch_norm(model, torch, batches=4):
    """Untrained networks keep BatchNorm at identity statistics, which makes activations degenerate; measure them on noise."""
    norms = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    if not norms:  # ViT, Swin, ConvNeXt, AlexNet: nothing to calibrate (32 training-mode forwards of ViT-B take minutes)
        model.eval()
        return
    for m in norms:
        m.reset_running_stats()
        m.momentum = None
    model.train()
    with torch.no_grad():
        for _ in range(batches):
            model(torch.randn(8, 3, INPUT_SIZE, INPUT_SIZE))
    model.eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="torchvision:NAME or timm:NAME")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--opset", type=int, default=17, help="ONNX opset, 11-18 (default 17)")
    parser.add_argument("--weights", help="torchvision weights enum member (default: DEFAULT)")
    parser.add_argument("--pretrained", action="store_true", help="timm: load pretrained weights")
    parser.add_argument("--random-weights", action="store_true", help="untrained weights, BatchNorm calibrated on noise (offline)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--name", help="display name on the leaderboard (default: the model name)")
    args = parser.parse_args()

    import torch

    if not 11 <= args.opset <= 18:
        fail(f"--opset {args.opset} is outside 11-18, the range the leaderboard accepts")
    source, _, name = args.model.partition(":")
    torch.manual_seed(args.seed)
    if source == "torchvision":
        model, prep = load_torchvision(name, args.weights, args.random_weights)
    elif source == "timm":
        model, prep = load_timm(name, args.pretrained and not args.random_weights)
        if args.random_weights:
            prep = None
    else:
        fail(f"'{args.model}' must start with torchvision: or timm:")
    if args.random_weights:
        calibrate_batch_norm(model, torch)
        prep = {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "weights": "random (BatchNorm calibrated on noise)"}
    model.eval()

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    example = torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE)
    with torch.no_grad():
        num_classes = int(model(example).shape[1])
    torch.onnx.export(
        model, example, onnx_path, opset_version=args.opset, input_names=["input"], output_names=["logits"],
        dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True,
    )
    fields = {
        "name": args.name or name,
        "family": type(model).__name__,
        "training_data": "none (random weights)" if args.random_weights else "ImageNet-1k",
        "trained_on_human_maps": "no",
        "preprocessing": "custom",
        "scale": "1/255",
        "mean": ",".join(f"{v:.6g}" for v in prep["mean"]),
        "std": ",".join(f"{v:.6g}" for v in prep["std"]),
        "num_classes": str(num_classes),
        "logits_node": "logits",
        "description": f"{args.model} exported with torch {torch.__version__} at opset {args.opset}; weights: {prep['weights']}",
    }
    with open(os.path.join(args.out, "submission.json"), "w") as f:
        json.dump(fields, f, indent=2)
        f.write("\n")
    size_mb = os.path.getsize(onnx_path) / 2**20
    print(f"wrote {onnx_path} ({size_mb:.1f} MiB, {num_classes} classes, opset {args.opset}) and submission.json")
    form = " ".join(f"-F {k}={json.dumps(v)}" for k, v in fields.items())
    print(f"submit: curl -H \"Authorization: Bearer $TOKEN\" -F files=@{onnx_path} {form} $SITE/api/v1/submissions")


if __name__ == "__main__":
    main()
