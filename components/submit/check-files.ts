import { DEFAULT_MODEL_LIMITS, formatBytes } from "@/lib/types/model-limits";

const isZip = (name: string) => /\.zip$/i.test(name);
const isOnnx = (name: string) => /\.onnx$/i.test(name);

/**
 * The browser's checks on the chosen files (the server checks everything again): a message, or null when fine.
 * Three shapes: one .zip; model.json with its .bin shards (TF.js); one .onnx with its external-data files, whose
 * names are whatever the model's `location` fields say, so only the server (which reads them) can check those.
 */
export function checkFiles(files: { name: string; size: number }[], maxBytes: number): string | null {
  if (files.length === 0)
    return "Choose the model: one .zip, model.json with its .bin weight shards, or a .onnx file with its external-data files.";
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > maxBytes) return `The files add up to ${formatBytes(total)}; the most allowed is ${formatBytes(maxBytes)}.`;
  const { maxFiles, maxFileBytes } = DEFAULT_MODEL_LIMITS;
  if (files.length > maxFiles) return `${files.length} files are chosen; a model may have at most ${maxFiles}.`;
  const big = files.find((f) => f.size > maxFileBytes);
  if (big)
    return `'${big.name}' is ${formatBytes(big.size)}; each file may be at most ${formatBytes(maxFileBytes)} (split large ONNX weights into external-data files).`;
  const zips = files.filter((f) => isZip(f.name));
  if (zips.length > 0 && files.length > 1) return "Choose either one .zip or the model's files, not both.";
  if (zips.length === 1) return null;
  const onnx = files.filter((f) => isOnnx(f.name));
  if (onnx.length > 1) return `Choose one .onnx model at a time (got ${onnx.map((f) => f.name).join(", ")}).`;
  const json = files.some((f) => f.name === "model.json");
  if (onnx.length === 1) return json ? "Choose either a .onnx model or model.json with its shards, not both." : null;
  if (!json) return "model.json or a .onnx model is missing (or choose one .zip).";
  const other = files.find((f) => f.name !== "model.json" && !/\.bin$/i.test(f.name));
  return other ? `'${other.name}' is neither model.json nor a .bin weight shard.` : null;
}
