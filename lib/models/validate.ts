import { DEFAULT_MODEL_LIMITS, type ModelLimits } from "@/lib/types/model-limits";
import { ModelValidationError, isRecord } from "@/lib/models/validate-error";
import { listUploadedFiles, readModelJson } from "@/lib/models/validate-files";
import { checkGraphTopology } from "@/lib/models/validate-graph";
import { checkLayersTopology } from "@/lib/models/validate-layers";
import { checkShards, elementCount, parseWeightsManifest, type WeightSpec } from "@/lib/models/validate-manifest";
import { hashWeightFiles } from "@/lib/models/weights-hash";
import type { ModelFormat } from "@/lib/types";

export { ModelValidationError } from "@/lib/models/validate-error";
export type { WeightSpec } from "@/lib/models/validate-manifest";

export type ValidatedModel = {
  format: Exclude<ModelFormat, "onnx">;
  modelJson: Record<string, unknown>;
  weightSpecs: WeightSpec[];
  /** Shard files relative to the model directory, in manifest order. */
  weightPaths: string[];
  inputShape: (number | null)[];
  numClasses: number | null;
  /** Σ prod(shape) over every manifest weight, trainable or not (batch-norm statistics count too). */
  paramCount: number;
  /** sha256 hex over the shard bytes in manifest order. */
  weightsHash: string;
  /** Bytes of model.json plus its shards (other uploaded files are not part of the model). */
  totalBytes: number;
  lastLayerSoftmax: boolean;
  logitsNode: string | null;
};

export type ValidateOptions = { limits?: ModelLimits; numClasses?: number; logitsNode?: string };

const FORMATS = { "layers-model": "layers", "graph-model": "graph" } as const;

function detectFormat(json: Record<string, unknown>): "layers" | "graph" {
  const topology = json.modelTopology;
  if (!isRecord(topology))
    throw new ModelValidationError("model.json: 'modelTopology' is missing or not an object; TF.js model.json files have modelTopology and weightsManifest");
  const looksGraph = Array.isArray(topology.node);
  const looksLayers = typeof topology.class_name === "string" || isRecord(topology.model_config);
  if (json.format !== undefined) {
    const declared = FORMATS[json.format as keyof typeof FORMATS];
    if (!declared)
      throw new ModelValidationError(`model.json: format ${JSON.stringify(json.format)} is not supported; allowed: 'layers-model', 'graph-model'`);
    if ((declared === "graph" && !looksGraph) || (declared === "layers" && !looksLayers))
      throw new ModelValidationError(
        `model.json: format is '${json.format}' but modelTopology ${declared === "graph" ? "has no 'node' array" : "has no 'class_name'"}; the format and the topology must agree`);
    return declared;
  }
  if (looksGraph) return "graph";
  if (looksLayers) return "layers";
  throw new ModelValidationError(
    "model.json: modelTopology is neither a layers model (class_name + config) nor a graph model (node array)");
}

/** Real model.json files nest about 15 levels; the validators below walk the tree recursively. */
export const MAX_MODEL_JSON_DEPTH = 100;

/** Measured without recursion, so a 30,000-level model.json is refused instead of overflowing the stack. */
function checkJsonDepth(root: unknown): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_MODEL_JSON_DEPTH)
      throw new ModelValidationError(`model.json is nested deeper than ${MAX_MODEL_JSON_DEPTH} levels; a TF.js model.json needs far fewer`);
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
}

/**
 * Validates an uploaded TF.js model directory without loading TF.js: file limits, model.json structure, the
 * weights manifest against the shard files, the 224×224 RGB input and the class logits output.
 */
export async function validateModelDirectory(dir: string, opts: ValidateOptions = {}): Promise<ValidatedModel> {
  const limits = opts.limits ?? DEFAULT_MODEL_LIMITS;
  const numClasses = opts.numClasses ?? 1000;
  const files = await listUploadedFiles(dir, limits);
  const json = await readModelJson(dir, files, limits);
  if (!isRecord(json))
    throw new ModelValidationError(`model.json must contain a JSON object; it contains ${json === null ? "null" : Array.isArray(json) ? "an array" : typeof json}`);
  checkJsonDepth(json);
  const format = detectFormat(json);
  const groups = parseWeightsManifest(json.weightsManifest);
  checkShards(groups, files.sizes);
  const weightSpecs = groups.flatMap((g) => g.weights);
  const weightPaths = groups.flatMap((g) => g.paths);
  const topology = format === "layers"
    ? { ...checkLayersTopology(json.modelTopology, numClasses), logitsNode: null }
    : checkGraphTopology(json, weightSpecs, numClasses, opts.logitsNode);
  return {
    format,
    modelJson: json,
    weightSpecs,
    weightPaths,
    ...topology,
    paramCount: weightSpecs.reduce((sum, w) => sum + elementCount(w.shape), 0),
    weightsHash: await hashWeightFiles(dir, weightPaths),
    totalBytes: (files.sizes.get("model.json") ?? 0) + weightPaths.reduce((sum, p) => sum + (files.sizes.get(p) ?? 0), 0),
  };
}
