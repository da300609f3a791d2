import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { directoryLoadHandler, directorySaveHandler } from "@/lib/models/io-handler";
import { prepareLayersArtifacts } from "@/lib/models/load-layers";
import { validateModelDirectory } from "@/lib/models/validate";

export type CheckpointState = { epochsDone: number; lambda: number; updatedAt: string };

const STATE = "state.json";
const OPTIMIZER = "optimizer.bin";
const OPTIMIZER_SPECS = "optimizer.json";

/** Writes checkpoints/epoch-N (model/ with model.json + shard; optimiser state) and then state.json, which marks it complete. */
export async function saveCheckpoint(out: string, model: tf.LayersModel, optimizer: tf.Optimizer, state: CheckpointState): Promise<string> {
  const dir = path.join(out, "checkpoints", `epoch-${state.epochsDone}`);
  // The model sits in its own folder: the upload validator rejects stray files beside model.json.
  await model.save(directorySaveHandler(path.join(dir, "model")));
  const { data, specs } = await tf.io.encodeWeights(await optimizer.getWeights());
  await writeFile(path.join(dir, OPTIMIZER), new Uint8Array(data));
  await writeFile(path.join(dir, OPTIMIZER_SPECS), JSON.stringify(specs));
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, `${STATE}.tmp`), JSON.stringify({ ...state, checkpoint: path.relative(out, dir) }, null, 2));
  await rename(path.join(out, `${STATE}.tmp`), path.join(out, STATE));
  return dir;
}

/** The last complete checkpoint of `out`, or null when there is none. */
export async function readCheckpointState(out: string): Promise<(CheckpointState & { checkpoint: string }) | null> {
  try {
    return JSON.parse(await readFile(path.join(out, STATE), "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${path.join(out, STATE)} is unreadable: ${(err as Error).message}`);
  }
}

/** Restores the optimiser's slots (Adam moments, step count) saved with a checkpoint. */
export async function restoreOptimizer(checkpointDir: string, optimizer: tf.Optimizer): Promise<void> {
  const specs = JSON.parse(await readFile(path.join(checkpointDir, OPTIMIZER_SPECS), "utf8"));
  const buf = await readFile(path.join(checkpointDir, OPTIMIZER));
  const named = tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), specs);
  await optimizer.setWeights(Object.entries(named).map(([name, tensor]) => ({ name, tensor })));
  if (optimizer instanceof tf.AdamOptimizer) replayAdamBetaPowers(optimizer);
}

/**
 * tfjs' Adam keeps β^(t+1) as a running float32 product but its setWeights recomputes it with pow(), which differs
 * in the last bits: a resumed run would drift from an uninterrupted one. Replaying the product makes them equal.
 */
function replayAdamBetaPowers(optimizer: tf.AdamOptimizer): void {
  const adam = optimizer as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable; beta1: number; beta2: number; iterations: number };
  tf.tidy(() => {
    let p1 = tf.scalar(adam.beta1);
    let p2 = tf.scalar(adam.beta2);
    for (let i = 0; i < adam.iterations; i++) {
      p1 = tf.mul(p1, adam.beta1);
      p2 = tf.mul(p2, adam.beta2);
    }
    adam.accBeta1.assign(p1);
    adam.accBeta2.assign(p2);
  });
}

/** Loads a tf.layers model directory (validated like an upload, softmax removed) to train it. */
export async function loadTrainableLayers(modelDir: string, numClasses: number): Promise<tf.LayersModel> {
  const v = await validateModelDirectory(modelDir, { numClasses });
  if (v.format !== "layers") throw new Error(`Only tf.layers models can be harmonized (got a ${v.format} model)`);
  const parsed = { modelJson: v.modelJson, weightSpecs: v.weightSpecs as tf.io.WeightsManifestEntry[], weightPaths: v.weightPaths };
  return tf.loadLayersModel(directoryLoadHandler(modelDir, parsed, (a) => prepareLayersArtifacts(a).artifacts));
}
