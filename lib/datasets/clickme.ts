/**
 * Reader for ClickMe-format splits: shards in numeric order, records in file order, each record checked
 * (CRCs, the three features, label range, decoded sizes). Decoding follows the reference: the image as RGB,
 * the human map as one channel, with the libjpeg-turbo-exact decoder.
 */
import path from "node:path";
import { AppError } from "@/lib/errors";
import { decodeJpeg } from "@/lib/datasets/jpeg";
import { decodeClickMeRecord } from "./clickme-record";
import { listShards } from "./clickme-shards";
import { readTFRecords } from "./tfrecord";
import type { Sample } from "./sample";

export { CLICKME_MAX_SHARD_INDEX, countRecords, fingerprintDataset, listShards, shardName } from "./clickme-shards";
export type { DatasetFingerprint } from "./clickme-shards";

export const CLICKME_IMAGE_SIZE = 256;
export const IMAGENET_NUM_CLASSES = 1000;

export type ReadClickMeOptions = {
  /** Stop after this many samples. */
  limit?: number;
  /** Only shards val-0 … val-maxShardIndex (16 for the real split). */
  maxShardIndex?: number;
  /** Skip this many records first (they are still CRC-checked, not decoded). */
  skip?: number;
  /** Labels must lie in 0..numClasses-1; 1000 (ImageNet) by default. */
  numClasses?: number;
};

function checkCount(name: string, v: number | undefined, min: number): void {
  if (v !== undefined && (!Number.isInteger(v) || v < min)) {
    throw new AppError("bad_request", `${name} must be an integer ≥ ${min}, got ${v}`);
  }
}

function decodePlane(bytes: Uint8Array, channels: 1 | 3, what: string): Uint8Array {
  let img: ReturnType<typeof decodeJpeg>;
  try {
    img = decodeJpeg(bytes, { channels });
  } catch (err) {
    throw new Error(`${what} JPEG cannot be decoded: ${(err as Error).message}`);
  }
  if (img.width !== CLICKME_IMAGE_SIZE || img.height !== CLICKME_IMAGE_SIZE || img.channels !== channels) {
    throw new Error(`${what} decodes to ${img.width}x${img.height}x${img.channels}, expected 256x256x${channels}`);
  }
  return img.data;
}

/** A record as read from its shard (CRC-checked), not yet decoded: the unit a decoding thread is handed. */
export type RawClickMeRecord = { index: number; shard: string; recordInShard: number; file: string; bytes: Uint8Array };

/**
 * The records of the split in split order, CRC-checked; skipped ones are read and checked but not yielded.
 * decodeClickMeSample turns each into a Sample (readClickMe does both on one thread).
 */
export async function* readClickMeRecords(dir: string, opts: ReadClickMeOptions = {}): AsyncGenerator<RawClickMeRecord> {
  checkCount("limit", opts.limit, 0);
  checkCount("skip", opts.skip, 0);
  checkCount("numClasses", opts.numClasses, 1);
  const skip = opts.skip ?? 0;
  const limit = opts.limit ?? Infinity;
  if (limit === 0) return;
  let index = 0;
  let yielded = 0;
  for (const file of await listShards(dir, { maxShardIndex: opts.maxShardIndex })) {
    const shard = path.basename(file);
    let recordInShard = 0;
    for await (const bytes of readTFRecords(file)) {
      if (index >= skip) {
        yield { index, shard, recordInShard, file, bytes };
        if (++yielded >= limit) return;
      }
      index++;
      recordInShard++;
    }
  }
}

/** Decodes one record (features, label range, both JPEGs, their sizes); any defect is invalid_data naming the record. */
export function decodeClickMeSample(raw: RawClickMeRecord, numClasses: number = IMAGENET_NUM_CLASSES): Sample {
  try {
    const rec = decodeClickMeRecord(raw.bytes, numClasses);
    const image = decodePlane(rec.image, 3, "image");
    const heatmap = decodePlane(rec.heatmap, 1, "heatmap");
    return { index: raw.index, shard: raw.shard, recordInShard: raw.recordInShard, label: rec.label, image, heatmap };
  } catch (err) {
    throw new AppError("invalid_data", `${raw.file}, record ${raw.recordInShard}: ${(err as Error).message}`, {
      shard: raw.shard,
      recordInShard: raw.recordInShard,
    });
  }
}

export async function* readClickMe(dir: string, opts: ReadClickMeOptions = {}): AsyncGenerator<Sample> {
  const numClasses = opts.numClasses ?? IMAGENET_NUM_CLASSES;
  for await (const raw of readClickMeRecords(dir, opts)) yield decodeClickMeSample(raw, numClasses);
}
