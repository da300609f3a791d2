import * as tf from "@tensorflow/tfjs";

/** The tfjs-layers internals this pass reads and rewrites (public in JS, not in the typings). */
type LayerVar = { read(): tf.Tensor; write(value: tf.Tensor): void; shape: number[] };
type Node = { inboundLayers: Layer[] };
type Layer = tf.layers.Layer & {
  inboundNodes: Node[];
  outboundNodes: Node[];
  dataFormat?: string;
  activation?: { getClassName(): string } | null;
  kernel?: LayerVar | null;
  depthwiseKernel?: LayerVar | null;
  bias?: LayerVar | null;
  useBias?: boolean;
  axis?: number;
  epsilon?: number;
  gamma?: LayerVar | null;
  beta?: LayerVar | null;
  movingMean?: LayerVar;
  movingVariance?: LayerVar;
  maxValue?: number | null;
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
  addWeight(name: string, shape: number[], dtype: "float32", initializer: ReturnType<typeof tf.initializers.zeros>): LayerVar;
};

const single = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);

const values = (v: LayerVar | null | undefined, n: number, fill: number): Float32Array =>
  v ? (v.read().dataSync() as Float32Array) : new Float32Array(n).fill(fill);

/** Applies `pass` to every layer, nested models included; counts the layers it changed. */
function rewriteLayers(model: tf.LayersModel, pass: (layer: Layer) => boolean): number {
  let changed = 0;
  for (const layer of model.layers as Layer[]) {
    if (layer instanceof tf.LayersModel) changed += rewriteLayers(layer, pass);
    else if (pass(layer)) changed++;
  }
  return changed;
}

/** The convolution feeding `bn`, if the pair can be folded: a linear, unshared, channels-last conv read only by `bn`. */
function foldableConv(bn: Layer): Layer | null {
  if (bn.getClassName() !== "BatchNormalization" || bn.inboundNodes.length !== 1) return null;
  if (bn.axis !== -1 && bn.axis !== 3) return null;
  const [conv, ...others] = bn.inboundNodes[0].inboundLayers;
  if (!conv || others.length > 0) return null;
  if (!["Conv2D", "DepthwiseConv2D"].includes(conv.getClassName())) return null;
  if (conv.inboundNodes.length !== 1 || conv.outboundNodes.length !== 1) return null;
  if (conv.dataFormat !== "channelsLast" || (conv.activation && conv.activation.getClassName() !== "linear")) return null;
  return conv;
}

/**
 * Folds inference-mode batch norms into the convolution before them: W' = W·s and b' = (b − mean)·s + beta per
 * output channel, s = gamma / sqrt(variance + ε), computed in float64 and rounded once. The batch norm then
 * passes its input through. The model computes the same function with ~50 fewer elementwise passes per image
 * forward and backward (MobileNetV2); values differ from the unfolded model by float32 rounding only (saliency
 * relative error ~1e-6, tested), the order of the differences between any two float32 implementations (TF's own
 * inference graphs fold the same way). Returns how many batch norms were folded; nested models are folded too.
 */
export function foldBatchNorms(model: tf.LayersModel): number {
  return rewriteLayers(model, (layer) => {
    const conv = foldableConv(layer);
    if (!conv) return false;
    const depthwise = conv.getClassName() === "DepthwiseConv2D";
    const kernel = (depthwise ? conv.depthwiseKernel : conv.kernel)!;
    const channels = layer.movingMean!.shape[0];
    const mean = values(layer.movingMean, channels, 0);
    const variance = values(layer.movingVariance, channels, 1);
    const gamma = values(layer.gamma, channels, 1);
    const beta = values(layer.beta, channels, 0);
    const bias = values(conv.bias, channels, 0);
    const w = kernel.read().dataSync() as Float32Array;
    if (w.length % channels !== 0) return false;
    const scale = new Float64Array(channels);
    const foldedBias = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      scale[c] = gamma[c] / Math.sqrt(variance[c] + layer.epsilon!);
      foldedBias[c] = (bias[c] - mean[c]) * scale[c] + beta[c];
    }
    // Both kernels keep the output channel innermost: [h, w, in, out] and [h, w, in, multiplier] (out = in·m + j).
    const foldedKernel = new Float32Array(w.length);
    for (let i = 0; i < w.length; i += channels) for (let c = 0; c < channels; c++) foldedKernel[i + c] = w[i + c] * scale[c];
    tf.tidy(() => kernel.write(tf.tensor(foldedKernel, kernel.shape)));
    if (!conv.bias) conv.bias = conv.addWeight("bias", [channels], "float32", tf.initializers.zeros());
    conv.useBias = true;
    tf.tidy(() => conv.bias!.write(tf.tensor1d(foldedBias)));
    // A clone, not the input itself: the layers executor disposes intermediate tensors it no longer needs.
    layer.call = (inputs) => tf.clone(single(inputs));
    return true;
  });
}

/**
 * tfjs-layers' ReLU(6) computes relu then clipByValue: two kernels forward and eleven backward. tf.relu6 gives the
 * same values in one kernel, and its gradient (lib/tf/activation-gradients.ts: dy · (step(x) − step(x − 6))) is the
 * chain's own, boundaries included, up to the sign of zeros.
 */
export function fuseRelu6(model: tf.LayersModel): number {
  return rewriteLayers(model, (layer) => {
    if (layer.getClassName() !== "ReLU" || layer.maxValue !== 6) return false;
    layer.call = (inputs) => tf.relu6(single(inputs));
    return true;
  });
}

/**
 * A linear Dense layer runs tf.fused.matMul, whose gradient computes the weight gradient eagerly: for the logits
 * layer of an ImageNet model that is a 1280×1000 product per batch, thrown away by an input gradient (~7 % of a
 * MobileNetV2 saliency map on wasm). The same forward kernel (so the same logits, bit for bit) with a gradient for
 * the input alone: dy · Wᵀ, which is what the stock gradient computes for the input.
 */
export function inputOnlyDenseGradients(model: tf.LayersModel): number {
  return rewriteLayers(model, (layer) => {
    if (layer.getClassName() !== "Dense" || (layer.activation && layer.activation.getClassName() !== "linear")) return false;
    const forward = layer.call.bind(layer);
    const kernel = layer.kernel!;
    layer.call = (inputs, kwargs) => {
      const x = single(inputs);
      if (x.rank !== 2) return forward(inputs, kwargs);
      const dense = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
        (args[1] as tf.GradSaveFunc)([]);
        return {
          value: forward(args[0] as tf.Tensor, kwargs) as tf.Tensor,
          gradFunc: (dy: tf.Tensor) => tf.matMul(dy as tf.Tensor2D, kernel.read() as tf.Tensor2D, false, true),
        };
      });
      return dense(x);
    };
    return true;
  });
}

export type SaliencyPasses = { foldedBatchNorms: number; fusedRelu6: number; inputOnlyDense: number };

/** Every pass, on a model loaded for saliency (never on a model being trained). */
export function applySaliencyPasses(model: tf.LayersModel): SaliencyPasses {
  return { foldedBatchNorms: foldBatchNorms(model), fusedRelu6: fuseRelu6(model), inputOnlyDense: inputOnlyDenseGradients(model) };
}
