// bench:eval's ONNX section: the same architectures as TF.js layers models (bench/eval-models.ts) and as ONNX files
// exported from torchvision by tools/onnx/export_onnx.py, through the same pipeline; load (conversion) time included.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { resolveBatchSize } from "@/lib/evaluation/batch-size";
import { BENCH_MODELS, saveLayersModel, type BenchModelName } from "./eval-models";
import { median, ROOT, runProcesses, throughput, type ChildResult } from "./eval-processes";

/** Debian's interpreter, where python3-torch and python3-torchvision install (the variable the ONNX tests read too). */
export const PYTHON = process.env.TORCH_PYTHON ?? "/usr/bin/python3";
const EXPORT_SCRIPT = path.join(ROOT, "tools/onnx/export_onnx.py");
export const OPSET = 17;
/** The torchvision model of each bench architecture. */
const TORCHVISION: Record<BenchModelName, string> = { "mobilenet-v2": "mobilenet_v2", "resnet-50": "resnet50" };

/**
 * Exports a torchvision model with random weights once per model, opset and version of the export script, into the
 * OS temp folder (never committed).
 */
export function exportTorchvisionOnnx(torchvisionName: string): { file: string; exportSeconds: number | null } {
  const script = createHash("sha256").update(readFileSync(EXPORT_SCRIPT)).digest("hex").slice(0, 12);
  const dir = path.join(os.tmpdir(), `bench-eval-onnx-${script}`, `${torchvisionName}-opset${OPSET}`);
  const file = path.join(dir, "model.onnx");
  if (existsSync(file)) return { file, exportSeconds: null };
  const t0 = performance.now();
  try {
    execFileSync(PYTHON, [EXPORT_SCRIPT, `torchvision:${torchvisionName}`, "--random-weights", "--opset", String(OPSET), "--out", dir], {
      stdio: "pipe",
    });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? "")
      .trim()
      .split("\n")
      .pop();
    throw new Error(
      `${PYTHON} ${path.relative(ROOT, EXPORT_SCRIPT)} failed (${stderr || (err as Error).message}); it needs python3-torch and python3-torchvision`,
    );
  }
  return { file, exportSeconds: (performance.now() - t0) / 1000 };
}

export type OnnxBenchOptions = { backends: string[]; images?: number; repeats: number; log(line: string): void };
/** result: the run of median throughput; runs: all of them (their spread goes into the table). */
type Row = { name: BenchModelName; format: "layers" | "onnx"; backend: string; result: ChildResult; runs: ChildResult[]; batch: number };

/** One process per row at the batch size the CLI picks by default (2 for MobileNetV2, 1 for ResNet-50). */
export async function benchOnnx(opts: OnnxBenchOptions): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "bench-eval-layers-"));
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    for (const name of Object.keys(BENCH_MODELS) as BenchModelName[]) {
      const layersDir = path.join(tmp, name);
      const params = await saveLayersModel(BENCH_MODELS[name](1), layersDir);
      const batch = resolveBatchSize("auto", params);
      const onnx = exportTorchvisionOnnx(TORCHVISION[name]);
      if (onnx.exportSeconds !== null)
        notes.push(
          `${name}: torch.onnx.export took ${onnx.exportSeconds.toFixed(1)} s (cached for later runs; not part of the load time).`,
        );
      for (const backend of opts.backends) {
        if (backend === "cpu" && name === "resnet-50") {
          notes.push("ResNet-50 on the cpu backend is not measured: minutes per image.");
          continue;
        }
        const images = opts.images ?? (backend === "cpu" ? 2 : name === "resnet-50" ? 4 : 12);
        const repeats = backend === "cpu" ? 1 : opts.repeats;
        // Alternated (layers, onnx, layers, onnx…) so that both formats see the same drift of this shared machine.
        const formats = [
          ["layers", layersDir],
          ["onnx", onnx.file],
        ] as const;
        const runs: Record<Row["format"], ChildResult[]> = { layers: [], onnx: [] };
        const failed = new Set<Row["format"]>();
        for (let r = 0; r < repeats; r++) {
          for (const [format, modelPath] of formats) {
            if (failed.has(format)) continue;
            try {
              const [result] = await runProcesses(backend, modelPath, images, 1, batch);
              runs[format].push(result);
              console.error(
                `bench:eval onnx: ${name} ${format} on ${backend}, run ${r + 1}: ${throughput([result]).toFixed(2)} images/s, load ${result.loadSeconds.toFixed(2)} s`,
              );
            } catch (err) {
              failed.add(format);
              notes.push(`${name} ${format} on ${backend}: not measured (${(err as Error).message.split("\n")[0]}).`);
            }
          }
        }
        for (const [format] of formats) {
          const sorted = [...runs[format]].sort((a, b) => throughput([a]) - throughput([b]));
          if (sorted.length) rows.push({ name, format, backend, batch, runs: sorted, result: sorted[Math.floor(sorted.length / 2)] });
        }
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  report(rows, notes, opts);
}

/** Which importer was measured: the last commit touching lib/models/onnx, and whether the checkout differs from it. */
function importerVersion(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  try {
    const commit = git("log", "-1", "--format=%h", "--", "lib/models/onnx");
    return `${commit}${git("status", "--porcelain", "--", "lib/models/onnx") ? " with uncommitted changes" : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

const medianCpu = (runs: ChildResult[]) => median(runs.map((x) => x.cpuSeconds / x.images));

function report(rows: Row[], notes: string[], opts: OnnxBenchOptions): void {
  const { log } = opts;
  const cpus = os.cpus();
  log("### ONNX import against TF.js layers (same architectures, random weights)\n");
  log(
    `Run ${new Date().toISOString()} on ${cpus[0]?.model.trim()} × ${cpus.length} (nproc), load average ${os.loadavg()[0].toFixed(2)} ` +
      `at the end (other processes share this machine). One process per row at the CLI's default batch size; median of ` +
      `${opts.repeats} runs on wasm, 1 on cpu; 3 warm-up images excluded. *layers*: the hand-built Keras-style model of ` +
      `bench/eval-models.ts saved as a TF.js layers model; *onnx*: \`torchvision.models.${TORCHVISION["mobilenet-v2"]}\` / ` +
      `\`${TORCHVISION["resnet-50"]}\` exported by \`tools/onnx/export_onnx.py --random-weights --opset ${OPSET}\` and imported by ` +
      `lib/models/onnx through \`loadModel\`, as the worker loads it (importer at ${importerVersion()}). Load = the load call (ONNX: decode, validate, build the tfjs graph); ` +
      "first image = the first warm-up image alone. The two formats have the same layers and nearly the same parameters " +
      "(torch.onnx.export folds BatchNorm into the convolutions; the layers path folds them at load), but torchvision's " +
      "ResNet-50 strides in the 3×3 convolution of a block (v1.5, ~4.1 GFLOPs) where the Keras-style one strides in the " +
      "first 1×1 (v1, ~3.9 GFLOPs): the ONNX ResNet-50 does ~5 % more arithmetic.\n",
  );
  log(
    "| model | format | params | backend | batch | load s (wall) | load CPU s | first image s | images/s | s/image (wall) | CPU s/image (median of runs) | CPU s/image, all runs | peak RSS (MiB) |",
  );
  log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const { name, format, result: r, runs, batch } of rows) {
    const cpuRuns = runs.map((x) => (x.cpuSeconds / x.images).toFixed(2)).join(", ");
    log(
      `| ${name} | ${format} | ${(r.params / 1e6).toFixed(2)}M | ${r.backend} | ${batch} | ${r.loadSeconds.toFixed(2)} | ${r.loadCpuSeconds.toFixed(2)} | ${r.firstImageSeconds.toFixed(2)} | ` +
        `${throughput([r]).toFixed(2)} | ${(r.seconds / r.images).toFixed(2)} | ${medianCpu(runs).toFixed(2)} | ${cpuRuns} | ${r.peakRssMiB.toFixed(0)} |`,
    );
  }
  log("");
  for (const n of notes) log(`- ${n}`);
  if (notes.length) log("");
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  const findRow = (name: BenchModelName, format: Row["format"], backend: string) =>
    rows.find((r) => r.name === name && r.format === format && r.backend === backend);
  const targets: string[] = [];
  for (const name of Object.keys(BENCH_MODELS) as BenchModelName[]) {
    const layers = findRow(name, "layers", "wasm");
    const onnx = findRow(name, "onnx", "wasm");
    if (!layers || !onnx) continue;
    const ratio = throughput([onnx.result]) / throughput([layers.result]);
    // One wasm thread: unloaded, images/s = 1 / CPU s per image; loaded, wall time also counts the waits for a core.
    const cpuRatio = medianCpu(layers.runs) / medianCpu(onnx.runs);
    targets.push(
      `${name} ONNX at ${(ratio * 100).toFixed(1)} % of layers' images/s on wasm by wall time (${verdict(ratio >= 0.9)}), ` +
        `${(cpuRatio * 100).toFixed(1)} % by CPU time per image (${verdict(cpuRatio >= 0.9)})`,
    );
  }
  const r50 = rows.filter((r) => r.name === "resnet-50" && r.format === "onnx" && r.backend === "wasm").flatMap((r) => r.runs);
  if (r50.length) {
    const wall = median(r50.map((r) => r.loadSeconds));
    const cpu = median(r50.map((r) => r.loadCpuSeconds));
    targets.push(
      `ResNet-50 ONNX conversion ${wall.toFixed(2)} s wall (${verdict(wall < 5)}), ${cpu.toFixed(2)} s CPU (${verdict(cpu < 5)})`,
    );
  }
  if (targets.length) {
    log(
      `Targets of issue #15 (ONNX ≥ 90 % of the layers path's images/s on wasm; ResNet-50 conversion < 5 s): ${targets.join("; ")}. ` +
        "wasm runs on one thread, so on an idle machine images/s is 1 / CPU s per image; when other processes load the " +
        "machine (load average above the core count), the wall-time ratio measures the load as much as the code and the " +
        "CPU-time ratio is the one to trust.\n",
    );
  }
}
