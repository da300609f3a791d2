/**
 * What /docs/pytorch and docs/submit-pytorch.md both say: the code to copy and the importer's refusals. One copy
 * here; content.test.ts checks that the Markdown repeats it verbatim and that each message is one the code throws.
 */

const EXPORT_CALL = `torch.onnx.export(
    model,
    torch.zeros(1, 3, 224, 224),
    "model.onnx",
    input_names=["input"],
    output_names=["logits"],
    dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
    opset_version=17,
)`;

export const EXPORT_TORCHVISION = `import torch
import torchvision

weights = torchvision.models.ResNet50_Weights.IMAGENET1K_V2
model = torchvision.models.resnet50(weights=weights).eval()
${EXPORT_CALL}`;

export const EXPORT_TIMM = `import timm
import torch

model = timm.create_model("convnext_tiny", pretrained=True).eval()
${EXPORT_CALL}`;

export const SPLIT_EXTERNAL_DATA = `import os
import onnx
from onnx.external_data_helper import set_external_data

LIMIT = 200 * 2**20  # bytes per weights file; the site takes at most 256 MiB per file
model = onnx.load("model.onnx")  # also reads any external data torch.onnx.export wrote
os.makedirs("upload", exist_ok=True)
part, used, out = 0, 0, None
for t in model.graph.initializer:
    if not t.HasField("raw_data") or len(t.raw_data) < 1024:
        continue  # small tensors stay inside model.onnx
    if out is None or used + len(t.raw_data) > LIMIT:
        if out:
            out.close()
        part, used = part + 1, 0
        out = open(f"upload/weights-{part}.bin", "wb")
    set_external_data(t, location=f"weights-{part}.bin", offset=used, length=len(t.raw_data))
    out.write(t.raw_data)
    used += len(t.raw_data)
    t.ClearField("raw_data")
    t.data_location = onnx.TensorProto.EXTERNAL
if out:
    out.close()
onnx.save(model, "upload/model.onnx")
onnx.checker.check_model("upload/model.onnx")
print("wrote upload/model.onnx and", part, "weights file(s)")`;

export const TORCHVISION_TRANSFORMS = `>>> torchvision.models.ResNet50_Weights.IMAGENET1K_V2.transforms()
ImageClassification(crop_size=[224], resize_size=[232], mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225], ...)`;

export const TIMM_CONFIG = `from timm.data import resolve_data_config

config = resolve_data_config({}, model=model)
print(config["mean"], config["std"], config["input_size"])`;

export const HELPER_USAGE = `python3 tools/onnx/export_onnx.py torchvision:resnet50 --weights IMAGENET1K_V2 --out submission/
python3 tools/onnx/export_onnx.py timm:vit_base_patch16_224 --pretrained --out submission/`;

/** The flags of tools/onnx/export_onnx.py (its argparse definitions). */
export const HELPER_FLAGS: [flag: string, meaning: string][] = [
  ["MODEL", "torchvision:NAME (any classifier in torchvision.models.list_models()) or timm:NAME"],
  ["--out DIR", "output folder (required): writes DIR/model.onnx and DIR/submission.json"],
  ["--opset N", "ONNX opset, 11–18 (default 17)"],
  ["--weights NAME", "torchvision weights enum member (default: the model's DEFAULT)"],
  ["--pretrained", "timm: load pretrained weights"],
  ["--random-weights", "untrained weights, BatchNorm calibrated on noise (offline; for trying the submission path)"],
  ["--seed N", "seed for --random-weights (default 0)"],
  ["--name TEXT", "display name on the leaderboard (default: the model name)"],
];

export const curlExample = (site: string) => `SITE=${site}   # the site's address
TOKEN=...                    # a personal API token from $SITE/account
curl --fail-with-body -H "Authorization: Bearer $TOKEN" \\
  -F files=@model.onnx \\
  --form-string "name=ResNet-50 (torchvision IMAGENET1K_V2)" \\
  --form-string family=ResNet \\
  --form-string training_data=ImageNet-1k \\
  --form-string trained_on_human_maps=no \\
  --form-string preprocessing=torchvision-imagenet \\
  --form-string num_classes=1000 \\
  "$SITE/api/v1/submissions"`;

export const SUBMIT_HELPER_OUTPUT = `SITE=$SITE TOKEN=$TOKEN python3 - <<'EOF'
import json, os, subprocess
fields = json.load(open("submission/submission.json"))
args = ["curl", "--fail-with-body", "-H", f"Authorization: Bearer {os.environ['TOKEN']}", "-F", "files=@submission/model.onnx"]
for key, value in fields.items():
    args += ["--form-string", f"{key}={value}"]
subprocess.run(args + [os.environ["SITE"] + "/api/v1/submissions"], check=True)
EOF`;

/**
 * The importer's refusals (lib/models/onnx/read.ts, validate.ts, execute.ts; the upload's checks around it in
 * lib/models/validate-onnx-child.ts and validate-submission.ts; the last from the evaluation):
 * `message` as the user sees it with "…" for what it fills in; `source`, fragments of the template in the code.
 */
export const ONNX_ERRORS: { message: string; source: string[]; meaning: string }[] = [
  {
    message: "the file is not an ONNX ModelProto: …",
    source: ["the file is not an ONNX ModelProto: "],
    meaning:
      "The file is truncated or not ONNX (a .pt checkpoint, a TorchScript file, a half-finished download). Re-export and upload the .onnx file itself.",
  },
  {
    message: "ONNX opset N is not supported; export with opset 11–18",
    source: ["is not supported; export with opset "],
    meaning: "Re-export with opset_version in the range (17 recommended).",
  },
  {
    message: "unsupported ONNX ops: Op (nodes: …); …. Supported ops: …",
    source: ["unsupported ONNX ops: ", "Supported ops: "],
    meaning:
      "The graph uses ops the importer does not run; every one is listed with its first node names. Check the table below; a newer opset or another export of that layer often avoids it.",
  },
  {
    message: "the model must have exactly one input (not an initializer); it has N: …",
    source: ["the model must have exactly one input (not an initializer); it has "],
    meaning: "Export with the image as the only input.",
  },
  {
    message: 'input "x" must be float32; it is …',
    source: ["must be float32; it is "],
    meaning: "Export with a float32 example (torch.zeros(1, 3, 224, 224)), not uint8 or float16.",
  },
  {
    message: 'input "x" must have shape [N,3,H,W] or [N,H,W,3] with N symbolic or 1 and H, W fixed; it is […]',
    source: ["must have shape [N,3,H,W] or [N,H,W,3] with N symbolic or 1 and H, W fixed; it is "],
    meaning: "Make only the batch axis dynamic; height and width must be fixed numbers.",
  },
  {
    message: 'input "x" must be square; it is H×W',
    source: ["must be square; it is "],
    meaning: "Export with a 224×224 example.",
  },
  {
    message: "the model has N outputs (…); name the logits output",
    source: ["outputs (", "name the logits output"],
    meaning: "Several outputs (an auxiliary head, features): put the logits output's name in logits_node.",
  },
  {
    message: 'output "o" not found; the model\'s outputs are …',
    source: ["not found; the model's outputs are "],
    meaning: "logits_node names an output the graph does not have.",
  },
  {
    message: 'output "o" has C classes; expected K, or: the model outputs C classes; expected K',
    source: ["classes; expected ", "the model outputs "],
    meaning: "num_classes (default 1000) disagrees with the logits.",
  },
  {
    message:
      'output "o" is computed by Softmax node "n": saliency is taken on the pre-softmax logits (protocol §3); export the model without the Softmax, or name a pre-softmax graph output in logits_node',
    source: [
      "is computed by ",
      ": saliency is taken on the pre-softmax logits (protocol §3); export the model without the ",
      "or name a pre-softmax graph output in logits_node",
    ],
    meaning:
      "The logits output ends in a Softmax or LogSoftmax (also through Identity, Flatten, Reshape or Squeeze). Export without it, or name the pre-softmax output in logits_node.",
  },
  {
    message:
      "the upload has no model.onnx at its top level; found … — put the .onnx file and its external data at the top level of the zip, not inside a folder",
    source: ["at its top level; found ", "put the .onnx file and its external data at the top level of the zip, not inside a folder"],
    meaning: "Zip the files themselves (cd into the folder first), not the folder.",
  },
  {
    message: 'weight "w" contains NaN at index i (or Infinity)',
    source: ["contains ", " at index "],
    meaning: "The weights are broken; check the checkpoint before exporting.",
  },
  {
    message: 'tensor "t" has unsupported data type …',
    source: ["has unsupported data type "],
    meaning: "Weights must be float32 or float16: model.float() before exporting.",
  },
  {
    message: 'tensor "t" has B bytes of data; its dims × … need M (or: has V values; dims […] need C, has invalid dims […])',
    source: ["bytes of data; its dims × ", "values; dims [", "has invalid dims ["],
    meaning: "The file is corrupt or cut short. Re-export.",
  },
  {
    message: 'tensor "t": external data file "f" does not exist',
    source: ["external data file ", "does not exist"],
    meaning: "A weights file that model.onnx names was not uploaded: send every external-data file, or one zip of all.",
  },
  {
    message: 'tensor "t": external data offset O + length L exceeds "f" (S bytes)',
    source: ["external data offset ", " exceeds "],
    meaning: "That weights file is truncated.",
  },
  {
    message:
      'tensor "t": external data location "f" must be a relative path inside the model\'s folder (or: leaves the model\'s folder, is not a file)',
    source: ["must be a relative path inside the model's folder", "leaves the model's folder", "is not a file"],
    meaning: "External data may only name plain files beside model.onnx: re-save the model with relative locations (the script above).",
  },
  {
    message: 'tensor "t" has external data without a location',
    source: ["has external data without a location"],
    meaning: "A malformed external-data entry; re-save the model with onnx.save.",
  },
  {
    message: "The protocol evaluates at 224×224; the model expects S×S",
    source: ["The protocol evaluates at ", "the model expects "],
    meaning: "The evaluation refuses other input sizes: export with a 224×224 example.",
  },
];

/** The dry run's onnxruntime cross-check failure (lib/evaluation/cross-check-step.ts, lib/models/ort/cross-check.ts). */
export const CROSS_CHECK_FAILURE = {
  message:
    "Dry run failed: onnxruntime cross-check failed: the imported graph's logits disagree with onnxruntime's on 2 images: " +
    'max |Δ| D > tolerance T (0.001 × max |logit|); the first diverging node is "NODE" (OP), output "OUT" differs by ' +
    "D (tolerance T)",
  source: [
    "Dry run failed: ",
    "onnxruntime cross-check failed: ",
    "the imported graph's logits disagree with onnxruntime's on ",
    "× max |logit|)",
    "; the first diverging node is ",
    "differs by ",
  ],
};
