import * as tf from "@tensorflow/tfjs";
import { applySaliencyPasses } from "@/lib/models/saliency-passes";

type LayerConfig = { class_name: string; config: Record<string, unknown>; name?: string; [k: string]: unknown };
type Json = Record<string, unknown>;

function modelConfig(topology: Json): { class_name: string; config: Json } {
  const inner = (topology.model_config ?? topology) as { class_name: string; config: Json };
  if (typeof inner?.class_name !== "string") throw new Error("model.json: layers modelTopology has no class_name");
  return inner;
}

function layersOf(config: Json | unknown[]): LayerConfig[] {
  return ((Array.isArray(config) ? config : config.layers) as LayerConfig[] | undefined) ?? [];
}

function outputLayer(model: { class_name: string; config: Json }): LayerConfig | undefined {
  const layers = layersOf(model.config);
  const outputs = model.config.output_layers as [string, number, number][] | undefined;
  if (model.class_name !== "Sequential" && outputs?.length) {
    return layers.find((l) => (l.name ?? l.config.name) === outputs[0][0]);
  }
  return layers[layers.length - 1];
}

/** Evaluates pre-softmax logits (protocol §3): a softmax on the output layer becomes linear. */
function linearizeOutput(layer: LayerConfig | undefined): boolean {
  if (!layer) return false;
  if (layer.class_name === "Softmax") {
    layer.class_name = "Activation";
    layer.config = { name: layer.config.name, trainable: layer.config.trainable, dtype: layer.config.dtype, activation: "linear" };
    return true;
  }
  if (layer.config.activation === "softmax") {
    layer.config.activation = "linear";
    return true;
  }
  return false;
}

/**
 * batchNorm without scale (Keras `scale=False`, e.g. InceptionV3) or without center records an undefined input on the
 * gradient tape, which tfjs cannot differentiate through. Turning them on with gamma = 1 and beta = 0 computes the
 * same values (x·1 + 0 is exact) and makes every BN layer differentiable.
 */
function completeBatchNorm(layers: LayerConfig[], specs: tf.io.WeightsManifestEntry[]) {
  const extra: { spec: tf.io.WeightsManifestEntry; value: number }[] = [];
  for (const layer of layers) {
    if (layer.class_name !== "BatchNormalization") continue;
    const name = String(layer.config.name);
    const mean = specs.find((s) => s.name === `${name}/moving_mean` || s.name.endsWith(`/${name}/moving_mean`));
    if (!mean) throw new Error(`model.json: BatchNormalization '${name}' has no moving_mean weight`);
    const prefix = mean.name.slice(0, -"moving_mean".length);
    for (const [flag, weight, value] of [["scale", "gamma", 1], ["center", "beta", 0]] as const) {
      if (layer.config[flag] !== false) continue;
      layer.config[flag] = true;
      layer.config[`${weight}_initializer`] = { class_name: value ? "Ones" : "Zeros", config: {} };
      extra.push({ spec: { name: `${prefix}${weight}`, shape: mean.shape, dtype: "float32" }, value });
    }
  }
  return extra;
}

/** Rewrites loaded layers artifacts for saliency: pre-softmax output, differentiable batch norms. */
export function prepareLayersArtifacts(artifacts: tf.io.ModelArtifacts): { artifacts: tf.io.ModelArtifacts; removedSoftmax: boolean } {
  const topology = structuredClone(artifacts.modelTopology) as Json;
  const model = modelConfig(topology);
  const removedSoftmax = linearizeOutput(outputLayer(model));
  const specs = artifacts.weightSpecs ?? [];
  const extra = completeBatchNorm(layersOf(model.config), specs);
  const base = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
  const sizes = extra.map((e) => e.spec.shape.reduce((a, b) => a * b, 1));
  const data = new Uint8Array(base.byteLength + 4 * sizes.reduce((a, b) => a + b, 0));
  data.set(base);
  let offset = base.byteLength;
  extra.forEach((e, i) => {
    data.set(new Uint8Array(new Float32Array(sizes[i]).fill(e.value).buffer), offset);
    offset += 4 * sizes[i];
  });
  return {
    artifacts: { ...artifacts, modelTopology: topology, weightSpecs: [...specs, ...extra.map((e) => e.spec)], weightData: data.buffer },
    removedSoftmax,
  };
}

/** Loads and speeds the model up for saliency (lib/models/saliency-passes.ts); never for training. */
export async function loadLayersForSaliency(handler: tf.io.IOHandler): Promise<{ model: tf.LayersModel; logits: (x: tf.Tensor4D) => tf.Tensor2D }> {
  const model = await tf.loadLayersModel(handler, { strict: true });
  applySaliencyPasses(model);
  return { model, logits: (x) => model.predict(x) as tf.Tensor2D };
}
