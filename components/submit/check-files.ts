import { formatBytes } from "@/lib/models/limits";

/** The browser's checks on the chosen files (the server checks everything again): a message, or null when fine. */
export function checkFiles(files: { name: string; size: number }[], maxBytes: number): string | null {
  if (files.length === 0) return "Choose the model: one .zip, or model.json with its .bin weight shards.";
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > maxBytes) return `The files add up to ${formatBytes(total)}; the most allowed is ${formatBytes(maxBytes)}.`;
  const zips = files.filter((f) => /\.zip$/i.test(f.name));
  if (zips.length > 0 && files.length > 1) return "Choose either one .zip or model.json with its shards, not both.";
  if (zips.length === 1) return null;
  if (!files.some((f) => f.name === "model.json")) return "model.json is missing (or choose one .zip).";
  const other = files.find((f) => f.name !== "model.json" && !/\.bin$/i.test(f.name));
  return other ? `'${other.name}' is neither model.json nor a .bin weight shard.` : null;
}
