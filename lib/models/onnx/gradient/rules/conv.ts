/**
 * Convolution and pooling. The adjoint of a convolution with respect to its input is the transposed convolution with
 * the same weights; pads and output_padding are chosen from the probe's shapes so that it lands exactly on the input.
 * Max pooling routes each output's adjoint to the input its Indices name (ties as onnxruntime and PyTorch break them),
 * and overlapping windows add up: the routing is a transposed convolution of one-hot kernels.
 */
import { refuse, intAttr, intsAttr, dy0, type Rule, type RuleContext } from "./types";

type Geometry = { kernel: number[]; strides: number[]; dilations: number[]; padsBegin: number[]; padsEnd: number[] };

function geometry(c: RuleContext, kernel: number[]): Geometry {
  const r = kernel.length;
  const x = c.shape(c.node.inputs[0]).slice(2);
  const y = c.shape(c.node.outputs[0]).slice(2);
  const strides = intsAttr(c, "strides") ?? new Array(r).fill(1);
  const dilations = intsAttr(c, "dilations") ?? new Array(r).fill(1);
  const autoPad = c.node.attrs.get("auto_pad")?.s ?? "NOTSET";
  let pads = intsAttr(c, "pads") ?? new Array(2 * r).fill(0);
  if (autoPad === "SAME_UPPER" || autoPad === "SAME_LOWER") {
    pads = new Array(2 * r).fill(0);
    for (let i = 0; i < r; i++) {
      const total = Math.max(0, (y[i] - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - x[i]);
      const small = Math.floor(total / 2);
      pads[i] = autoPad === "SAME_UPPER" ? small : total - small;
      pads[i + r] = total - pads[i];
    }
  } else if (autoPad === "VALID") {
    pads = new Array(2 * r).fill(0);
  } else if (autoPad !== "NOTSET") {
    refuse(`auto_pad ${autoPad}`);
  }
  return { kernel, strides, dilations, padsBegin: pads.slice(0, r), padsEnd: pads.slice(r) };
}

/**
 * ConvTranspose attributes that map an output of spatial size `out` back onto `size`: the transposed convolution
 * spans (out−1)·s + (k−1)·d + 1 before its pads are cut; what is left past the input (ceil_mode, strides that do not
 * divide) is cut from the end, and what is missing (inputs the forward pass never reached) is output_padding.
 */
function transposeAttrs(g: Geometry, outSize: number[], inSize: number[]) {
  const r = g.kernel.length;
  const padsEnd: number[] = [];
  const outputPadding: number[] = [];
  for (let i = 0; i < r; i++) {
    const span = (outSize[i] - 1) * g.strides[i] + (g.kernel[i] - 1) * g.dilations[i] + 1;
    const end = span - g.padsBegin[i] - inSize[i];
    padsEnd.push(Math.max(0, end));
    outputPadding.push(Math.max(0, -end));
    if (-end >= Math.max(g.strides[i], g.dilations[i])) refuse(`a geometry whose transposed convolution cannot reach the input size (${-end} missing)`);
  }
  const attrs: Record<string, number[]> = { strides: g.strides, dilations: g.dilations, pads: [...g.padsBegin, ...padsEnd], kernel_shape: g.kernel };
  if (outputPadding.some((p) => p > 0)) attrs.output_padding = outputPadding;
  return attrs;
}

/**
 * W [M, C/g, kh, kw] → W' [C, M/g, kh, kw] with each kernel flipped: with stride 1, the transposed convolution is
 * the convolution by W' padded d·(k−1) − p, which onnxruntime runs as fast as the forward pass (its ConvTranspose
 * took 1.5× the forward convolutions' time on ResNet-50).
 */
function flippedTransposedWeights(w: Float32Array, dims: number[], group: number): Float32Array {
  const [M, Cg, kh, kw] = dims;
  const Mg = M / group;
  const out = new Float32Array(w.length);
  const k = kh * kw;
  for (let gi = 0; gi < group; gi++) {
    for (let m = 0; m < Mg; m++) {
      for (let ci = 0; ci < Cg; ci++) {
        const src = ((gi * Mg + m) * Cg + ci) * k;
        const dst = ((gi * Cg + ci) * Mg + m) * k;
        for (let q = 0; q < k; q++) out[dst + q] = w[src + k - 1 - q];
      }
    }
  }
  return out;
}

const conv: Rule = (c) => {
  if (c.needs(1) || (c.node.inputs[2] && c.needs(2))) refuse("convolution weights that depend on the image");
  const w = c.shape(c.node.inputs[1]);
  const kernel = intsAttr(c, "kernel_shape") ?? w.slice(2);
  const g = geometry(c, kernel);
  const group = intAttr(c, "group", 1);
  const x = c.shape(c.node.inputs[0]);
  const y = c.shape(c.node.outputs[0]);
  const values = c.weights(c.node.inputs[1]);
  const convPads = kernel.flatMap((_, i) => [g.dilations[i] * (kernel[i] - 1) - g.padsBegin[i], g.dilations[i] * (kernel[i] - 1) - g.padsEnd[i]]);
  const asConv = values && kernel.length === 2 && g.strides.every((s) => s === 1) && convPads.every((p) => p >= 0);
  if (asConv) {
    const pads = [...convPads.filter((_, i) => i % 2 === 0), ...convPads.filter((_, i) => i % 2 === 1)];
    const weight = c.em.floats(flippedTransposedWeights(values, w, group), [w[1] * group, w[0] / group, ...w.slice(2)]);
    return [c.em.op("Conv", [dy0(c), weight], { kernel_shape: kernel, dilations: g.dilations, pads, group }), null, null];
  }
  const attrs = { ...transposeAttrs(g, y.slice(2), x.slice(2)), group };
  return [c.em.op("ConvTranspose", [dy0(c), c.node.inputs[1]], attrs), null, null];
};

/** The spatial rank-2 shapes pooling backward handles (N, C, H, W). */
function planes(c: RuleContext): { x: number[]; y: number[] } {
  const x = c.shape(c.node.inputs[0]);
  const y = c.shape(c.node.outputs[0]);
  if (x.length !== 4) refuse(`pooling over ${x.length - 2} spatial dimensions (2 are supported)`);
  return { x, y };
}

const maxPool: Rule = (c) => {
  const { em } = c;
  if (intAttr(c, "storage_order", 0) !== 0) refuse("storage_order 1");
  const { x, y } = planes(c);
  const kernel = intsAttr(c, "kernel_shape")!;
  const g = geometry(c, kernel);
  const [H, W] = x.slice(2);
  const [Ho, Wo] = y.slice(2);
  const [kh, kw] = kernel;
  // A second MaxPool with the same attributes yields the indices (flat over N·C·H·W) without touching the forward node.
  const attrs: Record<string, number | number[] | string> = {};
  for (const [name, a] of c.node.attrs) {
    if (a.ints) attrs[name] = a.ints;
    else if (a.s !== undefined) attrs[name] = a.s;
    else if (a.i !== undefined) attrs[name] = a.i;
  }
  const [, indices] = em.node("MaxPool", [c.node.inputs[0]], attrs, 2);
  const inPlane = em.op("Mod", [indices, em.ints([H * W], [])]);
  const h = em.op("Div", [inPlane, em.ints([W], [])]);
  const w = em.op("Mod", [inPlane, em.ints([W], [])]);
  const rowStart = em.ints(Array.from({ length: Ho }, (_, i) => i * g.strides[0] - g.padsBegin[0]), [Ho, 1]);
  const colStart = em.ints(Array.from({ length: Wo }, (_, j) => j * g.strides[1] - g.padsBegin[1]), [1, Wo]);
  const a = em.op("Div", [em.op("Sub", [h, rowStart]), em.ints([g.dilations[0]], [])]);
  const b = em.op("Div", [em.op("Sub", [w, colStart]), em.ints([g.dilations[1]], [])]);
  const offset = em.op("Add", [em.op("Mul", [a, em.ints([kw], [])]), b]);
  const K = kh * kw;
  const oneHot = em.op("OneHot", [offset, em.ints([K], []), em.floats([0, 1], [2])], { axis: 2 }); // N, C, K, Ho, Wo
  const routed = em.op("Mul", [oneHot, em.op("Reshape", [dy0(c), em.ints([0, 0, 1, Ho, Wo])])]);
  const stacked = em.op("Reshape", [routed, em.ints([-1, K, Ho, Wo])]);
  const kernels = new Float32Array(K * kh * kw);
  for (let k = 0; k < K; k++) kernels[k * K + k] = 1;
  const weight = em.floats(kernels, [K, 1, kh, kw]);
  const spread = em.op("ConvTranspose", [stacked, weight], transposeAttrs(g, [Ho, Wo], [H, W]));
  return [em.reshapeLike(spread, c.node.inputs[0])];
};

/** How many elements each window averages: onnxruntime's and PyTorch's divisor, with or without the pads. */
function windowCounts(size: number, out: number, k: number, s: number, padBegin: number, padEnd: number, includePad: boolean): number[] {
  return Array.from({ length: out }, (_, i) => {
    const start = i * s - padBegin;
    const end = Math.min(start + k, size + padEnd);
    return includePad ? end - start : Math.min(end, size) - Math.max(start, 0);
  });
}

const averagePool: Rule = (c) => {
  const { em } = c;
  if (intsAttr(c, "dilations")?.some((d) => d !== 1)) refuse("dilated average pooling");
  const { x, y } = planes(c);
  const kernel = intsAttr(c, "kernel_shape")!;
  const g = geometry(c, kernel);
  const [H, W] = x.slice(2);
  const [Ho, Wo] = y.slice(2);
  const includePad = intAttr(c, "count_include_pad", 0) === 1;
  const rows = windowCounts(H, Ho, kernel[0], g.strides[0], g.padsBegin[0], g.padsEnd[0], includePad);
  const cols = windowCounts(W, Wo, kernel[1], g.strides[1], g.padsBegin[1], g.padsEnd[1], includePad);
  const counts = rows.flatMap((r) => cols.map((q) => r * q));
  const scaled = em.op("Div", [dy0(c), em.floats(counts, [Ho, Wo])]);
  const stacked = em.op("Reshape", [scaled, em.ints([-1, 1, Ho, Wo])]);
  const ones = em.floats(new Float32Array(kernel[0] * kernel[1]).fill(1), [1, 1, kernel[0], kernel[1]]);
  const spread = em.op("ConvTranspose", [stacked, ones], transposeAttrs(g, [Ho, Wo], [H, W]));
  return [em.reshapeLike(spread, c.node.inputs[0])];
};

const globalAveragePool: Rule = (c) => {
  const x = c.shape(c.node.inputs[0]);
  const count = x.slice(2).reduce((a, b) => a * b, 1);
  const share = c.em.op("Div", [dy0(c), c.em.floats([count])]);
  return [c.em.op("Expand", [share, c.em.shape(c.node.inputs[0])])];
};

export const CONV_RULES: Record<string, Rule> = {
  Conv: conv, MaxPool: maxPool, AveragePool: averagePool, GlobalAveragePool: globalAveragePool,
};
