/**
 * A manifest benchmark is defined on exact files: before a worker offers it (data-advert.ts) and before the evaluate
 * command scores it (lib/evaluation/run.ts), every shard of the split must match the manifest's name, size and sha256.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { ManifestData } from "@/lib/benchmarks";
import { listShards } from "./clickme-shards";

type Shard = { name: string; bytes: number; sha256: string };

/** Why the split's shards are not the manifest's, or null when they are. */
export function manifestShardMismatch(actual: Shard[], manifest: Pick<ManifestData, "shards" | "file">): string | null {
  const from = manifest.file ? ` (${manifest.file})` : "";
  if (actual.length !== manifest.shards.length) {
    return `the split has ${actual.length} shard${actual.length === 1 ? "" : "s"}; the benchmark manifest${from} lists ${manifest.shards.length}`;
  }
  for (const [i, want] of manifest.shards.entries()) {
    const got = actual[i];
    if (got.name !== want.name) return `shard ${i} is ${got.name}; the benchmark manifest${from} lists ${want.name}`;
    if (got.bytes !== want.bytes) return `${got.name} has ${got.bytes} bytes; the benchmark manifest${from} says ${want.bytes}`;
    if (got.sha256 !== want.sha256) return `${got.name} has sha256 ${got.sha256}; the benchmark manifest${from} says ${want.sha256}`;
  }
  return null;
}

const cache = new Map<string, { key: string; sha256: string }>();

async function sha256Cached(file: string): Promise<{ bytes: number; sha256: string }> {
  const info = await stat(file);
  const key = `${info.size}:${info.mtimeMs}:${info.ino}`;
  const hit = cache.get(file);
  if (hit?.key === key) return { bytes: info.size, sha256: hit.sha256 };
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  const sha256 = hash.digest("hex");
  cache.set(file, { key, sha256 });
  return { bytes: info.size, sha256 };
}

/**
 * Checks the shards in `dir` against the manifest; hashes are cached per file (size, mtime, inode), so a worker that
 * re-scans its data root at every claim hashes each shard once. Throws the mismatch.
 */
export async function verifyManifestShards(dir: string, manifest: Pick<ManifestData, "shards" | "file">): Promise<void> {
  const files = await listShards(dir);
  const actual: Shard[] = [];
  for (const file of files) actual.push({ name: path.basename(file), ...(await sha256Cached(file)) });
  const mismatch = manifestShardMismatch(actual, manifest);
  if (mismatch) throw new Error(mismatch);
}
