"""ONNX upload fixtures for the submission tests: the small 10-class CNN, good and broken in each way a user can.

Usage: /usr/bin/python3 jobs/testing/onnx_cases.py --out DIR
Writes one folder per case under DIR (each with model.onnx and any external-data files) and DIR/done.
"""
import argparse
import os
import shutil
import subprocess
import sys

import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))


def export(out: str, *extra: str) -> onnx.ModelProto:
    subprocess.run([sys.executable, os.path.join(HERE, "export_small_cnn.py"), "--out", out, *extra], check=True, stdout=subprocess.DEVNULL)
    return onnx.load(os.path.join(out, "model.onnx"), load_external_data=False)


def save(root: str, name: str, m: onnx.ModelProto) -> str:
    d = os.path.join(root, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "model.onnx"), "wb") as f:
        f.write(m.SerializeToString())
    return d


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    root = p.parse_args().out
    shutil.rmtree(root, ignore_errors=True)
    good = export(os.path.join(root, "good"))
    export(os.path.join(root, "external"), "--external-data", "--seed", "1")
    # The same weights as "good", exported again at another opset with external data: must deduplicate.
    export(os.path.join(root, "good-again"), "--opset", "13", "--external-data")

    raw = open(os.path.join(root, "good", "model.onnx"), "rb").read()
    os.makedirs(os.path.join(root, "truncated"))
    open(os.path.join(root, "truncated", "model.onnx"), "wb").write(raw[: len(raw) // 2])
    os.makedirs(os.path.join(root, "not-onnx"))
    open(os.path.join(root, "not-onnx", "model.onnx"), "wb").write(b'{"this": "is json, not protobuf"}\n')

    escaping = onnx.load(os.path.join(root, "external", "model.onnx"), load_external_data=False)
    for t in escaping.graph.initializer:
        for e in t.external_data:
            if e.key == "location":
                e.value = "../outside.data"
    save(root, "escaping", escaping)
    missing = save(root, "missing-data", onnx.load(os.path.join(root, "external", "model.onnx"), load_external_data=False))
    assert not os.path.exists(os.path.join(missing, "model.onnx.data"))

    m = onnx.ModelProto(); m.CopyFrom(good)
    t = next(t for t in m.graph.initializer if len(t.dims) == 4)
    t.raw_data = t.raw_data[:-4]
    save(root, "size-mismatch", m)

    m = onnx.ModelProto(); m.CopyFrom(good)
    relu = next(n for n in m.graph.node if n.op_type == "Relu")
    relu.op_type = "Mish"
    save(root, "unsupported-op", m)

    m = onnx.ModelProto(); m.CopyFrom(good)
    m.opset_import[0].version = 10
    save(root, "opset-10", m)

    m = onnx.ModelProto(); m.CopyFrom(good)
    m.graph.input.append(helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", 1, 224, 224]))
    save(root, "two-inputs", m)

    m = onnx.ModelProto(); m.CopyFrom(good)
    m.graph.input[0].type.tensor_type.elem_type = TensorProto.INT64
    save(root, "int-input", m)
    m = onnx.ModelProto(); m.CopyFrom(good)
    out = m.graph.output[0].name
    for n in m.graph.node:
        n.output[:] = [f"{o}_pre" if o == out else o for o in n.output]
    m.graph.node.append(helper.make_node("Softmax", [f"{out}_pre"], [out], name="/softmax/Softmax", axis=1))
    save(root, "softmax-output", m)

    # "external" with one weight of the second convolution changed: what onnxruntime runs in the mismatch test.
    m = onnx.load(os.path.join(root, "external", "model.onnx"))
    t = next(t for t in m.graph.initializer if t.name == "4.weight")
    w = numpy_helper.to_array(t).copy()
    w.flat[0] += 0.5
    t.CopyFrom(numpy_helper.from_array(w, t.name))
    d = os.path.join(root, "perturbed")
    os.makedirs(d)
    onnx.save_model(m, os.path.join(d, "model.onnx"), save_as_external_data=True, location="model.onnx.data", size_threshold=0)
    open(os.path.join(root, "done"), "w").write("ok\n")


if __name__ == "__main__":
    main()
