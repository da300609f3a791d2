import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBenchmark } from "@/lib/benchmarks";
import { fingerprintSplit, scanDataRoot } from "./data-advert";
import { writeSyntheticDataset } from "./synthetic/write-dataset";

// Real splits written by the generator in a temporary data root, as a worker's --data-root holds them.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "data-advert-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  await writeSyntheticDataset({ out: path.join(root, "synthetic"), n: 6, seed: 2, shardSize: 4 });
}, 60_000);

describe("scanDataRoot", () => {
  it("offers a complete split as {id, version of this code, fingerprint}, the same on every scan", async () => {
    fs.mkdirSync(path.join(root, "not-a-benchmark"));
    const first = await scanDataRoot(root);
    expect(first.skipped).toEqual([]);
    expect(first.adverts).toEqual([
      { id: "synthetic", version: getBenchmark("synthetic").version, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect((await scanDataRoot(root)).adverts).toEqual(first.adverts);
  });

  it("skips a split without manifest.json (a download under way) and one whose shard lost bytes, saying why", async () => {
    const clickme = path.join(root, "clickme");
    fs.mkdirSync(clickme);
    fs.copyFileSync(path.join(root, "synthetic", "val-0.tfrecords"), path.join(clickme, "val-0.tfrecords"));
    expect((await scanDataRoot(root)).skipped).toEqual([
      { id: "clickme", reason: "no manifest.json (a download or generation not finished?)" },
    ]);

    const shard = path.join(root, "synthetic", "val-1.tfrecords");
    const before = await fingerprintSplit(path.join(root, "synthetic"), getBenchmark("synthetic"));
    const bytes = fs.readFileSync(shard);
    fs.writeFileSync(shard, bytes.subarray(0, bytes.length - 10));
    const scan = await scanDataRoot(root);
    expect(scan.adverts).toEqual([]);
    expect(scan.skipped).toContainEqual({
      id: "synthetic",
      reason: `val-1.tfrecords has ${bytes.length - 10} bytes; manifest.json says ${bytes.length}`,
    });
    fs.rmSync(shard);
    expect((await scanDataRoot(root)).skipped).toContainEqual({
      id: "synthetic",
      reason: "val-1.tfrecords is listed in manifest.json but missing",
    });
    fs.writeFileSync(shard, bytes);
    expect(await fingerprintSplit(path.join(root, "synthetic"), getBenchmark("synthetic"))).toBe(before);
  });

  it("gives another split another fingerprint", async () => {
    await writeSyntheticDataset({ out: path.join(root, "other", "synthetic"), n: 7, seed: 2, shardSize: 4 });
    const a = await fingerprintSplit(path.join(root, "synthetic"), getBenchmark("synthetic"));
    const b = await fingerprintSplit(path.join(root, "other", "synthetic"), getBenchmark("synthetic"));
    expect(a).not.toBe(b);
  }, 60_000);
});
