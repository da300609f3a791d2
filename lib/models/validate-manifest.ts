import { ModelValidationError, isRecord, listForMessage } from "@/lib/models/validate-error";
import { unsafePathReason } from "@/lib/models/validate-path";

const DTYPE_BYTES = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2 } as const;
const QUANTIZED_BYTES = { uint8: 1, uint16: 2, float16: 2 } as const;

export type WeightDtype = keyof typeof DTYPE_BYTES;
export type WeightQuantization = { dtype: keyof typeof QUANTIZED_BYTES; scale?: number; min?: number };
export type WeightSpec = { name: string; shape: number[]; dtype: WeightDtype; quantization?: WeightQuantization };
export type WeightGroup = { paths: string[]; weights: WeightSpec[] };

const allowed = (o: object) => Object.keys(o).map((k) => `'${k}'`).join(", ");

function parseShape(value: unknown, where: string): number[] {
  if (!Array.isArray(value))
    throw new ModelValidationError(`${where}.shape must be an array of non-negative integers; got ${JSON.stringify(value)}`);
  for (const d of value)
    if (typeof d !== "number" || !Number.isSafeInteger(d) || d < 0)
      throw new ModelValidationError(
        `${where}.shape ${JSON.stringify(value)} has the dimension ${JSON.stringify(d)}; dimensions must be non-negative integers`);
  return value as number[];
}

function parseQuantization(value: unknown, where: string): WeightQuantization | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value.dtype !== "string" || !Object.hasOwn(QUANTIZED_BYTES, value.dtype))
    throw new ModelValidationError(
      `${where}.quantization.dtype ${JSON.stringify(isRecord(value) ? value.dtype : value)} is not supported; allowed: ${allowed(QUANTIZED_BYTES)}`);
  const q: WeightQuantization = { dtype: value.dtype as WeightQuantization["dtype"] };
  if (q.dtype !== "float16") {
    for (const key of ["scale", "min"] as const) {
      const v = value[key];
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new ModelValidationError(`${where}.quantization.${key} must be a finite number for ${q.dtype} quantization`);
      q[key] = v;
    }
  }
  return q;
}

function parseWeight(value: unknown, where: string): WeightSpec {
  if (!isRecord(value)) throw new ModelValidationError(`${where} must be an object {name, shape, dtype}`);
  if (typeof value.name !== "string" || value.name.length === 0)
    throw new ModelValidationError(`${where}.name must be a non-empty string`);
  const shape = parseShape(value.shape, where);
  if (typeof value.dtype !== "string" || !Object.hasOwn(DTYPE_BYTES, value.dtype))
    throw new ModelValidationError(
      `${where} ('${value.name}') has dtype ${JSON.stringify(value.dtype)}; allowed: ${allowed(DTYPE_BYTES)}`);
  const quantization = parseQuantization(value.quantization, where);
  return { name: value.name, shape, dtype: value.dtype as WeightDtype, ...(quantization ? { quantization } : {}) };
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function weightBytes(w: WeightSpec): number {
  return elementCount(w.shape) * (w.quantization ? QUANTIZED_BYTES[w.quantization.dtype] : DTYPE_BYTES[w.dtype]);
}

/** Parses `weightsManifest`: groups of relative shard paths and the weights packed into them, in order. */
export function parseWeightsManifest(value: unknown): WeightGroup[] {
  if (!Array.isArray(value))
    throw new ModelValidationError("model.json: 'weightsManifest' is missing or not an array; it must list {paths, weights} groups");
  const names = new Set<string>();
  const seenPaths = new Set<string>();
  return value.map((group, g) => {
    const where = `model.json: weightsManifest[${g}]`;
    if (!isRecord(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights))
      throw new ModelValidationError(`${where} must be an object with a 'paths' array and a 'weights' array`);
    const paths = group.paths.map((p, i) => {
      if (typeof p !== "string") throw new ModelValidationError(`${where}.paths[${i}] must be a string file name`);
      const reason = unsafePathReason(p);
      if (reason) throw new ModelValidationError(`${where}.paths[${i}] '${p}' ${reason}; paths must be plain relative file names like 'group1-shard1of1.bin'`);
      // Uploads are stored flat (one folder of files), so a shard in a sub-folder could never be found at evaluation.
      if (p.includes("/"))
        throw new ModelValidationError(`${where}.paths[${i}] '${p}' is inside a folder; weight files must sit beside model.json, named like 'group1-shard1of1.bin'`);
      if (p === "model.json" || seenPaths.has(p))
        throw new ModelValidationError(`${where}.paths[${i}] '${p}' is listed twice (or names model.json); each shard file is listed once`);
      seenPaths.add(p);
      return p;
    });
    const weights = group.weights.map((w, i) => {
      const spec = parseWeight(w, `${where}.weights[${i}]`);
      if (names.has(spec.name))
        throw new ModelValidationError(`${where}.weights[${i}] repeats the weight name '${spec.name}'; weight names must be unique`);
      names.add(spec.name);
      return spec;
    });
    if (paths.length === 0 && weights.some((w) => weightBytes(w) > 0))
      throw new ModelValidationError(`${where} has weights but no 'paths'; list the shard files that hold them`);
    return { paths, weights };
  });
}

/** Every listed shard exists, no .bin file is unlisted, and each group's shards hold exactly its weights' bytes. */
export function checkShards(groups: WeightGroup[], sizes: Map<string, number>): void {
  const uploaded = [...sizes.keys()];
  const listed = new Set<string>();
  groups.forEach((group, g) => {
    let actual = 0;
    group.paths.forEach((p, i) => {
      const size = sizes.get(p);
      if (size === undefined)
        throw new ModelValidationError(
          `model.json: weightsManifest[${g}].paths[${i}] '${p}' is listed but the upload has no such file; uploaded files: ${listForMessage(uploaded)}`);
      listed.add(p);
      actual += size;
    });
    const expected = group.weights.reduce((sum, w) => sum + weightBytes(w), 0);
    if (!Number.isSafeInteger(expected))
      throw new ModelValidationError(`model.json: weightsManifest[${g}] declares more weight bytes than can be counted`);
    if (actual !== expected)
      throw new ModelValidationError(
        `model.json: weightsManifest[${g}] weights need ${expected} bytes (Σ prod(shape) × bytes per dtype) but its files ${listForMessage(group.paths)} hold ${actual} bytes (${actual < expected ? "too short" : "too long"}); the shards must hold exactly the listed weights`);
  });
  const extra = uploaded.filter((f) => f.endsWith(".bin") && !listed.has(f));
  if (extra.length > 0)
    throw new ModelValidationError(
      `the upload has weight files not listed in model.json's weightsManifest: ${listForMessage(extra)}; remove them or list them`);
}
