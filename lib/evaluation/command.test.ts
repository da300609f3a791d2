import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readClickMe } from "@/lib/datasets/clickme";
import { prepareHumanMap, prepareImage, type Preprocessing } from "@/lib/datasets/preprocess";
import { writeSyntheticDataset } from "@/lib/datasets/synthetic/write-dataset";
import { spearman } from "@/lib/metrics/spearman";
import { tinyLayersModel, writeModelDir } from "@/lib/uploads/fixtures/tiny-models";
import { parseEvaluateArgs } from "./cli-args";
import { loadModelOrInvalid, modelInfo, runEvaluateCommand } from "./command";
import { evaluateSplit } from "./run";
import { pickExtremes } from "./thumbnails";
import { getBenchmark } from "@/lib/benchmarks";
import { EvaluationReportSchema } from "@/lib/queue/protocol";
import { ProvenanceSchema } from "@/lib/types/provenance";

const HARMONIZED: Preprocessing = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
let root: string;
let dataDir: string;
let modelDir: string;
const quiet = { progress: () => ({ update() {}, tick() {}, finish() {} }) };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "eval-cmd-"));
  dataDir = path.join(root, "data");
  await writeSyntheticDataset({ out: dataDir, n: 5, seed: 1, shardSize: 2 });
  modelDir = await writeModelDir(path.join(root, "model"), tinyLayersModel({ classes: 10 }));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/**
 * The tiny model by hand, in float64: conv 3×3 stride 8 'valid' (2 filters, ReLU) → global average pool over
 * 28×28 → Dense(10). ∂ logit_label / ∂ x'[8i+a, 8j+b, c] = Σ_f W[f,label] / 784 · [pre(i,j,f) > 0] · K[a,b,c,f].
 */
async function handComputed(image: Float32Array, label: number, p: Preprocessing) {
  const bin = new Float32Array((await readFile(path.join(modelDir, "group1-shard1of1.bin"))).buffer.slice(0));
  const K = bin.subarray(0, 54); // [3,3,3,2] row-major: ((a*3+b)*3+c)*2+f
  const kb = bin.subarray(54, 56);
  const W = bin.subarray(56, 76); // [2,10]: f*10+k
  const wb = bin.subarray(76, 86);
  const x = Float32Array.from(image, (v, i) => (v * p.scale - p.mean[i % 3]) / p.std[i % 3]);
  const grad = new Float64Array(224 * 224 * 3);
  const pooled = [0, 0];
  for (let i = 0; i < 28; i++) {
    for (let j = 0; j < 28; j++) {
      for (let f = 0; f < 2; f++) {
        let pre = kb[f];
        for (let a = 0; a < 3; a++)
          for (let b = 0; b < 3; b++)
            for (let c = 0; c < 3; c++) {
              pre += x[((8 * i + a) * 224 + 8 * j + b) * 3 + c] * K[((a * 3 + b) * 3 + c) * 2 + f];
            }
        if (pre <= 0) continue;
        pooled[f] += pre / 784;
        for (let a = 0; a < 3; a++)
          for (let b = 0; b < 3; b++)
            for (let c = 0; c < 3; c++) {
              grad[((8 * i + a) * 224 + 8 * j + b) * 3 + c] += (W[f * 10 + label] / 784) * K[((a * 3 + b) * 3 + c) * 2 + f];
            }
      }
    }
  }
  const logits = Array.from({ length: 10 }, (_, k) => wb[k] + pooled[0] * W[k] + pooled[1] * W[10 + k]);
  const saliency = new Float32Array(224 * 224);
  for (let q = 0; q < saliency.length; q++) {
    saliency[q] = Math.max(Math.abs(grad[3 * q]), Math.abs(grad[3 * q + 1]), Math.abs(grad[3 * q + 2]));
  }
  return { saliency, argmax: logits.indexOf(Math.max(...logits)) };
}

describe("runEvaluateCommand (real tfjs model, generated ClickMe-format split)", () => {
  it("matches an independent hand computation of saliency, ρ and top-1, and frees every tensor", async () => {
    const args = parseEvaluateArgs([
      "--model",
      modelDir,
      "--data",
      dataDir,
      "--benchmark",
      "synthetic",
      "--backend",
      "cpu",
      "--batch-size",
      "2",
      "--scale",
      String(1 / 255),
      "--mean",
      HARMONIZED.mean.join(","),
      "--std",
      HARMONIZED.std.join(","),
    ]);
    await tf.setBackend("cpu");
    const before = tf.memory().numTensors;
    const result = await runEvaluateCommand(args, quiet);
    expect(tf.memory().numTensors).toBe(before);

    expect(result).toMatchObject({ n_images: 5, benchmark: { id: "synthetic", version: 1 }, backend: { name: "cpu" } });
    expect(result.provenance).toMatchObject({ preprocessing: HARMONIZED, dataset: { n_images: 5 }, run: { batch_size: 2, workers: 1 } });
    // What the engine produces is what the site accepts: the protocol's schema, provenance field for field (none stripped).
    const sent = JSON.parse(JSON.stringify(result));
    const accepted = EvaluationReportSchema.safeParse(sent);
    expect(accepted.error?.issues).toBeUndefined();
    expect(accepted.data?.provenance).toEqual(sent.provenance);
    expect(Object.keys(sent.provenance).sort()).toEqual(
      Object.keys(ProvenanceSchema.shape)
        .filter((k) => k !== "cross_check")
        .sort(),
    );
    expect(result.per_image.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    let i = 0;
    for await (const s of readClickMe(dataDir, { numClasses: 10 })) {
      const hand = await handComputed(prepareImage(s.image), s.label, HARMONIZED);
      const row = result.per_image[i++];
      expect(row.label).toBe(s.label);
      expect(row.correct).toBe(hand.argmax === s.label);
      expect(Math.abs(row.spearman! - spearman(hand.saliency, prepareHumanMap(s.heatmap))!)).toBeLessThan(1e-6);
    }
    expect(i).toBe(5);
  });

  it("--limit evaluates the first N images in split order", async () => {
    const args = parseEvaluateArgs([
      "--model",
      modelDir,
      "--data",
      dataDir,
      "--benchmark",
      "synthetic",
      "--backend",
      "cpu",
      "--limit",
      "3",
    ]);
    const result = await runEvaluateCommand(args, quiet);
    expect(result.per_image.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(result.provenance.dataset.n_images).toBe(5);
  });

  it("evaluateSplit (in-process API) gives the same record as the command", async () => {
    const args = parseEvaluateArgs(["--model", modelDir, "--data", dataDir, "--benchmark", "synthetic", "--backend", "cpu"]);
    const viaCommand = await runEvaluateCommand(args, quiet);
    const model = await loadModelOrInvalid(modelDir, 10);
    try {
      const viaApi = await evaluateSplit({
        model: { ...model, ...modelInfo(model) },
        backend: viaCommand.backend,
        dataDir,
        benchmark: getBenchmark("synthetic"),
        preprocessing: args.preprocessing,
        limit: null,
        batchSize: 3,
      });
      expect(viaApi.per_image).toEqual(viaCommand.per_image);
      expect(viaApi.provenance.weights_hash).toBe(viaCommand.provenance.weights_hash);
    } finally {
      model.dispose();
    }
  });

  it.each(["cpu", "wasm"])("re-evaluating on the same backend (%s) gives bit-identical scores", async (backend) => {
    const args = parseEvaluateArgs(["--model", modelDir, "--data", dataDir, "--benchmark", "synthetic", "--backend", backend]);
    const scores = (r: Awaited<ReturnType<typeof runEvaluateCommand>>) => ({
      per_image: r.per_image,
      alignment: r.alignment_score,
      spearman: r.spearman_mean,
      top1: r.top1_accuracy,
      dice: r.dice_mean,
      iou: r.iou_mean,
      ci95: r.ci95,
      dataset: r.provenance.dataset,
      weights: r.provenance.weights_hash,
    });
    const first = await runEvaluateCommand(args, quiet);
    const second = await runEvaluateCommand(args, quiet);
    expect(first.backend.name).toBe(backend);
    expect(scores(second)).toStrictEqual(scores(first));
  });

  it("--thumbnails writes the saliency map, human map and image of the most and least aligned images as PNGs", async () => {
    const dir = path.join(root, "thumbs");
    const args = parseEvaluateArgs([
      "--model",
      modelDir,
      "--data",
      dataDir,
      "--benchmark",
      "synthetic",
      "--backend",
      "cpu",
      "--thumbnails",
      dir,
    ]);
    const result = await runEvaluateCommand(args, quiet);
    const indices = pickExtremes(result.per_image, 3);
    expect(indices.length).toBeGreaterThan(0);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(indices.flatMap((i) => [`human-${i}.png`, `image-${i}.png`, `saliency-${i}.png`]).sort());
    const png = await readFile(path.join(dir, files[0]));
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(112);
  });

  it("picks the most and least aligned images, ignoring undefined ρ", () => {
    const row = (index: number, spearman: number | null) => ({
      index,
      shard: "val-0",
      label: 0,
      spearman,
      correct: true,
      dice: null,
      iou: null,
    });
    const rows = [row(0, 0.1), row(1, null), row(2, 0.9), row(3, -0.5), row(4, 0.3)];
    expect(pickExtremes(rows, 1)).toEqual([2, 3]);
    expect(pickExtremes(rows, 3)).toEqual([0, 2, 3, 4]);
  });

  it("a model with fewer logits than the benchmark's classes is an invalid model", async () => {
    const small = await writeModelDir(path.join(root, "small"), tinyLayersModel({ classes: 4 }));
    const args = parseEvaluateArgs(["--model", small, "--data", dataDir, "--benchmark", "synthetic", "--backend", "cpu"]);
    await expect(runEvaluateCommand(args, quiet)).rejects.toMatchObject({ code: "invalid_model" });
  });
});
