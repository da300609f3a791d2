/**
 * Encodes small ONNX models for tests with the same schema the reader decodes (protobufjs + onnx.proto), so bad
 * input can be built field by field: a wrong dtype, a short raw_data, an external location, a foreign opset.
 */
import { floatTensor, node, ONNX_FLOAT, valueInfo, type Json, type ModelSpec } from "../proto-builder";
import { onnxSchema } from "../read";

const TensorProtoType = onnxSchema().lookupType("onnx.TensorProto");

export {
  ONNX_FLOAT, ONNX_INT64, ONNX_FLOAT16, ONNX_UINT8, valueInfo, floatTensor, int64Tensor, rawTensor, externalTensor, node, encodeModel,
  type AttrValue, type ModelSpec,
} from "../proto-builder";

export function encodeTensor(t: Json): Uint8Array {
  return TensorProtoType.encode(TensorProtoType.fromObject(t)).finish();
}

/** A tiny valid classifier: NCHW [N,3,8,8] → Conv 3→4 (3×3, pad 1) → Relu → GlobalAveragePool → Flatten → Gemm → [N,classes]. */
export function tinyClassifier(opts: { classes?: number; opset?: number; weights?: Json[] } = {}): ModelSpec {
  const classes = opts.classes ?? 5;
  const conv = Array.from({ length: 4 * 3 * 9 }, (_, i) => Math.sin(i * 0.7) * 0.3);
  const fc = Array.from({ length: classes * 4 }, (_, i) => Math.cos(i * 1.3));
  return {
    opset: opts.opset ?? 17,
    inputs: [valueInfo("input", ONNX_FLOAT, ["batch", 3, 8, 8])],
    outputs: [valueInfo("logits", ONNX_FLOAT, ["batch", classes])],
    initializers: opts.weights ?? [
      floatTensor("w", [4, 3, 3, 3], conv),
      floatTensor("b", [4], [0.1, -0.1, 0.2, 0]),
      floatTensor("fc", [classes, 4], fc),
      floatTensor("fcb", [classes], new Array(classes).fill(0.05)),
    ],
    nodes: [
      node("Conv", ["input", "w", "b"], ["c"], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      node("Relu", ["c"], ["r"]),
      node("GlobalAveragePool", ["r"], ["p"]),
      node("Flatten", ["p"], ["f"]),
      node("Gemm", ["f", "fc", "fcb"], ["logits"], { transB: 1 }),
    ],
  };
}
