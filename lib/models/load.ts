import { rmSync } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type * as tf from "@tensorflow/tfjs";
import { computeForwardLogits } from "@/lib/models/forward-logits";
import { computeSaliencyMaps } from "@/lib/models/saliency";
import { FlippedFilterCache } from "@/lib/tf/conv-backprop";
import { directoryLoadHandler } from "@/lib/models/io-handler";
import { loadGraphForSaliency, prepareGraphArtifacts } from "@/lib/models/load-graph";
import { loadGraphOnNative } from "@/lib/models/graph-onnx/native";
import { loadLayersOnNative } from "@/lib/models/layers-onnx/native";
import { loadLayersForSaliency, prepareLayersArtifacts } from "@/lib/models/load-layers";
import { loadOnnxModel, onnxFileIn, type NativeRequest } from "@/lib/models/load-onnx";
import { validateModelDirectory } from "@/lib/models/validate";
import { extractZipSafely } from "@/lib/models/zip";
import type { LoadedModel } from "@/lib/models/loaded-model";

export type { LoadedModel };

/**
 * inputSize: the image size for a model whose model.json leaves height and width unknown (default 224).
 * native: run the model on onnxruntime with its gradient graph (TF.js models translated to ONNX first); a model that
 * cannot be stays on tfjs, saying why in nativeFallback.
 */
export type LoadOptions = { logitsNode?: string; numClasses?: number; inputSize?: number; native?: NativeRequest };

const onnxOptions = (o: LoadOptions) => ({ numClasses: o.numClasses, outputName: o.logitsNode, inputSize: o.inputSize, native: o.native });

/** A zip may hold model.json at its root or inside one top-level folder. */
async function modelDirIn(root: string): Promise<string> {
  if ((await readdir(root)).includes("model.json")) return root;
  const entries = await readdir(root, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory());
  if (dirs.length === 1 && (await readdir(path.join(root, dirs[0].name))).includes("model.json")) {
    return path.join(root, dirs[0].name);
  }
  throw new Error("The zip has no model.json or model.onnx at its root or inside a single top-level folder");
}

/**
 * Loads a model for saliency: a TF.js layers or graph model (directory with model.json + shards), an ONNX model
 * (a .onnx file, or a directory holding model.onnx and its external data), or a .zip of either. For ONNX, logitsNode
 * names the logits output.
 */
export async function loadModel(modelPath: string, opts: LoadOptions = {}): Promise<LoadedModel> {
  let tmp: string | undefined;
  let keepTmp = false;
  try {
    let dir = modelPath;
    const isFile = (await stat(modelPath)).isFile();
    if (isFile && modelPath.toLowerCase().endsWith(".onnx")) return await loadOnnxModel(modelPath, onnxOptions(opts));
    if (isFile && modelPath.toLowerCase().endsWith(".zip")) {
      tmp = await mkdtemp(path.join(os.tmpdir(), "model-"));
      const dest = path.join(tmp, "model");
      await extractZipSafely(modelPath, dest);
      dir = dest;
    }
    const onnxFile = await onnxFileIn(dir);
    if (onnxFile) {
      const extracted = tmp;
      const model = await loadOnnxModel(onnxFile, onnxOptions(opts), () => extracted && rmSync(extracted, { recursive: true, force: true }));
      keepTmp = true;
      return model;
    }
    if (tmp) dir = await modelDirIn(dir);
    const v = await validateModelDirectory(dir, { numClasses: opts.numClasses, logitsNode: opts.logitsNode });
    const numClasses = v.numClasses ?? opts.numClasses ?? 1000;
    const parsed = { modelJson: v.modelJson, weightSpecs: v.weightSpecs as tf.io.WeightsManifestEntry[], weightPaths: v.weightPaths };
    const declared = v.inputShape[1];
    if (declared != null && opts.inputSize != null && opts.inputSize !== declared) {
      throw new Error(`inputSize ${opts.inputSize} was requested but the model declares ${declared}×${declared} inputs`);
    }
    const inputSize = declared ?? opts.inputSize ?? 224;
    const layersHandler = () => directoryLoadHandler(dir, parsed, (a) => prepareLayersArtifacts(a).artifacts);
    const graphHandler = () => directoryLoadHandler(dir, parsed, prepareGraphArtifacts);
    let nativeFallback: string | undefined;
    if (opts.native) {
      const identity = { inputSize, numClasses, weightsHash: v.weightsHash, paramCount: v.paramCount, native: opts.native };
      try {
        return v.format === "layers"
          ? await loadLayersOnNative(layersHandler(), identity)
          : await loadGraphOnNative(graphHandler(), { ...identity, logitsNode: v.logitsNode ?? "" });
      } catch (err) {
        nativeFallback = `the ${v.format} model could not be run natively: ${(err as Error).message.split("\n")[0]}`;
        console.warn(`[${v.format}] native engine not used, falling back to tfjs: ${nativeFallback}`);
      }
    }
    const loaded =
      v.format === "layers" ? await loadLayersForSaliency(layersHandler()) : await loadGraphForSaliency(graphHandler(), v.logitsNode ?? "");
    const filters = new FlippedFilterCache();
    return {
      format: v.format,
      ...(nativeFallback ? { nativeFallback } : {}),
      inputSize,
      numClasses,
      weightsHash: v.weightsHash,
      paramCount: v.paramCount,
      computeLogits: (images, n) => computeForwardLogits(loaded.logits, images, n, inputSize, numClasses),
      computeSaliency: (images, labels, n) =>
        // The caller's batch is the model's batch (runSamples groups images by --batch-size).
        computeSaliencyMaps(loaded.logits, { images, labels, n, inputSize, numClasses }, Math.max(1, n), filters),
      dispose: () => {
        filters.dispose();
        loaded.model.dispose();
      },
    };
  } finally {
    if (tmp && !keepTmp) await rm(tmp, { recursive: true, force: true });
  }
}
