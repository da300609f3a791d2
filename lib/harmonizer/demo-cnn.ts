import * as tf from "@tensorflow/tfjs";
import type { TrainableModel } from "@/lib/harmonizer/harmonizer-loss";

export const DEMO_INPUT_SIZE = 224;

/** pool: the side of the first average pooling (224 must be divisible by 4·pool for the two stride-2 convs). */
export type DemoCnnSpec = { numClasses: number; channels: [number, number, number]; pool: number; seed: number };
type ConvParams = { kernel: tf.Variable; bias: tf.Variable; stride: 1 | 2 };

/** TF 'SAME' padding (before, after) of a 3-tap window at `stride` over `size`. */
function samePad(size: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + 3 - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** Keeps every second row and column (even sizes): reshapes and a slice, all cheap to differentiate twice. */
function subsample2(x: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const rows = tf.slice(tf.reshape(x, [b * (h / 2), 2, w, c]), [0, 0, 0, 0], [-1, 1, -1, -1]);
  const cols = tf.slice(tf.reshape(rows, [b * (h / 2), w / 2, 2, c]), [0, 0, 0, 0], [-1, -1, 1, -1]);
  return tf.reshape(cols, [b, h / 2, w / 2, c]);
}

/**
 * 3×3 'SAME' convolution as one matMul over the 9 shifted copies of the input. Equal to tf.conv2d, but its
 * weight gradient is a matMul: the cpu backend's Conv2DBackpropFilter is a naive loop (~50 s per step here).
 */
function conv3x3(x: tf.Tensor4D, p: ConvParams): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const [top, bottom] = samePad(h, p.stride);
  const [left, right] = samePad(w, p.stride);
  const extra = p.stride - 1; // room for the subsample reshape; never selected
  const xp = tf.pad(x, [
    [0, 0],
    [top, bottom + extra],
    [left, right + extra],
    [0, 0],
  ]);
  const ho = Math.ceil(h / p.stride) * p.stride;
  const wo = Math.ceil(w / p.stride) * p.stride;
  const shifts: tf.Tensor4D[] = [];
  for (let a = 0; a < 3; a++) {
    for (let d = 0; d < 3; d++) {
      const s = tf.slice(xp, [0, a, d, 0], [b, ho, wo, c]);
      shifts.push(p.stride === 2 ? subsample2(s) : s);
    }
  }
  const patches = tf.concat(shifts, 3);
  const [, oh, ow, k] = patches.shape;
  const out = tf.matMul(tf.reshape(patches, [b * oh * ow, k]), tf.reshape(p.kernel, [k, -1]));
  return tf.reshape(tf.add(out, p.bias), [b, oh, ow, p.kernel.shape[3] as number]);
}

/** Mean over non-overlapping k×k blocks (= valid average pooling k/k) by reshapes. */
function blockMean(x: tf.Tensor4D, k: number): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const rows = tf.mean(tf.reshape(x, [b * (h / k), k, w * c]), 1);
  return tf.reshape(tf.mean(tf.reshape(rows, [b * (h / k) * (w / k), k, c]), 1), [b, h / k, w / k, c]);
}

function heNormal(shape: number[], fanIn: number, seed: number): tf.Variable {
  return tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), "float32", seed));
}

/**
 * The demo CNN: x' → pool×pool average pool (224→224/pool) → conv3×3 (s1) → conv3×3 (s2) → conv3×3 (s2), ReLU after each
 * → global average pool → dense logits. Plain ops with explicit variables so its second-order gradient is fast
 * on cpu; `toLayersModel` exports the identical function as a standard tf.layers model.
 */
export class DemoCnn implements TrainableModel {
  readonly convs: ConvParams[];
  readonly dense: { kernel: tf.Variable; bias: tf.Variable };

  constructor(readonly spec: DemoCnnSpec) {
    if (!Number.isInteger(spec.numClasses) || spec.numClasses < 2)
      throw new Error(`numClasses must be an integer ≥ 2, got ${spec.numClasses}`);
    if (![1, 2, 4, 7, 8, 14].includes(spec.pool)) throw new Error(`pool must divide 56 (1, 2, 4, 7, 8 or 14), got ${spec.pool}`);
    const [c1, c2, c3] = spec.channels;
    const strides: (1 | 2)[] = [1, 2, 2];
    const ins = [3, c1, c2];
    this.convs = [c1, c2, c3].map((out, i) => ({
      kernel: heNormal([3, 3, ins[i], out], 9 * ins[i], spec.seed + i),
      bias: tf.variable(tf.zeros([out])),
      stride: strides[i],
    }));
    this.dense = {
      kernel: heNormal([c3, spec.numClasses], c3, spec.seed + 10),
      bias: tf.variable(tf.zeros([spec.numClasses])),
    };
  }

  get trainable(): tf.Variable[] {
    return [...this.convs.flatMap((c) => [c.kernel, c.bias]), this.dense.kernel, this.dense.bias];
  }

  /** No normalisation layers: every weight (biases included, as in the reference) is decayed. */
  get decayed(): tf.Variable[] {
    return this.trainable;
  }

  logits(inputs: tf.Tensor4D, _training = false): tf.Tensor2D {
    return tf.tidy(() => {
      const [, h, w, c] = inputs.shape;
      if (h !== DEMO_INPUT_SIZE || w !== DEMO_INPUT_SIZE || c !== 3) throw new Error(`DemoCnn takes [B,224,224,3], got [${inputs.shape}]`);
      let x = blockMean(inputs, this.spec.pool);
      for (const p of this.convs) x = tf.relu(conv3x3(x, p));
      return tf.add(tf.matMul(tf.mean(x, [1, 2]) as tf.Tensor2D, this.dense.kernel), this.dense.bias) as tf.Tensor2D;
    });
  }

  /**
   * The same function as a tf.layers model on raw input x, for a model trained on x' = x·inputScale: the scale is
   * folded into the first kernel (exact: pooling is linear and the padding is zero either way).
   */
  toLayersModel(inputScale = 1): tf.LayersModel {
    const model = tf.sequential({
      layers: [
        tf.layers.averagePooling2d({
          inputShape: [DEMO_INPUT_SIZE, DEMO_INPUT_SIZE, 3],
          poolSize: this.spec.pool,
          strides: this.spec.pool,
          padding: "valid",
          name: "pool",
        }),
        ...this.convs.map((p, i) =>
          tf.layers.conv2d({
            filters: p.kernel.shape[3] as number,
            kernelSize: 3,
            strides: p.stride,
            padding: "same",
            activation: "relu",
            name: `conv${i + 1}`,
          }),
        ),
        tf.layers.globalAveragePooling2d({ name: "gap" }),
        tf.layers.dense({ units: this.spec.numClasses, name: "logits" }),
      ],
    });
    const weights = tf.tidy(() => [
      ...this.convs.flatMap((p, i) => [i === 0 ? tf.mul(p.kernel, inputScale) : tf.clone(p.kernel), tf.clone(p.bias)]),
      tf.clone(this.dense.kernel),
      tf.clone(this.dense.bias),
    ]);
    model.setWeights(weights);
    tf.dispose(weights);
    return model;
  }

  /** Current values, in `trainable` order (for checkpoints). */
  getWeights(): tf.Tensor[] {
    return this.trainable.map((v) => tf.clone(v));
  }

  setWeights(values: tf.Tensor[]): void {
    const vars = this.trainable;
    if (values.length !== vars.length) throw new Error(`Expected ${vars.length} weight tensors, got ${values.length}`);
    vars.forEach((v, i) => v.assign(values[i]));
  }

  dispose(): void {
    tf.dispose(this.trainable);
  }
}
