import * as tf from "@tensorflow/tfjs";
import type { TrainableModel } from "@/lib/harmonizer/harmonizer-loss";

/** The reference excludes these from weight decay by name (bn/, normalization, norm, Norm, embed, class_token). */
const NOT_DECAYED = /(bn\/|normalization|norm|embed|class_token)/i;

/** A tf.layers model as a TrainableModel (its softmax, if any, must already be removed: logits are needed). */
export function layersTrainable(model: tf.LayersModel): TrainableModel {
  const weights = model.trainableWeights;
  const trainable = weights.map((w) => w.read() as tf.Variable);
  return {
    logits: (inputs, training) => model.apply(inputs, { training }) as tf.Tensor2D,
    trainable,
    decayed: trainable.filter((_, i) => !NOT_DECAYED.test(weights[i].originalName)),
  };
}
