/**
 * What a worker can run: for each registry benchmark with a complete split under `--data-root/<id>`, its id, the
 * version this code implements and a fingerprint of the split. Cheap enough for every claim (one readdir, a stat
 * per shard, the manifest), so data written while the worker runs is picked up at its next claim.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { BENCHMARKS, type BenchmarkDefinition } from "@/lib/benchmarks";
import type { BenchmarkAdvert } from "@/lib/queue/protocol";
import { listShards, maxShardIndexFor } from "./clickme-shards";
import { verifyManifestShards } from "./manifest-shards";
import { fingerprintStimulusSet } from "./psychophysics/stimulus-set";

export type DataAdvertScan = { adverts: BenchmarkAdvert[]; skipped: { id: string; reason: string }[] };

type Manifest = { sha256?: unknown; shards?: { name?: unknown; bytes?: unknown }[] };

/**
 * The split's fingerprint: sha256 over the manifest's content hash and the name and size of every shard evaluated.
 * A complete split has manifest.json (written last by data:clickme and data:synthetic) and every shard it lists at
 * its listed size; anything else (a download under way, a truncated copy) is skipped with the reason.
 */
export async function fingerprintSplit(dir: string, benchmark: BenchmarkDefinition): Promise<string> {
  if (benchmark.psychophysics) return fingerprintStimulusSet(dir);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await fs.readFile(path.join(dir, "manifest.json"), "utf8")) as Manifest;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new Error(
      missing ? "no manifest.json (a download or generation not finished?)" : `manifest.json unreadable: ${(err as Error).message}`,
    );
  }
  if (typeof manifest.sha256 !== "string" || !Array.isArray(manifest.shards) || !manifest.shards.length) {
    throw new Error("manifest.json lists no shards");
  }
  for (const shard of manifest.shards) {
    const name = String(shard.name);
    if (path.basename(name) !== name) throw new Error(`manifest.json names '${name}', not a file of the split`);
    const size = await fs.stat(path.join(dir, name)).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new Error(`${name} is listed in manifest.json but missing`);
    if (size !== shard.bytes) throw new Error(`${name} has ${size} bytes; manifest.json says ${shard.bytes}`);
  }
  // A benchmark declared by a manifest is offered only when every shard matches its sha256 (hashes cached per file).
  if (benchmark.manifest) await verifyManifestShards(dir, benchmark.manifest);
  const lines = [`manifest\t${manifest.sha256}\n`];
  for (const file of await listShards(dir, { maxShardIndex: maxShardIndexFor(benchmark) })) {
    lines.push(`${path.basename(file)}\t${(await fs.stat(file)).size}\n`);
  }
  return createHash("sha256").update(lines.join("")).digest("hex");
}

/** Every registry benchmark whose directory under dataRoot holds a complete split; other directories are ignored. */
export async function scanDataRoot(dataRoot: string): Promise<DataAdvertScan> {
  const entries = await fs.readdir(dataRoot, { withFileTypes: true });
  const dirs = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  const scan: DataAdvertScan = { adverts: [], skipped: [] };
  for (const benchmark of BENCHMARKS) {
    if (!dirs.has(benchmark.id)) continue;
    try {
      const fingerprint = await fingerprintSplit(path.join(dataRoot, benchmark.id), benchmark);
      scan.adverts.push({ id: benchmark.id, version: benchmark.version, fingerprint });
    } catch (err) {
      scan.skipped.push({ id: benchmark.id, reason: (err as Error).message });
    }
  }
  return scan;
}
