import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";

type ModelJson = Record<string, unknown>;
type WeightSpecs = tf.io.WeightsManifestEntry[];

export const SHARD_NAME = "group1-shard1of1.bin";

/** Concatenates shards into one ArrayBuffer (tfjs decodes weights from a single buffer, in manifest order). */
function concatShards(buffers: Buffer[]): ArrayBuffer {
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(b, offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

/** Loads model.json + shards from a directory; `file://` IO exists only in tfjs-node. */
export function directoryLoadHandler(
  dir: string,
  parsed: { modelJson: ModelJson; weightSpecs: WeightSpecs; weightPaths: string[] },
  transform: (artifacts: tf.io.ModelArtifacts) => tf.io.ModelArtifacts = (a) => a,
): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const shards = await Promise.all(parsed.weightPaths.map((p) => readFile(path.join(dir, p))));
      const json = parsed.modelJson;
      return transform({
        modelTopology: json.modelTopology as ModelJson,
        format: json.format as string | undefined,
        generatedBy: json.generatedBy as string | undefined,
        convertedBy: json.convertedBy as string | null | undefined,
        signature: json.signature as object | undefined,
        userDefinedMetadata: json.userDefinedMetadata as tf.io.ModelArtifacts["userDefinedMetadata"],
        modelInitializer: json.modelInitializer as object | undefined,
        weightSpecs: parsed.weightSpecs,
        weightData: concatShards(shards),
      });
    },
  };
}

/** Saves a model as model.json + one shard (used for fixtures and the round-trip test). */
export function directorySaveHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weightData = artifacts.weightData == null ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        ...(artifacts.signature ? { signature: artifacts.signature } : {}),
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
        weightsManifest: [{ paths: [SHARD_NAME], weights: artifacts.weightSpecs ?? [] }],
      };
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "model.json"), JSON.stringify(modelJson));
      await writeFile(path.join(dir, SHARD_NAME), new Uint8Array(weightData));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  };
}

/** Writes a hand-built graph or layers model.json with its weights (fixture builders use it). */
export async function writeModelFiles(dir: string, modelJson: ModelJson, weightData: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "model.json"), JSON.stringify(modelJson));
  await writeFile(path.join(dir, SHARD_NAME), weightData);
}
