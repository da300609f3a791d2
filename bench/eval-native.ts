// bench:eval's native section (issue #14): the engines against PyTorch doing the protocol's saliency on the same
// torchvision architectures, in one run at equal cores: each side at its best batch size (and, for the engines, the
// best split of the cores into processes × threads), reported as a ratio to PyTorch.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { exportTorchvisionOnnx, OPSET, PYTHON } from "./eval-onnx";
import { median, ROOT, runProcesses, throughput, type ChildResult } from "./eval-processes";

/** Targets of issue #14 on this machine (ratio of images/s to PyTorch at equal cores, best batch for each side). */
const TARGETS: Record<string, number> = { mobilenet_v2: 1.0, resnet50: 0.8, vit_b_16: 0.8 };
const IMAGES: Record<string, number> = { mobilenet_v2: 24, resnet50: 8, vit_b_16: 6 };
const TORCH_BATCHES = [1, 2, 4, 8];
/** (processes, batch) for the engines; threads = cores / processes. */
const ENGINE_CONFIGS: [number, number][] = [
  [1, 1],
  [1, 2],
  [1, 4],
  [2, 1],
  [2, 2],
];
const RSS_LIMIT_MIB = 1536;

type TorchRun = { threads: number; torch: string; rows: { batch: number; images_per_s: number }[]; peak_rss_mib: number };
type EngineBest = { processes: number; batch: number; runs: ChildResult[][] };

export type NativeBenchOptions = { backends: string[]; repeats: number; models?: string[]; log(line: string): void };

function runTorch(model: string, threads: number, images: number): TorchRun {
  const out = spawnSync(
    PYTHON,
    [
      path.join(ROOT, "bench/torch_saliency.py"),
      "--model",
      model,
      "--threads",
      String(threads),
      "--batches",
      TORCH_BATCHES.join(","),
      "--images",
      String(images),
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (out.status !== 0)
    throw new Error(`bench/torch_saliency.py failed: ${(out.stderr || out.error?.message || "").trim().split("\n").pop()}`);
  return JSON.parse(out.stdout.trim().split("\n").pop()!) as TorchRun;
}

const torchAvailable = () => spawnSync(PYTHON, ["-c", "import torch, torchvision"], { encoding: "utf8" }).status === 0;

/** Sweeps the configurations once, then repeats the fastest and keeps the run of median throughput. */
async function bestEngine(backend: string, file: string, images: number, repeats: number): Promise<EngineBest> {
  let best: { processes: number; batch: number; ips: number } | null = null;
  for (const [processes, batch] of ENGINE_CONFIGS) {
    const r = await runProcesses(backend, file, images, processes, batch);
    const ips = throughput(r);
    console.error(
      `bench:eval native: ${path.basename(path.dirname(file))} ${backend} ${processes}×${r[0].backend} batch ${batch}: ${ips.toFixed(2)} images/s`,
    );
    if (!best || ips > best.ips) best = { processes, batch, ips };
  }
  const runs: ChildResult[][] = [];
  for (let k = 0; k < repeats; k++) runs.push(await runProcesses(backend, file, images, best!.processes, best!.batch));
  runs.sort((a, b) => throughput(a) - throughput(b));
  return { processes: best!.processes, batch: best!.batch, runs };
}

export async function benchNative(opts: NativeBenchOptions): Promise<void> {
  const { log } = opts;
  const cores = os.cpus().length;
  const cpus = os.cpus();
  const models = opts.models ?? Object.keys(TARGETS);
  log("### Native engine against PyTorch (issue #14; random weights, 224², equal cores)\n");
  log(
    `Run ${new Date().toISOString()} on ${cpus[0]?.model.trim()} × ${cores} (nproc), load average ${os.loadavg()[0].toFixed(2)} at the start. ` +
      `*PyTorch*: \`bench/torch_saliency.py\` (forward, gradient of the true-class logit with respect to the input, max over ` +
      `channels of |g|) with torch.set_num_threads(${cores}), best of batches ${TORCH_BATCHES.join(", ")}; it does no JPEG decoding, ` +
      `resizing or scoring. *Engines*: the evaluate pipeline (\`bench/eval-child.ts\`: preprocessing, saliency, Spearman, Dice/IoU; on ` +
      "generated samples that are already decoded, so no JPEG decoding either: the stages subsection below measures that end to end) on " +
      `the same torchvision model exported by \`tools/onnx/export_onnx.py --random-weights --opset ${OPSET}\`, best of ` +
      `${ENGINE_CONFIGS.map(([p, b]) => `${p} process${p > 1 ? "es" : ""} × batch ${b}`).join(", ")} (threads = ${cores} / processes), then the median of ` +
      `${opts.repeats} runs of the best. *engine busy*: the share of the wall time during which a batch was inside the engine ` +
      "(computeSaliency); the pipeline decodes and scores the other batch meanwhile (lib/evaluation/run-samples.ts), so " +
      "near 100 % means the JavaScript around the engine is hidden behind it.\n",
  );
  if (!torchAvailable()) {
    log(`PyTorch rows skipped: ${PYTHON} cannot import torch and torchvision (install python3-torch python3-torchvision).\n`);
  }
  log("| model | side | best config | images/s | ratio to PyTorch | target | engine busy | peak RSS per process (MiB) |");
  log("|---|---|---|---|---|---|---|---|");
  const notes: string[] = [];
  for (const model of models) {
    let torch: TorchRun | null = null;
    let torchIps = NaN;
    if (torchAvailable()) {
      torch = runTorch(model, cores, IMAGES[model] ?? 8);
      const best = torch.rows.reduce((a, b) => (b.images_per_s > a.images_per_s ? b : a));
      torchIps = best.images_per_s;
      log(
        `| ${model} | PyTorch ${torch.torch} | ${torch.threads} threads × batch ${best.batch} | ${torchIps.toFixed(2)} | 1 | | | ${torch.peak_rss_mib.toFixed(0)} |`,
      );
    }
    let file: string;
    try {
      file = exportTorchvisionOnnx(model).file;
    } catch (err) {
      notes.push(`${model}: not exported (${(err as Error).message}).`);
      continue;
    }
    for (const backend of opts.backends) {
      if (backend !== "ort" && model !== "mobilenet_v2") {
        notes.push(`${model} on ${backend}: not measured (the tfjs engines take seconds per image on these models; see the rows above).`);
        continue;
      }
      let best: EngineBest;
      try {
        best = await bestEngine(backend, file, IMAGES[model] ?? 8, opts.repeats);
      } catch (err) {
        notes.push(`${model} on ${backend}: not measured (${(err as Error).message.split("\n")[0]}).`);
        continue;
      }
      const run = best.runs[Math.floor(best.runs.length / 2)];
      const ips = throughput(run);
      const ratio = ips / torchIps;
      const share = median(run.map((r) => r.engineSeconds / r.seconds));
      const rss = Math.max(...run.map((r) => r.peakRssMiB));
      const target = TARGETS[model];
      // The targets are the native engine's; the tfjs rows are there for comparison.
      const verdict = Number.isNaN(ratio) || !backend.startsWith("ort") ? "" : `≥ ${target} (${ratio >= target ? "met" : "**missed**"})`;
      const fallback = run[0].nativeFallback ? ` (fell back: ${run[0].nativeFallback})` : "";
      if (ratio > 5) {
        notes.push(
          `The ${model} PyTorch row is not a fair peer: this PyTorch build took ${(1 / torchIps).toFixed(1)} s per image for its saliency ` +
            "here (its matrix products are far slower than its convolutions on this build), so the ratio says more about that build " +
            "than about the native engine; read the native row's images/s on its own.",
        );
      }
      log(
        `| ${model} | ${run[0].backend}${fallback} | ${best.processes} process${best.processes > 1 ? "es" : ""} × batch ${best.batch} | ${ips.toFixed(2)} | ` +
          `${Number.isNaN(ratio) ? "—" : ratio.toFixed(2)} | ${verdict} | ${(share * 100).toFixed(0)} % | ${rss.toFixed(0)}${rss > RSS_LIMIT_MIB ? " (**over 1.5 GB**)" : ""} |`,
      );
    }
  }
  log("");
  for (const n of notes) log(`- ${n}`);
  if (notes.length) log("");
}
