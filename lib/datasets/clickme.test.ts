import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encode as encodeJpeg } from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintDataset, listShards, readClickMe } from "./clickme";
import type { Sample } from "./sample";
import { encodeClickMeRecord } from "./clickme-record";
import { encodeExample } from "./example-proto";
import { encodeGreyJpeg } from "./synthetic/grey-jpeg";
import { TFRecordCorruptError, TFRecordWriter } from "./tfrecord";
import expected from "./fixtures/clickme-mini/expected.json";

const MINI = fileURLToPath(new URL("./fixtures/clickme-mini", import.meta.url));
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "clickme-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function collect(d: string, opts?: Parameters<typeof readClickMe>[1]): Promise<Sample[]> {
  const out: Sample[] = [];
  for await (const s of readClickMe(d, opts)) out.push(s);
  return out;
}

function jpegRgb(size: number, value: number): Uint8Array {
  const data = new Uint8Array(size * size * 4).fill(value);
  return new Uint8Array(encodeJpeg({ data, width: size, height: size }, 90).data);
}

async function writeShard(d: string, name: string, records: Uint8Array[]): Promise<void> {
  await mkdir(d, { recursive: true });
  const w = await TFRecordWriter.open(path.join(d, name));
  for (const r of records) await w.write(r);
  await w.close();
}

let goodJpegs: { image: Uint8Array; heatmap: Uint8Array } | undefined;
function goodRecord(label: number): Uint8Array {
  goodJpegs ??= { image: jpegRgb(256, 90), heatmap: encodeGreyJpeg(new Uint8Array(65536).fill(40), 256, 256) };
  return encodeClickMeRecord({ ...goodJpegs, label });
}

describe("listShards", () => {
  it("orders by numeric index, ignores other files, and stops at maxShardIndex", async () => {
    const d = path.join(dir, "list");
    await mkdir(d, { recursive: true });
    for (let i = 0; i <= 17; i++) await writeFile(path.join(d, `val-${i}.tfrecords`), "");
    for (const other of ["val-3.tfrecords.part", "train-0.tfrecords", "manifest.json", "val-01.tfrecords"]) {
      await writeFile(path.join(d, other), "");
    }
    const all = (await listShards(d)).map((p) => path.basename(p));
    expect(all.slice(0, 4)).toEqual(["val-0.tfrecords", "val-1.tfrecords", "val-2.tfrecords", "val-3.tfrecords"]);
    expect(all.indexOf("val-2.tfrecords")).toBeLessThan(all.indexOf("val-10.tfrecords"));
    expect(all).toHaveLength(18);
    const real = await listShards(d, { maxShardIndex: 16 });
    expect(real.map((p) => path.basename(p)).at(-1)).toBe("val-16.tfrecords");
  });

  it("fails on an empty directory, a missing directory and a gap, naming them", async () => {
    const empty = path.join(dir, "empty");
    await mkdir(empty, { recursive: true });
    await expect(listShards(empty)).rejects.toThrow(new RegExp(`No shards .* in ${empty}`));
    await expect(listShards(path.join(dir, "nope"))).rejects.toThrow(/Cannot read dataset directory .*nope/);
    const gap = path.join(dir, "gap");
    await mkdir(gap, { recursive: true });
    for (const i of [0, 1, 3]) await writeFile(path.join(gap, `val-${i}.tfrecords`), "");
    await expect(listShards(gap)).rejects.toThrow(/val-2\.tfrecords is missing/);
  });
});

describe("readClickMe", () => {
  it("decodes libjpeg-encoded records to exactly the pixels djpeg -dct fast gives", async () => {
    const samples = await collect(MINI);
    expect(samples.map((s) => s.label)).toEqual(expected.map((e) => e.label));
    samples.forEach((s, i) => {
      expect(s.image.length).toBe(256 * 256 * 3);
      expect(s.heatmap.length).toBe(256 * 256);
      expect(sha(s.image)).toBe(expected[i].imageSha256);
      expect(sha(s.heatmap)).toBe(expected[i].heatmapSha256);
      expect([s.index, s.shard, s.recordInShard]).toEqual([i, "val-0.tfrecords", i]);
    });
  });

  it("reads shards in numeric order with global indices, skip and limit", async () => {
    const d = path.join(dir, "order");
    for (const i of [0, 1, 2, 10, 3, 4, 5, 6, 7, 8, 9]) await writeShard(d, `val-${i}.tfrecords`, [goodRecord(i), goodRecord(100 + i)]);
    const all = await collect(d);
    expect(all.map((s) => s.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((i) => [i, 100 + i]));
    expect(all.map((s) => s.index)).toEqual(all.map((_, i) => i));
    const part = await collect(d, { skip: 5, limit: 3 });
    expect(part.map((s) => [s.index, s.shard, s.recordInShard, s.label])).toEqual([
      [5, "val-2.tfrecords", 1, 102],
      [6, "val-3.tfrecords", 0, 3],
      [7, "val-3.tfrecords", 1, 103],
    ]);
    expect((await collect(d, { maxShardIndex: 1 })).map((s) => s.label)).toEqual([0, 100, 1, 101]);
  });

  async function expectBadRecord(name: string, bad: Uint8Array, message: RegExp, opts?: { numClasses?: number }) {
    const d = path.join(dir, name);
    await writeShard(d, "val-0.tfrecords", [goodRecord(1)]);
    await writeShard(d, "val-1.tfrecords", [goodRecord(2), goodRecord(3), bad]);
    const seen: number[] = [];
    const err = await (async () => {
      for await (const s of readClickMe(d, opts)) seen.push(s.label);
    })().catch((e) => e);
    expect(seen).toEqual([1, 2, 3]);
    expect(err.message).toMatch(/val-1\.tfrecords, record 2: /);
    expect(err.message).toMatch(message);
  }

  it("names shard and record for a missing feature, wrong kind or out-of-range label", async () => {
    const img = jpegRgb(256, 10);
    const map = encodeGreyJpeg(new Uint8Array(65536), 256, 256);
    await expectBadRecord(
      "no-heatmap",
      encodeExample({ image: { kind: "bytes", value: [img] }, label: { kind: "int64", value: [1n] } }),
      /feature 'heatmap' is missing/,
    );
    await expectBadRecord(
      "float-label",
      encodeExample({
        image: { kind: "bytes", value: [img] },
        heatmap: { kind: "bytes", value: [map] },
        label: { kind: "float", value: [1] },
      }),
      /'label' is a float list, expected int64/,
    );
    await expectBadRecord("label-1000", encodeClickMeRecord({ image: img, heatmap: map, label: 1000 }), /label 1000 is outside 0\.\.999/);
    await expectBadRecord("label-10", encodeClickMeRecord({ image: img, heatmap: map, label: 10 }), /label 10 is outside 0\.\.9/, {
      numClasses: 10,
    });
  });

  it("rejects images and maps of the wrong size and undecodable JPEGs", async () => {
    const map = encodeGreyJpeg(new Uint8Array(65536), 256, 256);
    await expectBadRecord(
      "small-image",
      encodeClickMeRecord({ image: jpegRgb(128, 10), heatmap: map, label: 1 }),
      /image decodes to 128x128x3, expected 256x256x3/,
    );
    await expectBadRecord(
      "small-map",
      encodeClickMeRecord({ image: jpegRgb(256, 10), heatmap: encodeGreyJpeg(new Uint8Array(64 * 64), 64, 64), label: 1 }),
      /heatmap decodes to 64x64x1, expected 256x256x1/,
    );
    await expectBadRecord(
      "garbage",
      encodeClickMeRecord({ image: Uint8Array.from([1, 2, 3]), heatmap: map, label: 1 }),
      /image JPEG cannot be decoded: /,
    );
  });

  it("propagates a CRC failure as TFRecordCorruptError naming the record", async () => {
    const d = path.join(dir, "crc");
    await writeShard(d, "val-0.tfrecords", [goodRecord(1), goodRecord(2)]);
    const file = path.join(d, "val-0.tfrecords");
    const bytes = await readFile(file);
    bytes[bytes.length - 100] ^= 0xff;
    await writeFile(file, bytes);
    const err = await collect(d).catch((e) => e);
    expect(err).toBeInstanceOf(TFRecordCorruptError);
    expect(err.message).toMatch(/val-0\.tfrecords, record 1 .*data crc/);
  });

  it("validates options", async () => {
    await expect(collect(MINI, { limit: -1 })).rejects.toThrow(/limit must be an integer ≥ 0/);
    await expect(collect(MINI, { skip: 1.5 })).rejects.toThrow(/skip/);
  });
});

describe("fingerprintDataset", () => {
  it("hashes shards in order, counts records, and changes when a byte changes", async () => {
    const d = path.join(dir, "fp");
    await mkdir(d, { recursive: true });
    await copyFile(path.join(MINI, "val-0.tfrecords"), path.join(d, "val-0.tfrecords"));
    await writeShard(d, "val-1.tfrecords", [goodRecord(5)]);
    const fp = await fingerprintDataset(d);
    expect(fp.nImages).toBe(3);
    expect(fp.shards.map((s) => [s.name, s.records])).toEqual([
      ["val-0.tfrecords", 2],
      ["val-1.tfrecords", 1],
    ]);
    const mini = await readFile(path.join(MINI, "val-0.tfrecords"));
    expect(fp.shards[0]).toMatchObject({ bytes: mini.length, sha256: sha(mini) });
    const lines = fp.shards.map((s) => `${s.name}\t${s.bytes}\t${s.sha256}\n`).join("");
    expect(fp.sha256).toBe(sha(Buffer.from(lines)));
    await writeShard(d, "val-1.tfrecords", [goodRecord(6)]);
    expect((await fingerprintDataset(d)).sha256).not.toBe(fp.sha256);
  });
});
