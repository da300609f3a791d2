// bench:eval's stages section (issue #14 item 5): what an evaluation spends per image outside the engine (JPEG
// decoding, resizes, blur, scoring), how fast those stages alone go on the main thread and on CPU-stage threads
// (lib/evaluation/cpu-pool.ts), and the native engine end to end on real JPEG records with each split of the cores.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeSyntheticDataset } from "@/lib/datasets/synthetic/write-dataset";
import { exportTorchvisionOnnx } from "./eval-onnx";
import { medianRun, median, ROOT, runProcesses, throughput, TSX, type ChildResult } from "./eval-processes";

/** Records of the generated split; the zero-cost rows use all but the warm-up ones. */
const SPLIT_IMAGES = 400;
const ZERO_COST_IMAGES = 390;
const ENGINE_IMAGES = 96;

type StageRow = { name: string; wallMs: number; cpuMs: number };

export type StagesBenchOptions = { repeats: number; log(line: string): void };

const describe = (r: ChildResult[]) => ({
  ips: throughput(r),
  cpu: median(r.map((x) => x.cpuSeconds / x.images)) * 1000,
  busy: median(r.map((x) => x.engineSeconds / x.seconds)),
  rss: Math.max(...r.map((x) => x.peakRssMiB)),
});

export async function benchStages(opts: StagesBenchOptions): Promise<void> {
  const { log } = opts;
  const cores = os.cpus().length;
  const tmp = await mkdtemp(path.join(os.tmpdir(), "bench-stages-"));
  try {
    const split = path.join(tmp, "split");
    await writeSyntheticDataset({ out: split, n: SPLIT_IMAGES, seed: 2, shardSize: 100 });
    log("### The per-image cost outside the engine, and CPU-stage threads (issue #14 item 5)\n");
    log(
      `Run ${new Date().toISOString()} on ${os.cpus()[0]?.model.trim()} × ${cores} (nproc), load average ${os.loadavg()[0].toFixed(2)} ` +
        `at the start, on a generated ClickMe-format split of ${SPLIT_IMAGES} real JPEG records (256², quality 90, \`lib/datasets/synthetic\`) ` +
        "read through the evaluate command's own path (`evaluateRange`: TFRecord CRCs, the libjpeg-turbo-exact decoder, the protocol's resizes and blur, scoring).\n",
    );

    const out = spawnSync(process.execPath, ["--import", TSX, path.join(ROOT, "bench/eval-stages-child.ts"), split], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (out.status !== 0) throw new Error(`bench/eval-stages-child.ts failed: ${out.stderr.slice(-2000)}`);
    const stages = JSON.parse(out.stdout.trim().split("\n").pop()!) as { rows: StageRow[]; poolStartMs: number };
    log("| stage, one thread | wall ms/image (median) | CPU ms/image (mean) |");
    log("|---|---|---|");
    for (const r of stages.rows) log(`| ${r.name} | ${r.wallMs.toFixed(2)} | ${r.cpuMs.toFixed(2)} |`);
    const total = stages.rows.reduce((s, r) => s + r.cpuMs, 0);
    log(`| **all of them** | | **${total.toFixed(2)}** |`);
    log("");

    log(
      `With an engine that answers at once (a stand-in returning a fixed saliency map: what remains is the pipeline around it, ` +
        `the ceiling it puts on a GPU engine), batch 2, ${ZERO_COST_IMAGES} images, median of ${opts.repeats} runs; a pool's start ` +
        `(${stages.poolStartMs.toFixed(0)} ms per thread, once per evaluation: loading the thread's modules) is inside the timed run:\n`,
    );
    log("| CPU stages on | images/s | CPU ms/image (all threads) |");
    log("|---|---|---|");
    const counts = [...new Set([0, 1, 2, Math.min(cores, 8)])];
    const zeroCost = new Map<number, number>();
    for (const k of counts) {
      const r = describe(
        await medianRun(opts.repeats, () => runProcesses("cpu", "zero-cost", ZERO_COST_IMAGES, 1, 2, 1, { dir: split, cpuThreads: k })),
      );
      zeroCost.set(k, r.ips);
      log(
        `| ${k === 0 ? "the main thread (--cpu-threads 0)" : `${k} thread${k > 1 ? "s" : ""} (--cpu-threads ${k})`} | ${r.ips.toFixed(1)} | ${r.cpu.toFixed(1)} |`,
      );
    }
    log("");
    const most = Math.max(...counts);
    log(
      `Beside an engine that costs nothing, ${most} CPU-stage thread${most > 1 ? "s" : ""} give${most > 1 ? "" : "s"} ` +
        `${(zeroCost.get(most)! / zeroCost.get(0)!).toFixed(2)}× the main thread's images/s on this machine's ${cores} cores ` +
        "(the main thread still reads the records and fills the batches; handing buffers between threads adds the CPU ms above).\n",
    );

    let model: string | null = null;
    try {
      model = exportTorchvisionOnnx("mobilenet_v2").file;
    } catch (err) {
      log(`- The engine rows are skipped: mobilenet_v2 was not exported (${(err as Error).message}).\n`);
    }
    if (model) {
      log(
        `The native engine end to end (torchvision mobilenet_v2, random weights, ort, batch 2, ${ENGINE_IMAGES} images per process, ` +
          `median of ${opts.repeats} runs). *engine busy*: the share of the wall time with a batch inside the engine.\n`,
      );
      log("| processes × onnxruntime threads | CPU stages on | images/s | CPU ms/image | engine busy | peak RSS per process (MiB) |");
      log("|---|---|---|---|---|---|");
      const configs: [number, number, number][] = [
        [1, cores, 0],
        [1, Math.max(1, cores - 1), 1],
        [1, cores, 1],
        [cores, 1, 0],
      ];
      for (const [processes, threads, cpuThreads] of configs) {
        const r = describe(
          await medianRun(opts.repeats, () => runProcesses("ort", model, ENGINE_IMAGES, processes, 2, threads, { dir: split, cpuThreads })),
        );
        log(
          `| ${processes} × ${threads} | ${cpuThreads === 0 ? "main thread" : `${cpuThreads} thread${cpuThreads > 1 ? "s" : ""}`} | ` +
            `${r.ips.toFixed(2)} | ${r.cpu.toFixed(1)} | ${(r.busy * 100).toFixed(0)} % | ${r.rss.toFixed(0)} |`,
        );
      }
      log("");
      log(
        `On a CPU node the engines' threads already take every core, so moving the stages to threads only moves the same CPU ` +
          `work: \`--cpu-threads auto\` picks 0 there (here: ${cores} cores, onnxruntime on all of them). Beside a GPU engine the ` +
          "cores are idle and auto takes them (at most 8 per process).\n",
      );
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
