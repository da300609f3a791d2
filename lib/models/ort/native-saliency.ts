/**
 * The native engine (issue #14): the submitted ONNX graph plus its input-gradient graph (lib/models/onnx/gradient),
 * run by onnxruntime, so one session returns the logits and the saliency map of a batch. Same LoadedModel contract,
 * weights hash and parameter count as the tfjs importer, so results of the two engines are interchangeable.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { weightsHash } from "@/lib/models/onnx/execute";
import { buildSaliencyGraphFrom, decodeGraphSource, type GraphSource, type SaliencyGraph } from "@/lib/models/onnx/gradient/build";
import { readOnnx, type OnnxModel } from "@/lib/models/onnx/read";
import { validateOnnx } from "@/lib/models/onnx/validate";
import type { LoadedModel } from "@/lib/models/loaded-model";
import { loadOnnxRuntime, toNchw, type OrtSession } from "./runtime";
import { collectGarbage } from "./collect-garbage";
import { openGraphSession, type ExternalFiles } from "./session-files";

export type NativeProvider = "cpu" | "cuda";
export type NativeOptions = { numClasses?: number; outputName?: string; threads: number; provider: NativeProvider };

/** What provenance records of the engine that computed the scores. */
export type NativeEngineInfo = { name: "ort" | "ort-cuda"; version: string; threads: number };

export async function openNativeSession(
  bytes: Uint8Array,
  o: Pick<NativeOptions, "threads" | "provider">,
  files: ExternalFiles = new Map(),
): Promise<OrtSession> {
  const ort = loadOnnxRuntime();
  if (o.provider === "cuda") {
    const cuda = ort.listSupportedBackends().find((b) => b.name === "cuda");
    if (!cuda) throw new Error(cudaMissing("this onnxruntime-node build lists no CUDA execution provider"));
    try {
      return await openGraphSession(bytes, files, { executionProviders: ["cuda"], interOpNumThreads: 1, intraOpNumThreads: o.threads });
    } catch (err) {
      throw new Error(cudaMissing((err as Error).message.split("\n")[0]));
    }
  }
  return openGraphSession(bytes, files, {
    executionProviders: ["cpu"],
    intraOpNumThreads: o.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
    enableCpuMemArena: !memoryBound(bytes, files),
  });
}

/**
 * Weights this large make memory, not allocation, the limit: without onnxruntime's arena the memory a batch freed goes
 * back to the allocator instead of staying reserved at its peak (ViT-B/16 at batch 2: 1.3 GB instead of 1.6 GB, at the
 * same speed). Small models keep the arena: MobileNetV2's many small activations run ~25 % slower without it.
 */
const ARENA_LIMIT_BYTES = 200 * 1024 * 1024;

function memoryBound(proto: Uint8Array, files: ExternalFiles): boolean {
  let bytes = proto.length;
  for (const file of new Set(files.values())) bytes += statSync(file).size;
  return bytes >= ARENA_LIMIT_BYTES;
}

const cudaMissing = (why: string) =>
  `onnxruntime's CUDA provider is not available (${why}); on a GPU node install it with ` +
  "`ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node` (deploy/README.md), or use --backend ort";

/**
 * Throws GradientUnsupportedError (from the builder) when a node on the input→logits path has no gradient rule; the
 * caller falls back to the tfjs importer and records why. Any other failure is the model's.
 */
export async function loadNativeOnnxModel(file: string, opts: NativeOptions, onDispose: () => void = () => {}): Promise<LoadedModel> {
  // Built in its own call, so that the file's bytes and the parsed model are garbage before the session opens.
  const built = await buildFromFile(file, opts);
  collectGarbage();
  return openNativeModel(built, opts, onDispose);
}

async function buildFromFile(file: string, opts: NativeOptions): Promise<BuiltGraph> {
  const { source, model, identity } = readModelFile(file, opts);
  collectGarbage(); // the file's bytes, before the probe's session
  return buildGraph(source, model, opts, identity);
}

/** Synchronous, and the message it returns holds no view of the file's bytes: they are garbage once it returns. */
function readModelFile(file: string, opts: NativeOptions) {
  const buffer = readFileSync(file);
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  const baseDir = path.dirname(path.resolve(file));
  const model = readOnnx(bytes, baseDir);
  const paramCount = model.initializers.filter((t) => t.data instanceof Float32Array).reduce((a, t) => a + t.data.length, 0);
  const identity: Omit<ModelIdentity, "parsed"> = {
    format: "onnx",
    weightsHash: weightsHash(model),
    paramCount,
    onnx: { file, outputName: opts.outputName ?? null, opset: model.opset, producer: `${model.producerName} ${model.producerVersion}`.trim() },
  };
  return { source: decodeGraphSource(bytes, baseDir, file), model, identity };
}

/** Who the model is, as the tfjs path names it (a translated TF.js model keeps its own format, hash and size). */
export type ModelIdentity = Pick<LoadedModel, "format" | "weightsHash" | "paramCount" | "onnx"> & { parsed?: OnnxModel };

type BuiltGraph = { graph: SaliencyGraph; identity: Omit<ModelIdentity, "parsed">; numClasses: number; inputSize: number };

/** The native LoadedModel of an ONNX ModelProto held in memory (a translated TF.js model): its gradient graph in one onnxruntime session. */
export async function nativeModel(
  bytes: Uint8Array, baseDir: string, opts: NativeOptions, { parsed, ...identity }: ModelIdentity, onDispose: () => void = () => {},
): Promise<LoadedModel> {
  const built = await buildGraph(decodeGraphSource(bytes, baseDir), parsed ?? readOnnx(bytes, baseDir), opts, identity);
  return openNativeModel(built, opts, onDispose);
}

async function buildGraph(source: GraphSource, model: OnnxModel, opts: NativeOptions, identity: Omit<ModelIdentity, "parsed">): Promise<BuiltGraph> {
  const info = validateOnnx(model, { numClasses: opts.numClasses, outputName: opts.outputName });
  const numClasses = opts.numClasses ?? info.numClasses;
  if (numClasses == null) {
    throw new AppError("invalid_model", `output "${info.outputName}" has no fixed class dimension; give num_classes`);
  }
  const graph = await buildSaliencyGraphFrom(source, model, { outputName: info.outputName, numClasses });
  return { graph, identity, numClasses, inputSize: info.inputSize };
}

async function openNativeModel({ graph: built, identity, numClasses, inputSize: size }: BuiltGraph, opts: NativeOptions, onDispose: () => void): Promise<LoadedModel> {
  const { proto, externalFiles, ...graph } = built;
  const session = await openNativeSession(proto, opts, externalFiles);
  const ort = loadOnnxRuntime();
  const plane = size * size;
  const feeds = (images: Float32Array, labels: Int32Array, n: number) => {
    const nchw = graph.layout === "NCHW";
    return {
      [graph.inputName]: new ort.Tensor("float32", nchw ? toNchw(images, n, size) : images, nchw ? [n, 3, size, size] : [n, size, size, 3]),
      [graph.labelsName]: new ort.Tensor("int64", BigInt64Array.from(labels, (l) => BigInt(l)), [n]),
    };
  };
  const checkedLogits = (logits: { dims: readonly number[]; size: number; data: unknown }, n: number) => {
    if (logits.dims.length < 2 || logits.dims[0] !== n || logits.size !== n * numClasses) {
      throw new AppError("invalid_model", `The model outputs logits of shape [${logits.dims.join(", ")}]; expected [${n}, ${numClasses}]`);
    }
    return Float32Array.from(logits.data as Float32Array);
  };
  const run = async (images: Float32Array, labels: Int32Array, n: number) => {
    const out = await session.run(feeds(images, labels, n), [graph.logitsName, graph.saliencyName]);
    const logits = checkedLogits(out[graph.logitsName], n);
    const saliency = out[graph.saliencyName];
    if (saliency.size !== n * plane) throw new Error(`the gradient graph returned ${saliency.size} saliency values for ${n} images (expected ${n * plane})`);
    return { logits, saliency: Float32Array.from(saliency.data as Float32Array) };
  };
  // One batch at load, as the tfjs importer does: a graph that cannot run fails here, before any evaluation.
  try {
    await run(new Float32Array(plane * 3), new Int32Array(1), 1);
  } catch (err) {
    await session.release();
    throw err;
  }
  return {
    format: identity.format,
    inputSize: size,
    numClasses,
    weightsHash: identity.weightsHash,
    paramCount: identity.paramCount,
    ...(identity.onnx ? { onnx: identity.onnx } : {}),
    engine: { name: opts.provider === "cuda" ? "ort-cuda" : "ort", version: `onnxruntime-node ${ort.env.versions.node}`, threads: opts.threads },
    computeSaliency: run,
    // Asking for the logits alone makes onnxruntime run only the forward nodes (the labels are fed but unused).
    computeLogits: async (images, n) => checkedLogits((await session.run(feeds(images, new Int32Array(n), n), [graph.logitsName]))[graph.logitsName], n),
    dispose: () => {
      void session.release();
      onDispose();
    },
  };
}
