import { fileURLToPath } from "node:url";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crc32c, maskedCrc32c, readTFRecords, TFRecordCorruptError, TFRecordWriter } from "./tfrecord";
import reference from "./fixtures/reference-values.json";

const ascii = (s: string) => new TextEncoder().encode(s);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tfrecord-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function collect(file: string, chunkBytes?: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const r of readTFRecords(file, { chunkBytes })) out.push(r);
  return out;
}

function randomRecords(n: number, seed: number): Uint8Array[] {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24;
  return Array.from({ length: n }, (_, i) => Uint8Array.from({ length: (i * 7919) % 5000 }, next));
}

describe("crc32c", () => {
  it("matches the standard check value and a bit-at-a-time Python implementation", () => {
    expect(crc32c(ascii("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(reference.crc.crc32c_empty);
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
    expect(crc32c(bytes)).toBe(reference.crc.crc32c_bytes_0_to_99);
    expect(maskedCrc32c(bytes)).toBe(reference.crc.masked_bytes_0_to_99);
  });

  it("masks by rotating right 15 bits and adding 0xa282ead8", () => {
    // By hand: 0xE3069283 >>> 15 = 0x0001C60D, (0xE3069283 & 0x7FFF) << 17 = 0x25060000,
    // rotated 0x2507C60D; + 0xA282EAD8 = 0xC78AB0E5 (mod 2^32).
    expect(maskedCrc32c(ascii("123456789"))).toBe(0xc78ab0e5);
    expect(maskedCrc32c(ascii("123456789"))).toBe(reference.crc.masked_123456789);
    expect(maskedCrc32c(new Uint8Array(0))).toBe(0xa282ead8);
  });

  it("gives the same result for every length residue mod 8 as the byte-wise definition", () => {
    const data = Uint8Array.from({ length: 37 }, (_, i) => (i * 31 + 7) & 0xff);
    for (let n = 0; n <= data.length; n++) {
      let c = 0xffffffff;
      for (const b of data.subarray(0, n)) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
      }
      expect(crc32c(data.subarray(0, n))).toBe((c ^ 0xffffffff) >>> 0);
    }
  });
});

describe("TFRecord reader and writer", () => {
  it("reads a file written by an independent Python framer", async () => {
    const records = await collect(fileURLToPath(new URL("./fixtures/reference.tfrecord", import.meta.url)));
    expect(records).toHaveLength(2);
    expect(records[0].length).toBeGreaterThan(10);
  });

  it("round-trips records, including an empty one, across chunk boundaries", async () => {
    const file = path.join(dir, "roundtrip.tfrecords");
    const records = [...randomRecords(40, 1), new Uint8Array(0)];
    const w = await TFRecordWriter.open(file);
    for (const r of records) await w.write(r);
    await w.close();
    const size = (await stat(file)).size;
    expect(size).toBe(records.reduce((a, r) => a + r.length + 16, 0));
    for (const chunk of [7, 100, 4096, 1 << 20]) {
      const back = await collect(file, chunk);
      expect(back.map((r) => Buffer.from(r).toString("hex"))).toEqual(records.map((r) => Buffer.from(r).toString("hex")));
    }
  });

  it("streams a file much larger than one chunk", async () => {
    const file = path.join(dir, "big.tfrecords");
    const w = await TFRecordWriter.open(file);
    const rec = new Uint8Array(300_000).fill(5);
    for (let i = 0; i < 20; i++) await w.write(rec);
    await w.close();
    let n = 0;
    for await (const r of readTFRecords(file, { chunkBytes: 64 * 1024 })) {
      expect(r.length).toBe(300_000);
      n++;
    }
    expect(n).toBe(20);
  });

  async function corruptCopy(name: string, mutate: (b: Buffer) => Buffer): Promise<string> {
    const good = path.join(dir, "good.tfrecords");
    const w = await TFRecordWriter.open(good);
    for (const r of randomRecords(5, 2)) await w.write(r);
    await w.close();
    const file = path.join(dir, name);
    await writeFile(file, mutate(await readFile(good)));
    return file;
  }

  const offsetOf = (records: Uint8Array[], i: number) => records.slice(0, i).reduce((a, r) => a + r.length + 16, 0);

  it("names the record whose data crc fails", async () => {
    const recs = randomRecords(5, 2);
    const file = await corruptCopy("data-crc.tfrecords", (b) => {
      b[offsetOf(recs, 3) + 12 + recs[3].length] ^= 0x01; // first byte of record 3's data crc
      return b;
    });
    const err = await collect(file).catch((e) => e);
    expect(err).toBeInstanceOf(TFRecordCorruptError);
    expect(err.message).toContain("record 3");
    expect(err.message).toContain("data crc");
    expect(err.message).toContain(file);
  });

  it("detects a flipped data byte and a flipped length byte", async () => {
    const recs = randomRecords(5, 2);
    const data = await corruptCopy("data-byte.tfrecords", (b) => {
      b[offsetOf(recs, 2) + 12 + 5] ^= 0x80;
      return b;
    });
    await expect(collect(data)).rejects.toThrow(/record 2 .*data crc/);
    const len = await corruptCopy("len-byte.tfrecords", (b) => {
      b[offsetOf(recs, 4)] ^= 0x01;
      return b;
    });
    await expect(collect(len)).rejects.toThrow(/record 4 .*length crc/);
  });

  it("reports truncation inside a record and inside a header", async () => {
    const recs = randomRecords(5, 2);
    const mid = await corruptCopy("trunc-data.tfrecords", (b) => b.subarray(0, offsetOf(recs, 4) + 20));
    await expect(collect(mid)).rejects.toThrow(/record 4 .*truncated/);
    const head = await corruptCopy("trunc-head.tfrecords", (b) => b.subarray(0, offsetOf(recs, 3) + 5));
    const err = await collect(head).catch((e) => e);
    expect(err).toBeInstanceOf(TFRecordCorruptError);
    expect(err.recordIndex).toBe(3);
    expect(err.message).toMatch(/truncated.*header/);
  });

  it("yields the records before the corrupt one", async () => {
    const recs = randomRecords(5, 2);
    const file = await corruptCopy("partial.tfrecords", (b) => b.subarray(0, b.length - 1));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const r of readTFRecords(file)) seen.push(r.length);
      })(),
    ).rejects.toThrow(TFRecordCorruptError);
    expect(seen).toEqual(recs.slice(0, 4).map((r) => r.length));
  });

  it("raises a clear error for a missing file", async () => {
    await expect(collect(path.join(dir, "nope.tfrecords"))).rejects.toThrow(/ENOENT.*nope\.tfrecords/);
  });
});
