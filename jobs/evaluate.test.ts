import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticDataset } from "@/lib/datasets/synthetic/write-dataset";
import type { EvaluationResult } from "@/lib/evaluation/result";
import { EvaluationReportSchema } from "@/lib/queue/protocol";
import { onnxCaseFiles, onnxFixtures } from "@/lib/submissions/testing/onnx-fixtures";
import { buildZip } from "@/lib/uploads/fixtures/zip-writer";
import { tinyLayersModel, writeModelDir } from "@/lib/uploads/fixtures/tiny-models";

const TSX = createRequire(import.meta.url).resolve("tsx");
const CLI = path.resolve(__dirname, "evaluate.ts");

function evaluate(args: string[], nodeArgs: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, "--import", TSX, CLI, ...args],
      { cwd: path.resolve(__dirname, ".."), maxBuffer: 64 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout, stderr }),
    );
  });
}
/** The CLI's record is what a worker posts: the site's protocol schema accepts it, provenance field for field. */
function expectAccepted(record: EvaluationResult) {
  const parsed = EvaluationReportSchema.safeParse(record);
  expect(parsed.error?.issues).toBeUndefined();
  expect(parsed.data?.provenance).toEqual(record.provenance);
}
const lastLine = (s: string) => s.trim().split("\n").pop() ?? "";

let root: string;
let data: string;
let model: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "evaluate-cli-"));
  data = path.join(root, "data");
  await writeSyntheticDataset({ out: data, n: 8, seed: 1, shardSize: 3 });
  model = await writeModelDir(path.join(root, "model"), tinyLayersModel({ classes: 10 }));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("npm run evaluate", () => {
  it("writes the JSON record to stdout (logs on stderr), and 2 workers give identical per-image results", async () => {
    const one = await evaluate(["--model", model, "--data", data, "--benchmark", "synthetic", "--backend", "wasm"]);
    expect(one.stderr).toMatch(/evaluate 8\/8/);
    expect(one.code).toBe(0);
    const a = JSON.parse(one.stdout) as EvaluationResult;
    expect(a).toMatchObject({ n_images: 8, n_undefined: 0, benchmark: { id: "synthetic", version: 1 }, backend: { name: "wasm" } });
    for (const key of ["alignment_score", "spearman_mean", "top1_accuracy", "dice_mean", "iou_mean"] as const) {
      expect(Number.isFinite(a[key]), key).toBe(true);
    }
    expect(a.ci95.alignment_score![0]).toBeLessThanOrEqual(a.alignment_score!);
    expect(a.per_image.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(a.per_image.map((r) => r.shard)).toEqual(
      ["val-0", "val-0", "val-0", "val-1", "val-1", "val-1", "val-2", "val-2"].map((s) => `${s}.tfrecords`),
    );
    expect(a.provenance).toMatchObject({ explainer: "max_c |d logit[label] / d x'|", dataset: { n_images: 8 }, model_format: "layers" });
    expectAccepted(a);

    const out = path.join(root, "two.json");
    const two = await evaluate([
      "--model",
      model,
      "--data",
      data,
      "--benchmark",
      "synthetic",
      "--backend",
      "wasm",
      "--workers",
      "2",
      "--output",
      out,
    ]);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe("");
    const b = JSON.parse(await readFile(out, "utf8")) as EvaluationResult;
    expect(b.per_image).toEqual(a.per_image);
    expect(b.alignment_score).toBe(a.alignment_score);
    expect(b.provenance.run.workers).toBe(2);
  }, 180_000);

  it("--cpu-threads 2 decodes and scores on worker threads of the CLI process, with the same record and a bad value refused", async () => {
    const base = ["--model", model, "--data", data, "--benchmark", "synthetic", "--backend", "wasm"];
    const [main, threaded] = await Promise.all(["0", "2"].map((n) => evaluate([...base, "--cpu-threads", n])));
    expect([main.code, threaded.code]).toEqual([0, 0]);
    const [a, b] = [main, threaded].map((r) => JSON.parse(r.stdout) as EvaluationResult);
    expect([a.provenance.run.cpu_threads, b.provenance.run.cpu_threads]).toEqual([0, 2]);
    expect(b.per_image).toStrictEqual(a.per_image);
    expect(b.alignment_score).toBe(a.alignment_score);
    expectAccepted(b);
    const bad = await evaluate([...base, "--cpu-threads", "many"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--cpu-threads must be auto or an integer from 0 to 256, got 'many'/);
  }, 180_000);

  it("evaluates an ONNX file and a zip of it with its external data, cross-checked against onnxruntime", async () => {
    const dir = path.join(onnxFixtures(), "external");
    const zip = path.join(root, "onnx.zip");
    await writeFile(zip, buildZip(onnxCaseFiles("external")));
    const runs = [];
    // The zip in 2 processes: the parent loads the model once more for the check.
    for (const [m, workers] of [
      [path.join(dir, "model.onnx"), "1"],
      [zip, "2"],
    ]) {
      const r = await evaluate([
        "--model",
        m,
        "--data",
        data,
        "--benchmark",
        "synthetic",
        "--backend",
        "wasm",
        "--limit",
        "3",
        "--cross-check",
        "2",
        "--workers",
        workers,
      ]);
      expect(r.code, r.stderr).toBe(0);
      runs.push(JSON.parse(r.stdout) as EvaluationResult);
    }
    expect(runs[0].provenance).toMatchObject({
      model_format: "onnx",
      cross_check: { status: "passed", images: 2, first_diverging_node: null },
    });
    expect(runs[1].provenance).toMatchObject({ run: { workers: 2 }, cross_check: { status: "passed", images: 2 } });
    expect(runs[1].per_image).toEqual(runs[0].per_image);
    expect(runs[1].provenance.weights_hash).toBe(runs[0].provenance.weights_hash);
    for (const r of runs) expectAccepted(r);
    // Without onnxruntime-node (an optional dependency) the model is still evaluated and the record says why it was not checked.
    const unchecked = await evaluate(
      [
        "--model",
        path.join(dir, "model.onnx"),
        "--data",
        data,
        "--benchmark",
        "synthetic",
        "--backend",
        "wasm",
        "--limit",
        "3",
        "--cross-check",
        "2",
      ],
      ["--require", path.resolve(__dirname, "testing", "without-onnxruntime.cjs")],
    );
    expect(unchecked.code, unchecked.stderr).toBe(0);
    expect(unchecked.stderr).toMatch(/cross-check skipped: onnxruntime-node is not installed/);
    const skipped = JSON.parse(unchecked.stdout) as EvaluationResult;
    expect(skipped.provenance.cross_check).toEqual({
      status: "skipped",
      engine: null,
      images: 2,
      reason: expect.stringMatching(/^onnxruntime-node is not installed, so ONNX models cannot be cross-checked/),
    });
    expect(skipped.per_image).toEqual(runs[0].per_image);
    expectAccepted(skipped);
    const bad = await evaluate([
      "--model",
      path.join(onnxFixtures(), "truncated", "model.onnx"),
      "--data",
      data,
      "--benchmark",
      "synthetic",
    ]);
    expect(bad.code).toBe(3);
    expect(lastLine(bad.stderr)).toMatch(/^Invalid model: the file is not an ONNX ModelProto/);
  }, 180_000);

  it.each([
    [
      "a missing model",
      3,
      () => ["--model", path.join(root, "none"), "--data", data, "--benchmark", "synthetic"],
      /^Invalid model: Cannot load model/,
    ],
    [
      "a missing data directory",
      4,
      () => ["--model", model, "--data", path.join(root, "none"), "--benchmark", "synthetic"],
      /^Invalid data: Cannot read dataset directory/,
    ],
    ["a model with the wrong class count", 3, () => ["--model", model, "--data", data], /^Invalid model: .*needs 1000/],
    ["a bad flag", 2, () => ["--model", model, "--data", data, "--workers", "0"], /^--workers must be an integer/],
  ])("%s: exit %i and a one-line reason, no stack trace", async (_name, code, args, reason) => {
    const r = await evaluate(args());
    expect(r.code).toBe(code);
    expect(lastLine(r.stderr)).toMatch(reason);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe("");
  });
});
