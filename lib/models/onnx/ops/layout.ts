/**
 * Ops that the executor may run on NHWC tensors, so that a chain Conv → Clip/Relu → Conv (→ Add) keeps tfjs's
 * NHWC layout instead of transposing to NCHW and back around every convolution (MobileNetV2: 210 Transpose kernels
 * per saliency pass, about a sixth of its kernel time). Transposes are exact, and each op below computes the same
 * values in the other memory order, so results do not change.
 *
 * A value held NHWC is a rank-4 tensor whose axes are ONNX's [N, C, H, W] permuted to [N, H, W, C]. The rules:
 * - Conv (2-D, rank-4 input and filter): takes its input NHWC, gives NHWC;
 * - elementwise unary ops: NHWC in, NHWC out, when every other input (Clip's min/max) is a single value;
 * - Add/Sub/Mul/Div: NHWC out when every input is either held NHWC (rank 4: numpy broadcasting commutes with the
 *   same permutation of both shapes) or a single value of rank ≤ 4 (broadcasts the same in either layout).
 * Any other consumer gets the NCHW tensor (one transpose, shared by all such consumers).
 */
import type * as tf from "@tensorflow/tfjs";
import type { OnnxNode } from "../read";
import { convNHWC } from "./conv";
import { elementwiseOps } from "./elementwise";
import type { OpCtx } from "./types";

export type LayoutRule =
  /** The first input is taken NHWC if it is rank 4; the output is NHWC. */
  | { kind: "conv" }
  /** Input 0 NHWC; the others must be single values. */
  | { kind: "unary" }
  /** Every input NHWC (rank 4) or a single value of rank ≤ 4. */
  | { kind: "binary" };

const UNARY = ["Relu", "LeakyRelu", "Elu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Erf", "Sqrt", "Exp", "Log", "Neg", "Abs", "Reciprocal", "Floor", "Ceil", "Softplus", "Identity", "Clip"];
const BINARY = ["Add", "Sub", "Mul", "Div"];

export const LAYOUT_RULES: Record<string, LayoutRule> = {
  Conv: { kind: "conv" },
  ...Object.fromEntries(UNARY.map((op) => [op, { kind: "unary" } as LayoutRule])),
  ...Object.fromEntries(BINARY.map((op) => [op, { kind: "binary" } as LayoutRule])),
};

/** A tensor that broadcasts identically against NCHW and NHWC operands. */
export const layoutFree = (t: tf.Tensor): boolean => t.size === 1 && t.rank <= 4;

/** Runs `node` on NHWC inputs (already chosen by the executor following LAYOUT_RULES); outputs are NHWC. */
export function runNHWC(node: OnnxNode, inputs: (tf.Tensor | undefined)[], ctx: OpCtx): tf.Tensor[] {
  if (node.opType === "Conv") return [convNHWC(inputs[0] as tf.Tensor4D, inputs[1]!, inputs[2], node, ctx)];
  return elementwiseOps[node.opType](inputs, node, ctx);
}
