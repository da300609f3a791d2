import * as tf from "@tensorflow/tfjs";
import { halfSquaredNorm, harmonizationTerm, smoothedCrossEntropy, WEIGHT_DECAY } from "@/lib/harmonizer/loss-terms";
import { registerSecondOrderGradients } from "@/lib/harmonizer/second-order-gradients";

/** What the harmonizer needs from a model: differentiable logits and its variables. */
export type TrainableModel = {
  /** Logits [B,K] for model inputs [B,H,W,3] (already preprocessed). Must be built from differentiable ops. */
  logits(inputs: tf.Tensor4D, training: boolean): tf.Tensor2D;
  trainable: tf.Variable[];
  /** The subset of `trainable` that weight decay applies to (every weight except normalisation layers'). */
  decayed: tf.Variable[];
};

export type HarmonizerBatch = {
  inputs: tf.Tensor4D;
  labels: tf.Tensor1D;
  /** Human importance maps [B,H,W] at the input resolution. */
  humanMaps: tf.Tensor3D;
  /** 1 where the sample has a human map, 0 where it has none. */
  tokens: tf.Tensor1D;
};

export type LossTerms<T> = { total: T; crossEntropy: T; weightDecay: T; harmonization: T };

/**
 * The signed gradient of the true-class logit w.r.t. the input, averaged over RGB ([B,H,W]), and the logits of
 * the same forward pass (so batch statistics are computed once). Differentiable again w.r.t. the weights.
 */
export function trainingSaliency(model: TrainableModel, batch: HarmonizerBatch): { saliency: tf.Tensor3D; logits: tf.Tensor2D } {
  registerSecondOrderGradients();
  let logits: tf.Tensor2D | null = null;
  const grad = tf.grad((x: tf.Tensor) => {
    const out = model.logits(x as tf.Tensor4D, true);
    logits = tf.keep(out);
    return tf.sum(tf.mul(out, tf.oneHot(batch.labels, out.shape[1])));
  })(batch.inputs);
  const saliency = tf.tidy(() => tf.mean(grad, -1) as tf.Tensor3D);
  grad.dispose();
  return { saliency, logits: logits as unknown as tf.Tensor2D };
}

/**
 * Loss = CE(labels, logits; smoothing 0.1) + 1e-5·Σ½‖w‖² + λ·pyramid_mse (protocol.md §5). With λ = 0 the saliency
 * is not computed and the harmonization term is reported as 0 (use `harmonizationOnly` to measure it).
 */
export function harmonizerLoss(model: TrainableModel, batch: HarmonizerBatch, lambda: number): LossTerms<tf.Scalar> {
  if (!Number.isFinite(lambda) || lambda < 0) throw new Error(`lambda must be a finite number ≥ 0, got ${lambda}`);
  let logits: tf.Tensor2D;
  let harmonization: tf.Scalar;
  if (lambda > 0) {
    const s = trainingSaliency(model, batch);
    logits = s.logits;
    harmonization = harmonizationTerm(s.saliency, batch.humanMaps, batch.tokens);
    s.saliency.dispose();
  } else {
    logits = model.logits(batch.inputs, true);
    harmonization = tf.scalar(0);
  }
  const crossEntropy = smoothedCrossEntropy(batch.labels, logits);
  logits.dispose();
  const weightDecay = halfSquaredNorm(model.decayed);
  const total = tf.tidy(() => tf.addN([crossEntropy, tf.mul(weightDecay, WEIGHT_DECAY), tf.mul(harmonization, lambda)]) as tf.Scalar);
  return { total, crossEntropy, weightDecay, harmonization };
}

/** The harmonization term alone, first-order only (for logging it when it is not trained, λ = 0). */
export function harmonizationOnly(model: TrainableModel, batch: HarmonizerBatch): number {
  const s = trainingSaliency(model, batch);
  const value = tf.tidy(() => harmonizationTerm(s.saliency, batch.humanMaps, batch.tokens).arraySync() as number);
  tf.dispose([s.saliency, s.logits]);
  return value;
}

/** One optimiser step on `batch`; returns the loss terms as numbers (computed before the update). */
export function harmonizerStep(model: TrainableModel, optimizer: tf.Optimizer, batch: HarmonizerBatch, lambda: number): LossTerms<number> {
  let terms: LossTerms<tf.Scalar> | null = null;
  const { value, grads } = tf.variableGrads(() => {
    const t = harmonizerLoss(model, batch, lambda);
    terms = {
      total: t.total,
      crossEntropy: tf.keep(t.crossEntropy),
      weightDecay: tf.keep(t.weightDecay),
      harmonization: tf.keep(t.harmonization),
    };
    return t.total;
  }, model.trainable);
  optimizer.applyGradients(grads);
  const t = terms as unknown as LossTerms<tf.Scalar>;
  const out: LossTerms<number> = {
    total: value.dataSync()[0],
    crossEntropy: t.crossEntropy.dataSync()[0],
    weightDecay: t.weightDecay.dataSync()[0],
    harmonization: t.harmonization.dataSync()[0],
  };
  tf.dispose([value, t.crossEntropy, t.weightDecay, t.harmonization, ...Object.values(grads)]);
  for (const [k, v] of Object.entries(out)) {
    if (!Number.isFinite(v)) throw new Error(`Loss term ${k} is not finite (${v}): lower the learning rate or λ`);
  }
  return out;
}
