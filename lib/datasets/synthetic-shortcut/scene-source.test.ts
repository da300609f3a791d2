import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, parseSyntheticArgs } from "@/jobs/data-synthetic";
import { readClickMe } from "@/lib/datasets/clickme";
import { shortcutSample } from "./samples";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "shortcut-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("data:synthetic --variant shortcut", () => {
  it("writes the shortcut test split as ClickMe-format shards whose records are the rendered scenes", async () => {
    const out = path.join(dir, "test");
    const quiet = { isTTY: false, write: () => true };
    expect(
      await main(["--out", out, "--n", "6", "--seed", "5", "--shard-size", "4", "--variant", "shortcut", "--split", "test"], quiet),
    ).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ generator: "clickme-synthetic-shortcut-test", version: 1, seed: 5, n: 6 });
    expect(manifest.classes.map((c: { name: string }) => c.name)).toEqual(["circle", "square", "triangle", "cross"]);
    expect(manifest.shards.map((s: { records: number }) => s.records)).toEqual([4, 2]);
    const samples = [];
    for await (const s of readClickMe(out, { numClasses: 4 })) samples.push(s);
    expect(samples.map((s) => s.label)).toEqual(Array.from({ length: 6 }, (_, i) => shortcutSample(5, "test", i).label));
    const rendered = shortcutSample(5, "test", 3);
    let mapErr = 0;
    let imageErr = 0;
    for (let p = 0; p < rendered.heatmap.length; p++) mapErr = Math.max(mapErr, Math.abs(rendered.heatmap[p] - samples[3].heatmap[p]));
    for (let p = 0; p < rendered.image.length; p++) imageErr += Math.abs(rendered.image[p] - samples[3].image[p]);
    expect(mapErr).toBeLessThan(40); // JPEG ringing at the mask's hard edge
    expect(imageErr / rendered.image.length).toBeLessThan(8);
  });

  it("keeps the plain variant's arguments and rejects a split without the shortcut variant", () => {
    expect(parseSyntheticArgs(["--out", "d", "--n", "5", "--seed", "0"])).toEqual({
      out: "d",
      n: 5,
      seed: 0,
      shardSize: 100,
      force: false,
    });
    expect(parseSyntheticArgs(["--out", "d", "--n", "5", "--seed", "0", "--variant", "shortcut", "--split", "train"]).shortcutSplit).toBe(
      "train",
    );
    expect(() => parseSyntheticArgs(["--out", "d", "--n", "5", "--seed", "0", "--split", "test"])).toThrow(
      /--split applies only to --variant shortcut/,
    );
    expect(() => parseSyntheticArgs(["--out", "d", "--n", "5", "--seed", "0", "--variant", "shortcut"])).toThrow(
      /needs --split train or test/,
    );
    expect(() => parseSyntheticArgs(["--out", "d", "--n", "5", "--seed", "0", "--variant", "stripes"])).toThrow(
      /--variant must be plain or shortcut/,
    );
  });
});
