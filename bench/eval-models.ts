// Speed-fixture architectures for bench:eval, with random weights, saved as TF.js layers models on disk.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { buildMobileNetV2 } from "@/lib/models/fixtures/mobilenet-v2";
import { setSeededWeights } from "@/lib/models/fixtures/random-models";

type Sym = tf.SymbolicTensor;

function convBn(x: Sym, filters: number, kernelSize: number, strides: number, relu: boolean): Sym {
  let y = tf.layers.conv2d({ filters, kernelSize, strides, padding: "same", useBias: false }).apply(x) as Sym;
  y = tf.layers.batchNormalization({ epsilon: 1.001e-5 }).apply(y) as Sym;
  return relu ? (tf.layers.reLU().apply(y) as Sym) : y;
}

/** Keras ResNet50 v1 bottleneck: 1×1 → 3×3 (stride here, as in Keras) → 1×1 ×4, projection on the first block. */
function bottleneck(x: Sym, filters: number, strides: number, project: boolean): Sym {
  const shortcut = project ? convBn(x, filters * 4, 1, strides, false) : x;
  let y = convBn(x, filters, 1, strides, true);
  y = convBn(y, filters, 3, 1, true);
  y = convBn(y, filters * 4, 1, 1, false);
  return tf.layers.reLU().apply(tf.layers.add().apply([shortcut, y]) as Sym) as Sym;
}

/** ResNet-50 (224², 1000 classes, ~25.6M parameters), built by hand with the layers API. */
export function buildResNet50(seed: number): tf.LayersModel {
  const input = tf.input({ shape: [224, 224, 3] });
  let x = convBn(input, 64, 7, 2, true);
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: "same" }).apply(x) as Sym;
  const stages: [number, number, number][] = [
    [64, 3, 1],
    [128, 4, 2],
    [256, 6, 2],
    [512, 3, 2],
  ];
  for (const [filters, blocks, stride] of stages) {
    for (let b = 0; b < blocks; b++) x = bottleneck(x, filters, b === 0 ? stride : 1, b === 0);
  }
  x = tf.layers.globalAveragePooling2d({}).apply(x) as Sym;
  const out = tf.layers.dense({ units: 1000 }).apply(x) as Sym;
  const model = tf.model({ inputs: input, outputs: out });
  setSeededWeights(model, seed);
  return model;
}

export const BENCH_MODELS = { "mobilenet-v2": (seed: number) => buildMobileNetV2(seed), "resnet-50": buildResNet50 } as const;
export type BenchModelName = keyof typeof BENCH_MODELS;

/** Writes model.json + one weight file, the layout `loadModel` reads; returns the parameter count. */
export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const modelJson = {
        format: "layers-model",
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ["weights.bin"], weights: a.weightSpecs }],
      };
      await writeFile(path.join(dir, "model.json"), JSON.stringify(modelJson));
      await writeFile(path.join(dir, "weights.bin"), Buffer.from(a.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  return model.countParams();
}
