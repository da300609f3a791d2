/** Test helper: a real tiny TF.js layers model (224×224×3 → 10 logits) saved through tfjs's own serialiser. */
import * as tf from "@tensorflow/tfjs";

export type SavedModel = { modelJson: string; weights: Buffer; shardName: string };

export async function saveTinyModel(seed: number): Promise<SavedModel> {
  await tf.setBackend("cpu");
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [224, 224, 3],
        filters: 2,
        kernelSize: 3,
        strides: 8,
        activation: "relu",
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  let saved: SavedModel | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const shardName = "group1-shard1of1.bin";
      const modelJson = JSON.stringify({
        format: "layers-model",
        generatedBy: "test",
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [shardName], weights: artifacts.weightSpecs }],
      });
      saved = { modelJson, weights: Buffer.from(artifacts.weightData as ArrayBuffer), shardName };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  model.dispose();
  return saved!;
}
