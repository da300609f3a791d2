import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeClickMeRecord, encodeClickMeRecord } from "@/lib/datasets/clickme-record";
import { readClickMeRecords } from "@/lib/datasets/clickme";
import { writeSyntheticDataset, encodeScene, generateScene } from "@/lib/datasets/synthetic/write-dataset";
import { TFRecordWriter } from "@/lib/datasets/tfrecord";
import { AppError } from "@/lib/errors";
import { tinyLayersModel, writeModelDir } from "@/lib/uploads/fixtures/tiny-models";
import { parseEvaluateArgs } from "./cli-args";
import { runEvaluateCommand } from "./command";
import { CpuPool, prepareAhead } from "./cpu-pool";
import { autoCpuThreads, type Engine } from "./engine";
import { runPrepared } from "./run-samples";

let root: string;
let dataDir: string;
let modelDir: string;
const quiet = { progress: () => ({ update() {}, tick() {}, finish() {} }) };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "cpu-pool-"));
  dataDir = path.join(root, "data");
  await writeSyntheticDataset({ out: dataDir, n: 11, seed: 4, shardSize: 4 });
  modelDir = await writeModelDir(path.join(root, "model"), tinyLayersModel({ classes: 10 }));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const evaluate = (...extra: string[]) =>
  runEvaluateCommand(
    parseEvaluateArgs(["--model", modelDir, "--data", dataDir, "--benchmark", "synthetic", "--backend", "cpu", ...extra]),
    quiet,
  );

describe("CPU-stage threads (decoding, resizes, blur, scoring beside the engine)", () => {
  it("give the same record as the main thread, for any thread count, batch size and process count", async () => {
    const inline = await evaluate("--cpu-threads", "0", "--batch-size", "3");
    expect(inline.provenance.run.cpu_threads).toBe(0);
    for (const extra of [
      ["--cpu-threads", "1", "--batch-size", "3"],
      ["--cpu-threads", "3", "--batch-size", "2"],
      ["--cpu-threads", "2", "--workers", "2", "--batch-size", "3"],
    ]) {
      const threaded = await evaluate(...extra);
      expect(threaded.provenance.run.cpu_threads).toBe(Number(extra[1]));
      expect(threaded.per_image).toStrictEqual(inline.per_image);
      expect([threaded.alignment_score, threaded.top1_accuracy, threaded.dice_mean, threaded.ci95]).toStrictEqual([
        inline.alignment_score,
        inline.top1_accuracy,
        inline.dice_mean,
        inline.ci95,
      ]);
    }
    expect(inline.per_image.map((r) => r.index)).toEqual([...Array(11).keys()]);
  });

  it("report a record that cannot be decoded as the main thread does: invalid data naming the shard file and record", async () => {
    const bad = path.join(root, "bad");
    await mkdir(bad);
    const writer = await TFRecordWriter.open(path.join(bad, "val-0.tfrecords"));
    for (let i = 0; i < 5; i++) {
      const good = encodeScene(generateScene(7, i));
      const { heatmap } = decodeClickMeRecord(good, 10);
      const truncated = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 1, 2, 3]);
      await writer.write(i === 3 ? encodeClickMeRecord({ image: truncated, heatmap, label: 1 }) : good);
    }
    await writer.close();
    const errorOf = (threads: string) =>
      runEvaluateCommand(
        parseEvaluateArgs(["--model", modelDir, "--data", bad, "--benchmark", "synthetic", "--backend", "cpu", "--cpu-threads", threads]),
        quiet,
      ).then(
        () => null,
        (e: AppError) => ({ code: e.code, message: e.message, details: e.details }),
      );
    const inline = await errorOf("0");
    expect(inline).toMatchObject({ code: "invalid_data", details: { shard: "val-0.tfrecords", recordInShard: 3 } });
    expect(inline!.message).toMatch(/val-0\.tfrecords, record 3: image JPEG cannot be decoded/);
    expect(await errorOf("2")).toStrictEqual(inline);
  });

  it("fail a non-finite saliency map as an invalid model; a closed pool refuses further work", async () => {
    const pool = await CpuPool.open(2, { numClasses: 10, preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] } });
    const nanModel = {
      inputSize: 224,
      numClasses: 10,
      computeSaliency: async (_images: Float32Array, _labels: Int32Array, n: number) => ({
        saliency: new Float32Array(n * 224 * 224).fill(Number.NaN),
        logits: new Float32Array(n * 10),
      }),
    };
    try {
      const run = runPrepared(nanModel, prepareAhead(readClickMeRecords(dataDir, { numClasses: 10 }), pool, 4), { batchSize: 2, pool });
      await expect(run).rejects.toMatchObject({
        code: "invalid_model",
        message: expect.stringMatching(/non-finite saliency value for image 0/),
      });
    } finally {
      await pool.close();
    }
    await expect(pool.prepare({ index: 0, shard: "x", recordInShard: 0, file: "x", bytes: new Uint8Array(4) })).rejects.toThrow(/closed/);
  });

  it("auto takes the cores the engines leave idle: none beside CPU engines that fill the machine, most of it beside a GPU", () => {
    const cores = os.cpus().length;
    const cpuEngine = { tfjs: { name: "wasm", version: "x" }, native: { provider: "cpu", threads: cores } } as Engine;
    const gpuEngine = { tfjs: { name: "wasm", version: "x" }, native: { provider: "cuda", threads: cores } } as Engine;
    expect(autoCpuThreads(cpuEngine, cores, 1)).toBe(0);
    expect(autoCpuThreads(cpuEngine, 1, 2)).toBe(Math.min(8, Math.max(0, Math.floor((cores - 2) / 2))));
    expect(autoCpuThreads(gpuEngine, cores, 1)).toBe(Math.min(8, cores - 1));
    expect(autoCpuThreads(gpuEngine, cores, 2)).toBe(Math.min(8, Math.max(0, Math.floor((cores - 2) / 2))));
  });

  it("--cpu-threads takes auto or a count from 0, and says so otherwise", () => {
    const args = (v: string) => parseEvaluateArgs(["--model", "m", "--data", "d", `--cpu-threads=${v}`]).cpuThreads;
    expect(parseEvaluateArgs(["--model", "m", "--data", "d"]).cpuThreads).toBe("auto");
    expect(args("0")).toBe(0);
    expect(args("6")).toBe(6);
    for (const bad of ["-1", "two", "1.5", "257"])
      expect(() => args(bad)).toThrow(/--cpu-threads must be auto or an integer from 0 to 256/);
  });
});
