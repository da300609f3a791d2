/** Shard discovery and fingerprinting for ClickMe-format directories (val-N.tfrecords). */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { readTFRecords } from "./tfrecord";

/** The real split: val-0 … val-16; the short val-17 is skipped, as the reference loader does. */
export const CLICKME_MAX_SHARD_INDEX = 16;

/** Which shards make up a benchmark's split: the real ClickMe split stops at val-16; generated sets use all. */
export function maxShardIndexFor(benchmark: { id: string }): number | undefined {
  return benchmark.id === "clickme" ? CLICKME_MAX_SHARD_INDEX : undefined;
}

const SHARD_NAME = /^val-(0|[1-9]\d*)\.tfrecords$/;

export function shardName(index: number): string {
  return `val-${index}.tfrecords`;
}

/**
 * Shard paths sorted by numeric index (val-2 before val-10). A gap in the indices is an error: a missing
 * shard would silently drop images from a score.
 */
export async function listShards(dir: string, opts: { maxShardIndex?: number } = {}): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new Error(`Cannot read dataset directory ${dir}: ${(err as Error).message}`);
  }
  const max = opts.maxShardIndex ?? Infinity;
  const indices = names
    .map((n) => SHARD_NAME.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((i) => i <= max)
    .sort((a, b) => a - b);
  if (indices.length === 0) {
    throw new Error(`No shards named val-N.tfrecords${Number.isFinite(max) ? ` (N ≤ ${max})` : ""} in ${dir}`);
  }
  const missing = indices.flatMap((v, i) => (v === i ? [] : [i])).slice(0, 1);
  if (missing.length) throw new Error(`Shard ${shardName(missing[0])} is missing in ${dir} (shards must be val-0 … val-N)`);
  return indices.map((i) => path.join(dir, shardName(i)));
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function countRecords(file: string): Promise<number> {
  let n = 0;
  for await (const _ of readTFRecords(file)) n++;
  return n;
}

export type DatasetFingerprint = {
  /** sha256 of the lines "name<TAB>bytes<TAB>sha256\n" of every shard in order. */
  sha256: string;
  shards: { name: string; bytes: number; sha256: string; records: number }[];
  nImages: number;
};

/** Hashes every shard and counts its records (with CRC checks). */
export async function fingerprintDataset(dir: string, opts: { maxShardIndex?: number } = {}): Promise<DatasetFingerprint> {
  const shards: DatasetFingerprint["shards"] = [];
  for (const file of await listShards(dir, opts)) {
    const [digest, records, info] = await Promise.all([sha256File(file), countRecords(file), stat(file)]);
    shards.push({ name: path.basename(file), bytes: info.size, sha256: digest, records });
  }
  const summary = shards.map((s) => `${s.name}\t${s.bytes}\t${s.sha256}\n`).join("");
  return {
    sha256: createHash("sha256").update(summary).digest("hex"),
    shards,
    nImages: shards.reduce((a, s) => a + s.records, 0),
  };
}
