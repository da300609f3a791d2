/**
 * Converter-style graph models for the translator's tests, one per op family, plus MobileNetV2- and ResNet-shaped
 * graphs (the fused nodes the converter writes, 224² input). Seeded random weights; each returns the builder and the
 * name of its logits node.
 */
import { b, f, GraphBuilder, i, ints } from "./graph-builder";

export type Fixture = { g: GraphBuilder; logits: string };
const CLASSES = 10;

/**
 * Convolutions (SAME/VALID/EXPLICIT, strides, optionally dilations), depthwise, batch norm, pooling, Pad, ConcatV2,
 * AddN, a squeeze-excite gate (Mean keep_dims × tensor), a spatial Max, Transpose and Reshape of NCHW tensors.
 * tfjsGradients: only what tfjs differentiates right (its reference saliency): no dilated convolution, Slice for
 * StridedSlice, Mean for the spatial Max.
 */
export function convFamily(seed: number, size: number, tfjsGradients = false): Fixture {
  const g = new GraphBuilder(seed, size);
  let a = g.conv("input", 3, 3, 8, { strides: 2 });
  a = g.op("Relu6", [g.batchNorm(a, 8)]);
  const b1 = g.depthwise(a, 3, 8, 2);
  const b2 = g.op("Pad", [g.conv(a, 3, 8, 16, { padding: "VALID" }), g.constant([4, 2], Int32Array.of(0, 0, 1, 1, 1, 1, 0, 0))], { Tpaddings: { type: "DT_INT32" } });
  const b3 = tfjsGradients ? g.conv(a, 5, 8, 16, { strides: 1 }) : g.conv(a, 3, 8, 16, { dilations: 2 });
  const b4 = g.conv(a, 3, 8, 16, { padding: "EXPLICIT", explicit: [0, 0, 1, 2, 2, 1, 0, 0], bias: false });
  const cut = size / 2 - 1;
  const b4s = tfjsGradients
    ? g.op("Slice", [b4, g.intConst([0, 0, 0, 0]), g.intConst([-1, cut, cut, -1])], { Index: { type: "DT_INT32" } })
    : g.op("StridedSlice", [b4, g.intConst([0, 0, 0, 0]), g.intConst([0, -2, -2, 0]), g.intConst([1, 1, 1, 1])], {
      Index: { type: "DT_INT32" }, begin_mask: i(9), end_mask: i(9), ellipsis_mask: i(0), new_axis_mask: i(0), shrink_axis_mask: i(0),
    });
  const b4p = g.op("PadV2", [b4s, g.constant([4, 2], Int32Array.of(0, 0, 0, 1, 0, 1, 0, 0)), g.constant([], [0.25])]);
  const sum = g.op("AddN", [b1, b2, b3, b4p], { N: i(4) });
  const m = g.pool("MaxPool", sum, 3, 2);
  const p = g.pool("AvgPool", sum, 3, 2);
  const cat = g.op("ConcatV2", [m, p, g.scalarInt(3)], { N: i(2), Tidx: { type: "DT_INT32" } });
  const gate = g.op("Sigmoid", [g.reduce("Mean", cat, [1, 2], true)]);
  const y = g.op("Mul", [cat, gate]);
  const swapped = g.op("Transpose", [y, g.intConst([0, 2, 1, 3])], { Tperm: { type: "DT_INT32" } });
  const mixed = g.op("AddV2", [swapped, g.op("Elu", [y])]);
  const pooled = g.pool("AvgPool", mixed, 2, 2, "VALID");
  const side = size / 8;
  const flat = g.op("Reshape", [pooled, g.intConst([-1, side * side * 32])], { Tshape: { type: "DT_INT32" } });
  // tfjs's gradient of this Max is wrong at its argmax (0.26 where central differences and the native engine give 0.067,
  // measured): its reference saliency uses a Mean; the native one is checked against finite differences instead.
  const mx = g.reduce(tfjsGradients ? "Mean" : "Max", mixed, [1, 2]);
  const h = g.matMul(flat, side * side * 32, CLASSES);
  const logits = g.op("AddV2", [h, g.matMul(mx, 32, CLASSES)], {}, "logits");
  return { g, logits };
}

/** Every elementwise op, with constants of several ranks and a TF-layout operand meeting an NCHW one. */
export function elementwiseFamily(seed: number, size: number): Fixture {
  const g = new GraphBuilder(seed, size);
  const x = g.conv("input", 3, 3, 6, { strides: 2 });
  const one = g.constant([], [1]);
  const sq = g.op("Square", [x]);
  const terms = [
    g.op("Selu", [x]), g.op("Softplus", [x]), g.op("Tanh", [x]), g.op("LeakyRelu", [x], { alpha: f(0.1) }), g.op("Relu", [x]),
    g.op("Neg", [g.op("Sqrt", [g.op("AddV2", [sq, one])])]),
    g.op("Rsqrt", [g.op("AddV2", [sq, g.constant([1, 1, 1, 6], [1, 2, 3, 1, 2, 3])])]),
    g.op("Exp", [g.op("Mul", [x, g.constant([6], [0.1, 0.2, 0.3, -0.1, -0.2, -0.3])])]),
    g.op("Pow", [g.op("Sigmoid", [x]), g.constant([], [1.5])]),
    g.op("RealDiv", [g.op("Elu", [x]), g.op("AddV2", [g.op("Square", [g.op("Tanh", [x])]), one])]),
    g.op("Maximum", [g.op("Sub", [x, g.constant([6], [0.5, 0, -0.5, 0.2, 0, -0.2])]), g.op("Softplus", [x])]),
    g.op("Minimum", [x, g.constant([], [0.3])]),
    g.op("SquaredDifference", [g.op("Sigmoid", [x]), g.op("Tanh", [x])]),
    // [N, H, W, 1] in TF's layout (a Mean over the image's channels) times the NCHW conv output.
    g.op("Mul", [x, g.reduce("Mean", g.pool("AvgPool", "input", 2, 2), [3], true)]),
  ];
  const sum = g.op("AddN", terms, { N: i(terms.length) });
  const pooled = g.reduce("Sum", g.op("Mul", [sum, g.constant([], [1 / ((size / 2) * (size / 2))])]), [1, 2]);
  return { g, logits: g.matMul(pooled, 6, CLASSES, "logits") };
}

/**
 * A one-block ViT: patch embedding, layer norm from Mean/SquaredDifference/Rsqrt, attention with StridedSlice,
 * Reshape (to a constant and to a shape built from tf.shape(x)[0]), Transpose, BatchMatMulV2 (adj_y) and Softmax, an Erf GELU MLP, a class-token StridedSlice (shrink),
 * a reversed-token slice, ExpandDims/Squeeze, ConcatV2 and a transpose_b MatMul head. tfjsGradients: Slice (+ Squeeze)
 * for StridedSlice, which tfjs cannot differentiate, and no reversal (tfjs has no gradient for it either; the native
 * gradient of the reversal is checked against central differences instead).
 */
export function vitFamily(seed: number, size: number, tfjsGradients = false): Fixture {
  const g = new GraphBuilder(seed, size);
  const patch = size / 4;
  const tokens = 16;
  const d = 16;
  const emb = g.conv("input", patch, 3, d, { strides: patch, padding: "VALID" });
  const shape = (t: string, dims: number[]) => g.op("Reshape", [t, g.intConst(dims)], { Tshape: { type: "DT_INT32" } });
  const bmm = (x: string, y: string, adjY = false) => g.op("BatchMatMulV2", [x, y], { adj_x: b(false), adj_y: b(adjY) });
  const plainSlice = (x: string, begin: number[], sizes: number[]) => g.op("Slice", [x, g.intConst(begin), g.intConst(sizes)], { Index: { type: "DT_INT32" } });
  const strided = (x: string, begin: number[], end: number[], strides: number[], masks: { begin: number; end: number; shrink?: number }) =>
    g.op("StridedSlice", [x, g.intConst(begin), g.intConst(end), g.intConst(strides)], {
      Index: { type: "DT_INT32" }, begin_mask: i(masks.begin), end_mask: i(masks.end), ellipsis_mask: i(0), new_axis_mask: i(0),
      shrink_axis_mask: i(masks.shrink ?? 0),
    });
  const perm = (x: string, p: number[]) => g.op("Transpose", [x, g.intConst(p)], { Tperm: { type: "DT_INT32" } });
  const tok = shape(emb, [-1, tokens, d]);
  const mu = g.reduce("Mean", tok, [-1], true);
  // tfjs's SquaredDifference gradient does not sum over broadcast axes: its reference saliency needs Square(Sub).
  const sqDiff = tfjsGradients ? g.op("Square", [g.op("Sub", [tok, mu])]) : g.op("SquaredDifference", [tok, mu]);
  const variance = g.reduce("Mean", sqDiff, [-1], true);
  const inv = g.op("Rsqrt", [g.op("AddV2", [variance, g.constant([], [1e-6])])]);
  const norm = g.op("AddV2", [g.op("Mul", [g.op("Mul", [g.op("Sub", [tok, mu]), inv]), g.random([d], 0.5, 0.5)]), g.random([d])]);
  const qkv = bmm(norm, g.random([d, 3 * d]));
  // Keras's tf.reshape(t, (tf.shape(t)[0], tokens, heads, d)): Shape → StridedSlice → Pack, folded by the translator.
  const int = { T: { type: "DT_INT32" } };
  const heads = (t: string) => {
    const batch = g.op("StridedSlice", [g.op("Shape", [t], { out_type: { type: "DT_INT32" } }), g.intConst([0]), g.intConst([1]), g.intConst([1])], {
      ...int, Index: { type: "DT_INT32" }, begin_mask: i(0), end_mask: i(0), ellipsis_mask: i(0), new_axis_mask: i(0), shrink_axis_mask: i(1),
    });
    const target = g.op("Pack", [batch, g.scalarInt(tokens), g.scalarInt(2), g.scalarInt(d / 2)], { ...int, N: i(4), axis: i(0) });
    return perm(g.op("Reshape", [t, target], { Tshape: { type: "DT_INT32" } }), [0, 2, 1, 3]);
  };
  const third = (j: number) =>
    tfjsGradients ? plainSlice(qkv, [0, 0, j * d], [-1, -1, d]) : strided(qkv, [0, 0, j * d], [0, 0, (j + 1) * d], [1, 1, 1], { begin: 3, end: 3 });
  const [q, k, v] = [0, 1, 2].map((j) => heads(third(j)));
  const scores = g.op("Mul", [bmm(q, k, true), g.constant([], [1 / Math.sqrt(d / 2)])]);
  const att = g.op("Softmax", [scores]);
  const ctx = shape(perm(bmm(att, v), [0, 2, 1, 3]), [-1, tokens, d]);
  const res = g.op("AddV2", [tok, bmm(ctx, g.random([d, d]))]);
  const h = bmm(res, g.random([d, 2 * d]));
  const erf = g.op("Erf", [g.op("Mul", [h, g.constant([], [Math.SQRT1_2])])]);
  const gelu = g.op("Mul", [g.op("Mul", [h, g.constant([], [0.5])]), g.op("AddV2", [erf, g.constant([], [1])])]);
  const res2 = g.op("AddV2", [res, bmm(gelu, g.random([2 * d, d]))]);
  const cls = tfjsGradients
    ? g.op("Squeeze", [plainSlice(res2, [0, 0, 0], [-1, 1, -1])], { squeeze_dims: ints([1]) })
    : strided(res2, [0, 0, 0], [0, 1, 0], [1, 1, 1], { begin: 5, end: 5, shrink: 2 });
  const reversed = tfjsGradients ? res2 : strided(res2, [0, 0, 0], [0, 0, 0], [1, -1, 1], { begin: 7, end: 7 });
  const weighted = g.reduce("Mean", g.op("Mul", [reversed, g.random([tokens, d], 1)]), [1]);
  const expanded = g.op("ExpandDims", [cls, g.scalarInt(-1)], { Tdim: { type: "DT_INT32" } });
  const squeezed = g.op("Squeeze", [expanded], { squeeze_dims: ints([2]) });
  const cat = g.op("ConcatV2", [squeezed, weighted, g.scalarInt(-1)], { N: i(2), Tidx: { type: "DT_INT32" } });
  const fc = g.op("MatMul", [cat, g.random([CLASSES, 2 * d])], { transpose_a: b(false), transpose_b: b(true) });
  return { g, logits: g.op("BiasAdd", [fc, g.random([CLASSES])], { data_format: { s: "TkhXQw==" } }, "logits") };
}

/**
 * Keras's class token: patch tokens from a strided conv, a learned [1, 1, d] token brought to the batch size with
 * tf.broadcast_to(cls, (tf.shape(x)[0], 1, d)) or tf.tile(cls, (tf.shape(x)[0], 1, 1)), ConcatV2 in front of the
 * patches, a position embedding, a token MLP and the class token's output as the head's input (a shrinking StridedSlice,
 * or with tfjsGradients Slice + Squeeze, which tfjs can differentiate).
 */
export function classTokenFamily(seed: number, size: number, via: "BroadcastTo" | "Tile", tfjsGradients = false): Fixture {
  const g = new GraphBuilder(seed, size);
  const patch = size / 4;
  const tokens = 16;
  const d = 8;
  const int = { type: "DT_INT32" };
  const emb = g.conv("input", patch, 3, d, { strides: patch, padding: "VALID" });
  const tok = g.op("Reshape", [emb, g.intConst([-1, tokens, d])], { Tshape: { type: "DT_INT32" } });
  const batch = g.op("StridedSlice", [g.op("Shape", [tok], { out_type: int }), g.intConst([0]), g.intConst([1]), g.intConst([1])], {
    T: int, Index: int, begin_mask: i(0), end_mask: i(0), ellipsis_mask: i(0), new_axis_mask: i(0), shrink_axis_mask: i(1),
  });
  const cls = g.random([1, 1, d], 1);
  const pack = (dims: string[]) => g.op("Pack", [batch, ...dims], { T: int, N: i(dims.length + 1), axis: i(0) });
  const clsB =
    via === "BroadcastTo"
      ? g.op("BroadcastTo", [cls, pack([g.scalarInt(1), g.scalarInt(d)])], { Tidx: int })
      : g.op("Tile", [cls, pack([g.scalarInt(1), g.scalarInt(1)])], { Tmultiples: int });
  const cat = g.op("ConcatV2", [clsB, tok, g.scalarInt(1)], { N: i(2), Tidx: int });
  const x = g.op("AddV2", [cat, g.random([1, tokens + 1, d])]);
  const h = g.op("Tanh", [g.op("BatchMatMulV2", [x, g.random([d, d])], { adj_x: b(false), adj_y: b(false) })]);
  // Every token feeds the class token's output through a token-mixing product, as attention would.
  const mixed = g.op("BatchMatMulV2", [g.random([tokens + 1, tokens + 1], 0.5), h], { adj_x: b(false), adj_y: b(false) });
  const out = tfjsGradients
    ? g.op("Squeeze", [g.op("Slice", [mixed, g.intConst([0, 0, 0]), g.intConst([-1, 1, -1])], { Index: int })], { squeeze_dims: ints([1]) })
    : g.op("StridedSlice", [mixed, g.intConst([0, 0, 0]), g.intConst([0, 1, 0]), g.intConst([1, 1, 1])], {
        Index: int, begin_mask: i(5), end_mask: i(5), ellipsis_mask: i(0), new_axis_mask: i(0), shrink_axis_mask: i(2),
      });
  return { g, logits: g.matMul(out, d, CLASSES, "logits") };
}

/** MobileNetV2's shape at 224²: fused conv + Relu6, inverted residuals with depthwise convs, Mean, fused MatMul head. */
export function mobileNetV2Shaped(seed: number): Fixture {
  const g = new GraphBuilder(seed, 224);
  let x = g.fusedConv("input", 3, 3, 16, "Relu6", { strides: 2 });
  let c = 16;
  for (const [out, stride] of [[16, 1], [24, 2], [24, 1], [32, 2], [32, 1], [64, 2], [64, 1]]) {
    const e = g.fusedConv(x, 1, c, c * 4, "Relu6");
    const dw = g.fusedConv(e, 3, c * 4, c * 4, "Relu6", { strides: stride }, true);
    const proj = g.fusedConv(dw, 1, c * 4, out, null);
    x = stride === 1 && out === c ? g.op("AddV2", [x, proj]) : proj;
    c = out;
  }
  x = g.fusedConv(x, 1, c, 128, "Relu6");
  const pooled = g.reduce("Mean", x, [1, 2]);
  const logits = g.op("_FusedMatMul", [pooled, g.random([128, CLASSES]), g.random([CLASSES])], {
    transpose_a: b(false), transpose_b: b(false), fused_ops: { list: { s: ["Qmlhc0FkZA=="] } }, num_args: i(1), epsilon: f(0),
  }, "logits");
  return { g, logits };
}

/** ResNet's shape at 224²: 7×7/2 conv, batch norms, max pool, bottleneck blocks with projection shortcuts. */
export function resNetShaped(seed: number): Fixture {
  const g = new GraphBuilder(seed, 224);
  const bnRelu = (x: string, ch: number, relu = true) => (relu ? g.op("Relu", [g.batchNorm(x, ch)]) : g.batchNorm(x, ch));
  let x = g.pool("MaxPool", bnRelu(g.conv("input", 7, 3, 16, { strides: 2, bias: false }), 16), 3, 2);
  let c = 16;
  for (const [out, stride] of [[32, 1], [32, 1], [64, 2], [64, 1]]) {
    const mid = out / 4;
    let y = bnRelu(g.conv(x, 1, c, mid, { bias: false }), mid);
    y = bnRelu(g.conv(y, 3, mid, mid, { strides: stride, bias: false }), mid);
    y = bnRelu(g.conv(y, 1, mid, out, { bias: false }), out, false);
    const shortcut = stride === 1 && c === out ? x : bnRelu(g.conv(x, 1, c, out, { strides: stride, bias: false }), out, false);
    x = g.op("Relu", [g.op("AddV2", [y, shortcut])]);
    c = out;
  }
  return { g, logits: g.matMul(g.reduce("Mean", x, [1, 2]), c, CLASSES, "logits") };
}
