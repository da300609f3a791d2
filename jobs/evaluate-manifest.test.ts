// End to end: a "where" dataset imported by data:import-maps and declared by its manifest is evaluated by the real
// `npm run evaluate` with a committed demo model, and gives the numbers of the built-in path on the same data.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main as importMain } from "@/jobs/data-import-maps";
import { decodeClickMeRecord } from "@/lib/datasets/clickme-record";
import { listShards } from "@/lib/datasets/clickme-shards";
import { decodeJpeg } from "@/lib/datasets/jpeg";
import { verifyManifestShards } from "@/lib/datasets/manifest-shards";
import { shortcutSceneSource } from "@/lib/datasets/synthetic-shortcut/scene-source";
import { writeSyntheticDataset } from "@/lib/datasets/synthetic/write-dataset";
import { readTFRecords } from "@/lib/datasets/tfrecord";
import type { EvaluationResult } from "@/lib/evaluation/result";
import { encodePng } from "@/lib/images/png";

const TSX = createRequire(import.meta.url).resolve("tsx");
const REPO = path.resolve(__dirname, "..");
const MODEL = path.join(REPO, "models/demo/baseline");
let root: string;
let manifests: string;
let original: string;
let imported: string;

function evaluate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX, path.join(REPO, "jobs/evaluate.ts"), ...args],
      {
        cwd: REPO,
        maxBuffer: 64 << 20,
        env: { ...process.env, BENCHMARK_MANIFESTS_DIR: manifests },
      },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "evaluate-manifest-"));
  original = path.join(root, "shortcut");
  await writeSyntheticDataset({ out: original, n: 6, seed: 5, shardSize: 4, source: shortcutSceneSource("test") });
  // The built-in split as a folder of files: image JPEGs byte for byte, human maps decoded to 8-bit PNG.
  const images = path.join(root, "in/images");
  const maps = path.join(root, "in/maps");
  await mkdir(images, { recursive: true });
  await mkdir(maps, { recursive: true });
  const labels: string[] = ["stem,label"];
  let i = 0;
  for (const shard of await listShards(original)) {
    for await (const buf of readTFRecords(shard)) {
      const r = decodeClickMeRecord(buf, 4);
      const stem = `scene-${String(i++).padStart(3, "0")}`;
      await writeFile(path.join(images, `${stem}.jpg`), r.image);
      await writeFile(path.join(maps, `${stem}.png`), encodePng(decodeJpeg(r.heatmap, { channels: 1 }).data, 256, 256, 1));
      labels.push(`${stem},${r.label}`);
    }
  }
  await writeFile(path.join(root, "in/labels.csv"), labels.join("\n") + "\n");
  imported = path.join(root, "data/where-e2e");
  const log = {
    text: "",
    write(s: string) {
      this.text += s;
    },
  };
  const code = await importMain(
    [
      "--images",
      images,
      "--maps",
      maps,
      "--labels",
      path.join(root, "in/labels.csv"),
      "--out",
      imported,
      "--num-classes",
      "4",
      "--shard-size",
      "4",
      "--ceiling",
      "0.65753",
      "--ceiling-source",
      "ClickMe inter-rater ceiling (serre-lab/Harmonization v0.0.9)",
    ],
    log,
  );
  expect(code, log.text).toBe(0);
  manifests = path.join(root, "manifests");
  await mkdir(manifests);
  await copyFile(path.join(imported, "manifest.json"), path.join(manifests, "where-e2e.json"));
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe("a manifest benchmark through npm run evaluate", () => {
  it("scores the imported shards exactly as the built-in path does, and refuses shards that are not its own", async () => {
    const common = ["--model", MODEL, "--backend", "wasm"];
    const viaManifest = await evaluate([...common, "--data", imported, "--benchmark", "where-e2e"]);
    expect(viaManifest.code, viaManifest.stderr).toBe(0);
    const builtIn = await evaluate([...common, "--data", imported, "--benchmark", "shortcut"]);
    expect(builtIn.code, builtIn.stderr).toBe(0);
    const a = JSON.parse(viaManifest.stdout) as EvaluationResult;
    const b = JSON.parse(builtIn.stdout) as EvaluationResult;
    expect(a.benchmark).toEqual({ id: "where-e2e", version: 1, ceiling: 0.65753 });
    expect(a.n_images).toBe(6);
    for (const key of ["alignment_score", "spearman_mean", "top1_accuracy", "dice_mean", "iou_mean", "n_undefined", "ci95"] as const) {
      expect(a[key], key).toEqual(b[key]);
    }
    expect(a.per_image).toEqual(b.per_image);
    expect(a.provenance.dataset).toEqual(b.provenance.dataset);

    // Against the original synthetic shards: identical images (top-1), maps re-encoded once (quality 100 JPEG).
    const onOriginal = JSON.parse((await evaluate([...common, "--data", original, "--benchmark", "shortcut"])).stdout) as EvaluationResult;
    expect(a.top1_accuracy).toBe(onOriginal.top1_accuracy);
    expect(Math.abs(a.spearman_mean! - onOriginal.spearman_mean!)).toBeLessThan(0.01);

    // The manifest benchmark on other shards (the original split): refused as invalid data naming the shard.
    const wrong = await evaluate([...common, "--data", original, "--benchmark", "where-e2e"]);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/is not the data of 'where-e2e' v1: .*val-0\.tfrecords has .*the benchmark manifest .*where-e2e\.json/);
  }, 300_000);

  it("the worker's data check accepts the imported shards and refuses a tampered one", async () => {
    const m = JSON.parse(await readFile(path.join(imported, "manifest.json"), "utf8"));
    await expect(verifyManifestShards(imported, { file: "where-e2e.json", shards: m.shards })).resolves.toBeUndefined();
    const tampered = { file: "where-e2e.json", shards: [{ ...m.shards[0], sha256: "0".repeat(64) }, m.shards[1]] };
    await expect(verifyManifestShards(imported, tampered)).rejects.toThrow(
      /val-0\.tfrecords has sha256 [0-9a-f]{64}; the benchmark manifest \(where-e2e\.json\) says 0{64}/,
    );
  });
});
