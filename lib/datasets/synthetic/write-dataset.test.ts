import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprintDataset, readClickMe } from "@/lib/datasets/clickme";
import { main, parseSyntheticArgs } from "@/jobs/data-synthetic";
import { generateScene, writeSyntheticDataset, type SyntheticManifest } from "./write-dataset";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "synthetic-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("writeSyntheticDataset", () => {
  it("writes ClickMe-format shards and a manifest, deterministically for (n, seed)", async () => {
    const a = path.join(dir, "a");
    const m = await writeSyntheticDataset({ out: a, n: 12, seed: 3, shardSize: 5 });
    expect((await readdir(a)).sort()).toEqual(["manifest.json", "val-0.tfrecords", "val-1.tfrecords", "val-2.tfrecords"]);
    expect(m.shards.map((s) => s.records)).toEqual([5, 5, 2]);
    const onDisk = JSON.parse(await readFile(path.join(a, "manifest.json"), "utf8")) as SyntheticManifest;
    expect(onDisk).toEqual(m);
    expect(onDisk).toMatchObject({ generator: "clickme-synthetic", version: 1, seed: 3, n: 12 });
    expect((await fingerprintDataset(a)).sha256).toBe(m.sha256);

    const samples = [];
    for await (const s of readClickMe(a, { numClasses: 10 })) samples.push(s);
    expect(samples.map((s) => s.label)).toEqual(Array.from({ length: 12 }, (_, i) => generateScene(3, i).label));
    // The decoded map follows the rendered one up to JPEG error.
    const scene = generateScene(3, 7);
    let err = 0;
    for (let p = 0; p < scene.heatmap.length; p++) err = Math.max(err, Math.abs(scene.heatmap[p] - samples[7].heatmap[p]));
    expect(err).toBeLessThan(16);

    const again = await writeSyntheticDataset({ out: path.join(dir, "b"), n: 12, seed: 3, shardSize: 5 });
    expect(again.sha256).toBe(m.sha256);
    const other = await writeSyntheticDataset({ out: path.join(dir, "c"), n: 12, seed: 4, shardSize: 5 });
    expect(other.sha256).not.toBe(m.sha256);
  });

  it("refuses to overwrite without force, replaces with force, and leaves no temp dir on failure", async () => {
    const out = path.join(dir, "existing");
    await mkdir(out);
    await writeFile(path.join(out, "keep.txt"), "x");
    await expect(writeSyntheticDataset({ out, n: 1, seed: 1 })).rejects.toThrow(/already exists; pass --force/);
    await writeSyntheticDataset({ out, n: 1, seed: 1, force: true });
    expect((await readdir(out)).sort()).toEqual(["manifest.json", "val-0.tfrecords"]);
    const bad = path.join(dir, "bad");
    await expect(writeSyntheticDataset({ out: bad, n: 0, seed: 1 })).rejects.toThrow(/n must be an integer in 1\.\./);
    const leftovers = (await readdir(dir)).filter((n) => n.includes(".tmp-") || n.includes(".old-"));
    expect(leftovers).toEqual([]);
  });
});

describe("data:synthetic CLI", () => {
  it("parses and validates arguments", () => {
    expect(parseSyntheticArgs(["--out", "d", "--n", "5", "--seed", "0"])).toEqual({
      out: "d",
      n: 5,
      seed: 0,
      shardSize: 100,
      force: false,
    });
    expect(() => parseSyntheticArgs(["--out", "d", "--n", "5"])).toThrow(/--seed is required/);
    expect(() => parseSyntheticArgs(["--out", "d", "--n=-5", "--seed", "1"])).toThrow(/--n must be an integer/);
    expect(() => parseSyntheticArgs(["--out", "d", "--n", "2.5", "--seed", "1"])).toThrow(/--n must be an integer/);
    expect(() => parseSyntheticArgs(["--n", "5", "--seed", "1"])).toThrow(/--out is required/);
    expect(() => parseSyntheticArgs(["--out", "d", "--n", "5", "--seed", "1", "--bogus"])).toThrow(/bogus/);
  });

  it("runs end to end with progress lines on a non-TTY stream, and exits 2 on bad usage", async () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) };
    const out = path.join(dir, "cli");
    expect(await main(["--out", out, "--n", "3", "--seed", "9"], stream)).toBe(0);
    expect(lines.join("")).toMatch(/synthetic 3\/3 100\.0%/);
    expect(lines.at(-1)).toMatch(/wrote 3 images in 1 shards .*sha256 [0-9a-f]{64}/);
    const errs: string[] = [];
    expect(await main(["--n", "3"], { write: (s: string) => errs.push(s) })).toBe(2);
    expect(errs.join("")).toMatch(/--out is required\nusage: data:synthetic/);
  });
});
