import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";

async function streamInto(hash: Hash, file: string): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

/** sha256 (hex) over the weight bytes: the shard files concatenated in manifest order, streamed. */
export async function hashWeightFiles(dir: string, weightPaths: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const p of weightPaths) await streamInto(hash, path.join(dir, p));
  return hash.digest("hex");
}

/** JSON with object keys sorted recursively and no whitespace, so formatting does not change an artifact's hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The artifact id: sha256 over canonical model.json, a newline (never inside canonical JSON), then the weight
 * bytes in manifest order. model.json fixes every shard's size, so the concatenation is unambiguous.
 */
export async function hashModelArtifact(dir: string, modelJson: unknown, weightPaths: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  hash.update(`${canonicalJson(modelJson)}\n`, "utf8");
  for (const p of weightPaths) await streamInto(hash, path.join(dir, p));
  return hash.digest("hex");
}
