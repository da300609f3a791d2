// bench:eval's measuring processes: spawns bench/eval-child.ts once per process, starts their timed runs together
// (a barrier on stdin) and collects each one's JSON line.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const TSX = createRequire(import.meta.url).resolve("tsx");

/** One process's run. loadSeconds: the load call (for ONNX, reading and converting the graph); firstImageSeconds:
 * the first warm-up image, where any work deferred to the first call (kernel set-up, weight layouts) shows. */
export type ChildResult = {
  backend: string;
  images: number;
  /** The loaded model's parameter count. */
  params: number;
  seconds: number;
  /** Of `seconds`, the time inside the model's computeSaliency (the engine); the rest is the pipeline around it. */
  engineSeconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  loadSeconds: number;
  /** CPU time of the load call (all threads): what a busy machine does not inflate. */
  loadCpuSeconds: number;
  firstImageSeconds: number;
  /** Why the native engine was asked for but not used (an op without a gradient rule, a TF.js model); null if used or not asked. */
  nativeFallback: string | null;
};

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Images per second over all processes (wall time of the slowest). */
export const throughput = (rs: ChildResult[]): number => rs.reduce((s, x) => s + x.images, 0) / Math.max(...rs.map((x) => x.seconds));

/** modelPath: a TF.js model directory or a .onnx file (see bench/eval-child.ts). */
/** threads: onnxruntime intra-op threads per process (default: the cores split between the processes). */
export async function runProcesses(
  backend: string,
  modelPath: string,
  images: number,
  processes: number,
  batch: number,
  threads = Math.max(1, Math.floor(os.cpus().length / processes)),
  /** Read this ClickMe-format split's JPEG records (evaluateRange) with these CPU-stage threads, not generated samples. */
  split?: { dir: string; cpuThreads: number },
): Promise<ChildResult[]> {
  const children = Array.from({ length: processes }, (_, k) =>
    spawn(
      process.execPath,
      [
        "--import",
        TSX,
        path.join(ROOT, "bench/eval-child.ts"),
        backend,
        modelPath,
        String(images),
        String(k + 1),
        String(batch),
        String(threads),
        ...(split ? [split.dir, String(split.cpuThreads)] : []),
      ],
      {
        cwd: ROOT,
        stdio: ["pipe", "pipe", "pipe"],
      },
    ),
  );
  const runs = children.map((c) => {
    let out = "";
    let err = "";
    c.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    c.stderr.setEncoding("utf8").on("data", (d: string) => (err = (err + d).slice(-4000)));
    const exited = new Promise<ChildResult>((resolve, reject) =>
      c.on("exit", (code) => {
        if (code === 0) return resolve(JSON.parse(out.trim().split("\n").pop()!) as ChildResult);
        const reason = err.split("\n").find((l) => /^\w*Error: /.test(l)) ?? `exit code ${code}`;
        reject(new Error(reason.replace(/^\w*Error: /, "")));
      }),
    );
    exited.catch(() => undefined); // observed below; avoids an unhandled rejection while waiting for "ready"
    const ready = new Promise<void>((resolve, reject) => {
      c.stdout.on("data", () => out.includes("ready\n") && resolve());
      exited.then(() => resolve(), reject);
    });
    return { ready, exited };
  });
  try {
    await Promise.all(runs.map((r) => r.ready));
  } catch (err) {
    for (const c of children) c.kill();
    throw err;
  }
  for (const c of children) c.stdin.end("go\n");
  return Promise.all(runs.map((r) => r.exited));
}

/** Runs `repeats` times and returns the run of median throughput (this machine's speed drifts from minute to minute). */
export async function medianRun(repeats: number, run: () => Promise<ChildResult[]>): Promise<ChildResult[]> {
  const runs: ChildResult[][] = [];
  for (let r = 0; r < repeats; r++) runs.push(await run());
  return runs.sort((a, b) => throughput(a) - throughput(b))[Math.floor(runs.length / 2)];
}
