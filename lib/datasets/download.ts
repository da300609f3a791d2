/**
 * Downloads the ClickMe validation split (val-0 … val-16) from the Serre lab's public bucket. Each shard is
 * fetched into a `.part` file (resumable), read back with CRC checks to count its records, and only then
 * renamed into place; a corrupt shard is deleted and reported. Finishes with DIR/manifest.json.
 */
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { CLICKME_MAX_SHARD_INDEX, countRecords, fingerprintDataset, shardName, type DatasetFingerprint } from "./clickme-shards";
import { fetchToPart, type ShardProgress } from "./download-shard";
import { TFRecordCorruptError } from "./tfrecord";

export const CLICKME_BASE_URL = "https://storage.googleapis.com/serrelab/prj_harmonization/dataset/click-me/val/";

export type DownloadOptions = {
  outDir: string;
  baseUrl?: string;
  /** Shard indices to fetch; 0..16 by default (the reference skips val-17). */
  shards?: number[];
  retries?: number;
  retryDelayMs?: number;
  idleTimeoutMs?: number;
  onShardStart?: (name: string) => ShardProgress | undefined;
  onShardDone?: (shard: ShardResult) => void;
};

export type ShardResult = { name: string; bytes: number; records: number; alreadyPresent: boolean };
export type DownloadSummary = { source: string; shards: ShardResult[]; nImages: number; bytes: number; fingerprint: DatasetFingerprint };

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

function shardUrl(baseUrl: string, name: string): string {
  return new URL(name, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).href;
}

async function verifyExisting(file: string): Promise<number> {
  try {
    return await countRecords(file);
  } catch (err) {
    if (!(err instanceof TFRecordCorruptError)) throw err;
    throw new Error(`${file} is already there but corrupt (${err.message}); delete it and run again`);
  }
}

type Resolved = DownloadOptions & { baseUrl: string; retries: number; retryDelayMs: number; idleTimeoutMs: number };

async function downloadShard(name: string, o: Resolved): Promise<ShardResult> {
  const final = path.join(o.outDir, name);
  if (await exists(final)) {
    const records = await verifyExisting(final);
    return { name, bytes: (await stat(final)).size, records, alreadyPresent: true };
  }
  const part = `${final}.part`;
  const url = shardUrl(o.baseUrl, name);
  await fetchToPart(url, part, {
    retries: o.retries,
    retryDelayMs: o.retryDelayMs,
    idleTimeoutMs: o.idleTimeoutMs,
    onProgress: o.onShardStart?.(name),
  });
  let records: number;
  try {
    records = await countRecords(part);
  } catch (err) {
    if (!(err instanceof TFRecordCorruptError)) throw err;
    await rm(part, { force: true });
    throw new Error(`${url} is not a valid TFRecord file (${err.message}); the download was deleted`);
  }
  const bytes = (await stat(part)).size;
  await rename(part, final);
  return { name, bytes, records, alreadyPresent: false };
}

export async function downloadClickMe(opts: DownloadOptions): Promise<DownloadSummary> {
  const baseUrl = opts.baseUrl ?? CLICKME_BASE_URL;
  if (!/^https?:\/\//.test(baseUrl)) throw new Error(`base URL must be http(s)://…, got '${baseUrl}'`);
  const indices = opts.shards ?? Array.from({ length: CLICKME_MAX_SHARD_INDEX + 1 }, (_, i) => i);
  const o: Resolved = { retries: 5, retryDelayMs: 2000, idleTimeoutMs: 60_000, ...opts, baseUrl };
  await mkdir(o.outDir, { recursive: true });
  const shards: ShardResult[] = [];
  for (const i of indices) {
    const result = await downloadShard(shardName(i), o);
    shards.push(result);
    opts.onShardDone?.(result);
  }
  const fingerprint = await fingerprintDataset(o.outDir, { maxShardIndex: Math.max(...indices) });
  const summary: DownloadSummary = {
    source: baseUrl,
    shards,
    nImages: shards.reduce((a, s) => a + s.records, 0),
    bytes: shards.reduce((a, s) => a + s.bytes, 0),
    fingerprint,
  };
  const manifest = { source: baseUrl, nImages: fingerprint.nImages, sha256: fingerprint.sha256, shards: fingerprint.shards };
  await writeFile(path.join(o.outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return summary;
}
