/**
 * Convolutions, pooling and batch norms: NHWC in TF, NCHW in ONNX. Their input is brought to NCHW (once per tensor) and
 * their output stays NCHW, so a chain of them has no transposes between. TF's SAME padding becomes explicit pads (the
 * end gets the odd one), as lib/models/layers-onnx does: onnxruntime refuses SAME_UPPER with dilations.
 */
import { permuteData, refuse, type Dim, type Tensor } from "./context";
import { constIn, tensorIn, type Op, type OpCtx } from "./op-context";

/** [1, a, b, 1] (NHWC attribute lists) → [a, b]. */
function spatial(c: OpCtx, key: string, fallback?: number[]): [number, number] {
  const v = c.a.ints(key, fallback);
  if (v.length !== 4 || v[0] !== 1 || v[3] !== 1) refuse(c.n, `${key} [${v.join(", ")}] (only [1, h, w, 1] is translated)`);
  return [v[1], v[2]];
}

function checkNhwc(c: OpCtx): void {
  const format = c.a.str("data_format", "NHWC");
  if (format !== "NHWC") refuse(c.n, `data_format ${format} (NHWC is translated)`);
}

/** Pads [top, left, bottom, right] and the output's spatial size, as TF computes them. */
function window(c: OpCtx, x: Tensor, kernel: number[], strides: number[], dilations: number[]): { pads: number[]; out: Dim[] } {
  const padding = c.a.str("padding");
  const begin: number[] = [];
  const end: number[] = [];
  const out: Dim[] = [];
  const explicit = padding === "EXPLICIT" ? c.a.ints("explicit_paddings") : null;
  if (explicit && (explicit.length !== 8 || explicit[0] || explicit[1] || explicit[6] || explicit[7])) {
    refuse(c.n, `explicit_paddings [${explicit.join(", ")}] pad the batch or channel axis`);
  }
  for (let i = 0; i < 2; i++) {
    const inSize = x.shape[1 + i];
    if (inSize == null) refuse(c.n, "an input of unknown height or width");
    const span = (kernel[i] - 1) * dilations[i] + 1;
    if (padding === "VALID") {
      begin.push(0);
      end.push(0);
      out.push(Math.floor((inSize! - span) / strides[i]) + 1);
    } else if (padding === "SAME") {
      const size = Math.ceil(inSize! / strides[i]);
      const total = Math.max(0, (size - 1) * strides[i] + span - inSize!);
      begin.push(Math.floor(total / 2));
      end.push(total - Math.floor(total / 2));
      out.push(size);
    } else if (explicit) {
      begin.push(explicit[2 + 2 * i]);
      end.push(explicit[3 + 2 * i]);
      out.push(Math.floor((inSize! + begin[i] + end[i] - span) / strides[i]) + 1);
    } else {
      refuse(c.n, `padding '${padding}'`);
    }
  }
  return { pads: [...begin, ...end], out };
}

function conv(c: OpCtx, depthwise: boolean): Tensor {
  checkNhwc(c);
  const x = tensorIn(c, 0);
  if (x.shape.length !== 4) refuse(c.n, `a rank-${x.shape.length} input`);
  const w = constIn(c, 1);
  if (w.shape.length !== 4 || !(w.data instanceof Float32Array)) refuse(c.n, "a filter that is not a constant float32 [h, w, in, out] tensor");
  const [kh, kw, ci, co] = w.shape;
  const strides = spatial(c, "strides", [1, 1, 1, 1]);
  const dilations = spatial(c, "dilations", [1, 1, 1, 1]);
  const { pads, out } = window(c, x, [kh, kw], strides, dilations);
  if (x.shape[3] != null && x.shape[3] !== ci) refuse(c.n, `a filter for ${ci} input channels on an input with ${x.shape[3]}`);
  const attrs = { kernel_shape: [kh, kw], strides, dilations, pads };
  let y: string;
  if (depthwise) {
    // [kh, kw, C, mult] → [C·mult, 1, kh, kw]: output channel c·mult + m, as TF orders them.
    const oihw = permuteData(w.data, w.shape, [2, 3, 0, 1]);
    y = c.b.op("Conv", [c.b.nchw(x).name, c.b.floats([ci * co, 1, kh, kw], oihw)], { ...attrs, group: ci });
  } else {
    y = c.b.op("Conv", [c.b.nchw(x).name, c.b.floats([co, ci, kh, kw], permuteData(w.data, w.shape, [3, 2, 0, 1]))], attrs);
  }
  return { kind: "tensor", name: y, shape: [x.shape[0], out[0], out[1], depthwise ? ci * co : co], nchw: true };
}

function pool(c: OpCtx, op: "MaxPool" | "AveragePool"): Tensor {
  checkNhwc(c);
  const x = tensorIn(c, 0);
  if (x.shape.length !== 4) refuse(c.n, `a rank-${x.shape.length} input`);
  const kernel = spatial(c, "ksize");
  const strides = spatial(c, "strides");
  const { pads, out } = window(c, x, kernel, strides, [1, 1]);
  // TF averages over the window's cells inside the input (SAME pads are not counted): count_include_pad 0.
  const y = c.b.op(op, [c.b.nchw(x).name], { kernel_shape: kernel, strides, pads });
  return { kind: "tensor", name: y, shape: [x.shape[0], out[0], out[1], x.shape[3]], nchw: true };
}

/** FusedBatchNorm(V3) in inference form: (x − mean) / √(var + ε) · scale + offset over the channels. */
function batchNorm(c: OpCtx): Tensor {
  checkNhwc(c);
  if (c.a.bool("is_training")) refuse(c.n, "is_training = true (the inference form is translated)");
  const x = tensorIn(c, 0);
  if (x.shape.length !== 4) refuse(c.n, `a rank-${x.shape.length} input`);
  const params = [1, 2, 3, 4].map((i) => constIn(c, i));
  const channels = params[0].shape[0];
  if (params.some((p) => p.shape.length !== 1 || p.shape[0] !== channels)) refuse(c.n, "scale, offset, mean and variance that are not [channels] constants");
  const names = params.map((p) => c.b.constant(p, c.n, false));
  const y = c.b.op("BatchNormalization", [c.b.nchw(x).name, ...names], { epsilon: { float: c.a.float("epsilon", 1e-4) } });
  return { kind: "tensor", name: y, shape: x.shape, nchw: true };
}

/**
 * Max over the height and width of an NCHW tensor as MaxPools (ONNX's ReduceMax has no gradient rule here): over the
 * rows, then the columns, since the MaxPool rule's routing kernel grows with the square of the window (H·W)², not H² + W².
 */
export function spatialMax(c: OpCtx, x: Tensor): string | null {
  const [h, w] = [x.shape[1], x.shape[2]];
  if (!x.nchw || h == null || w == null) return null;
  const rows = c.b.op("MaxPool", [x.name], { kernel_shape: [h, 1], strides: [1, 1] });
  return c.b.op("MaxPool", [rows], { kernel_shape: [1, w], strides: [1, 1] });
}

export const CONV_OPS: Record<string, Op> = {
  Conv2D: (c) => conv(c, false),
  DepthwiseConv2dNative: (c) => conv(c, true),
  MaxPool: (c) => pool(c, "MaxPool"),
  AvgPool: (c) => pool(c, "AveragePool"),
  FusedBatchNorm: batchNorm,
  FusedBatchNormV3: batchNorm,
};
