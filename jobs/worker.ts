// WORKER_TOKEN=… npm run worker -- --url URL [--token-file PATH] [--concurrency N] [--backend auto|ort|ort-cuda|tensorflow|wasm|cpu]
//   [--threads N] [--data-root DIR]
// Pulls evaluation jobs from the site over HTTP, evaluates each in a child process, reports back.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { scanDataRoot } from "@/lib/datasets/data-advert";
import { ENGINE_CHOICES } from "@/lib/types";
import { CompleteRequestSchema, EvaluationReportSchema, type ClaimedJob, type CompleteRequest } from "@/lib/queue/protocol";
import { runEvaluation, type RunOutcome } from "./run-evaluation";
import { readToken, TOKEN_OPTIONS } from "./token-source";
import { SiteRefusedError, sleep, WorkerClient } from "./worker-client";

const DRY_RUN_IMAGES = 2;
/**
 * Progress goes out with a heartbeat as soon as it moves and at most this often, besides the lease heartbeat
 * (leaseSeconds / 4, 15 s by default), so the status page shows the first images at once and then every few seconds.
 */
const PROGRESS_REPORT_MS = 3000;

/** The dry run's onnxruntime cross-check belongs to the published evaluation: copy it into the full run's provenance. */
function carryCrossCheck(dryFile: string, fullFile: string): void {
  const check = JSON.parse(fs.readFileSync(dryFile, "utf8"))?.provenance?.cross_check;
  if (check === undefined) return;
  const full = JSON.parse(fs.readFileSync(fullFile, "utf8"));
  full.provenance = { ...full.provenance, cross_check: check };
  fs.writeFileSync(fullFile, JSON.stringify(full));
}

type Options = {
  url: string;
  token: string;
  concurrency: number;
  backend: string;
  /** onnxruntime intra-op threads per evaluation (default: cores / concurrency). */
  threads: number;
  dataRoot: string;
  name: string;
  pollSeconds: number;
  once: boolean;
};

function fail(message: string): never {
  console.error(`worker: ${message}`);
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: "string" },
      ...TOKEN_OPTIONS,
      concurrency: { type: "string", default: "1" },
      backend: { type: "string", default: "auto" },
      threads: { type: "string" },
      "data-root": { type: "string", default: path.join("data", "datasets") },
      name: { type: "string", default: `${os.hostname()}-${process.pid}` },
      "poll-seconds": { type: "string", default: "2" },
      once: { type: "boolean", default: false },
    },
  });
  const url = values.url ?? fail("--url is required (the site's address, e.g. http://localhost:3000)");
  try {
    new URL(url);
  } catch {
    fail(`--url '${url}' is not a URL`);
  }
  let token: string;
  try {
    token = readToken(values, "WORKER_TOKEN");
  } catch (err) {
    fail((err as Error).message);
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) fail("--concurrency must be an integer from 1 to 64");
  if (!(ENGINE_CHOICES as readonly string[]).includes(values.backend!)) fail(`--backend must be one of ${ENGINE_CHOICES.join(", ")}`);
  const threads = values.threads === undefined ? Math.max(1, Math.floor(os.cpus().length / concurrency)) : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) fail("--threads must be an integer from 1 to 256");
  const pollSeconds = Number(values["poll-seconds"]);
  if (!(pollSeconds > 0)) fail("--poll-seconds must be a positive number");
  const dataRoot = path.resolve(values["data-root"]!);
  if (!fs.existsSync(dataRoot)) fail(`--data-root ${dataRoot} does not exist (it holds one directory per benchmark id)`);
  return { url, token, concurrency, backend: values.backend!, threads, dataRoot, name: values.name!, pollSeconds, once: values.once! };
}

async function downloadModel(client: WorkerClient, job: ClaimedJob, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of job.model.files) {
    if (path.basename(file.name) !== file.name) throw new Error(`Refusing artifact name '${file.name}'`);
    const bytes = await client.download(job.id, job.attempt, file.name);
    const sha = crypto.createHash("sha256").update(bytes).digest("hex");
    if (bytes.length !== file.bytes || sha !== file.sha256) {
      throw new Error(`Artifact ${file.name} arrived corrupted (${bytes.length} bytes, sha256 ${sha.slice(0, 12)}…)`);
    }
    fs.writeFileSync(path.join(dir, file.name), bytes);
  }
}

/** The PNGs the evaluate CLI wrote with --thumbnails, as the protocol carries them. */
function readThumbnails(tmp: string): CompleteRequest["thumbnails"] {
  const dir = path.join(tmp, "thumbnails");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((name) => {
    const m = name.match(/^(saliency|human|image)-(\d+)\.png$/);
    return m
      ? [
          {
            kind: m[1] as "saliency" | "human" | "image",
            index: Number(m[2]),
            pngBase64: fs.readFileSync(path.join(dir, name)).toString("base64"),
          },
        ]
      : [];
  });
}

type Active = { job: ClaimedJob; abort: AbortController };

class Worker {
  private stopping = false;
  private readonly active = new Set<Active>();
  private readonly client: WorkerClient;
  private lastScan: string | undefined;

  constructor(private readonly opts: Options) {
    this.client = new WorkerClient(opts.url, opts.token);
  }

  log(message: string) {
    console.error(`[worker ${this.opts.name}] ${message}`);
  }

  async run(): Promise<void> {
    this.log(`serving ${this.opts.url} with ${this.opts.concurrency} slot(s), backend ${this.opts.backend}`);
    await Promise.all(Array.from({ length: this.opts.concurrency }, (_, slot) => this.slotLoop(slot)));
  }

  private async slotLoop(slot: number): Promise<void> {
    while (!this.stopping) {
      let job: ClaimedJob | null = null;
      try {
        job = await this.client.claim(`${this.opts.name}#${slot}`, [this.opts.backend], await this.advertise());
      } catch (err) {
        this.log(`claim failed: ${(err as Error).message}`);
      }
      if (job && this.stopping) {
        await this.handBack(job); // claimed while SIGTERM arrived
        return;
      }
      if (!job) {
        if (this.opts.once) return;
        await sleep(this.opts.pollSeconds * 1000 * (0.75 + Math.random() / 2));
        continue;
      }
      await this.process(job);
    }
  }

  /** Re-read on every claim, so a split downloaded or generated while the worker runs is offered at once. */
  private async advertise() {
    const scan = await scanDataRoot(this.opts.dataRoot);
    const summary = [
      ...scan.adverts.map((a) => `${a.id} v${a.version} (data ${a.fingerprint.slice(0, 12)}…)`),
      ...scan.skipped.map((s) => `not ${s.id}: ${s.reason}`),
    ].join("; ");
    if (summary !== this.lastScan) this.log(`data in ${this.opts.dataRoot}: ${summary || "no benchmark's split"}`);
    this.lastScan = summary;
    return scan.adverts;
  }

  private async process(job: ClaimedJob): Promise<void> {
    const entry: Active = { job, abort: new AbortController() };
    this.active.add(entry);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `job-${job.id}-`));
    let progress: { done: number; total: number } | undefined;
    let beating = false;
    let progressSentAt = -Infinity;
    const beat = async () => {
      if (beating) return;
      beating = true;
      progressSentAt = Date.now();
      try {
        await this.client.heartbeat(job.id, job.attempt, progress);
      } catch (err) {
        this.log(`job ${job.id}: heartbeat refused (${(err as Error).message}); stopping it`);
        if (err instanceof SiteRefusedError) entry.abort.abort();
      } finally {
        beating = false;
      }
    };
    const heartbeat = setInterval(beat, (job.leaseSeconds * 1000) / 4);
    const onProgress = (done: number, total: number) => {
      progress = { done, total };
      if (Date.now() - progressSentAt >= PROGRESS_REPORT_MS) void beat();
    };
    try {
      this.log(`job ${job.id} (attempt ${job.attempt}): ${job.model.slug} on ${job.benchmark.id} v${job.benchmark.version}`);
      const modelDir = path.join(tmp, "model");
      await downloadModel(this.client, job, modelDir);
      const common = {
        modelDir,
        logitsNode: job.model.logitsNode,
        dataDir: path.join(this.opts.dataRoot, job.benchmark.id),
        benchmarkId: job.benchmark.id,
        preprocessing: job.model.preprocessing,
        backend: this.opts.backend,
        threads: this.opts.threads,
        memoryMb: job.limits.memoryMb,
        signal: entry.abort.signal,
      };
      const dry = await runEvaluation({
        ...common,
        outputFile: path.join(tmp, "dry-run.json"),
        limit: DRY_RUN_IMAGES,
        crossCheck: job.model.format === "onnx" ? DRY_RUN_IMAGES : undefined,
        timeoutSeconds: Math.min(job.limits.timeoutSeconds, 600),
      });
      // The evaluation classes the model's own failures as invalid_model; anything else (a backend that cannot start,
      // missing data) is this worker's problem and stays transient, so another worker may take the job.
      if (!dry.ok) return await this.report(job, entry, { ...dry, message: `Dry run failed: ${dry.message}` });
      const full = await runEvaluation({
        ...common,
        outputFile: path.join(tmp, "result.json"),
        thumbnailsDir: path.join(tmp, "thumbnails"),
        timeoutSeconds: job.limits.timeoutSeconds,
        onProgress,
      });
      if (full.ok) carryCrossCheck(dry.output, full.output);
      await this.report(job, entry, full);
    } catch (err) {
      await this.report(job, entry, { ok: false, failureClass: "transient", message: (err as Error).message, logTail: "" });
    } finally {
      clearInterval(heartbeat);
      this.active.delete(entry);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  private async report(job: ClaimedJob, entry: Active, outcome: RunOutcome): Promise<void> {
    if (entry.abort.signal.aborted) return; // handed back or lost: the site already knows
    try {
      if (outcome.ok) {
        const report = EvaluationReportSchema.parse(JSON.parse(fs.readFileSync(outcome.output, "utf8")));
        const body = CompleteRequestSchema.parse({
          attempt: job.attempt,
          report,
          thumbnails: readThumbnails(path.dirname(outcome.output)),
        });
        const { evaluationId } = await this.client.complete(job.id, body);
        this.log(`job ${job.id}: done, evaluation ${evaluationId}, alignment ${report.alignment_score}`);
      } else {
        await this.client.fail(job.id, {
          attempt: job.attempt,
          failureClass: outcome.failureClass,
          message: outcome.message.slice(0, 2000),
          logExcerpt: outcome.logTail.slice(-8000) || undefined,
        });
        this.log(`job ${job.id}: failed (${outcome.failureClass}): ${outcome.message}`);
      }
    } catch (err) {
      this.log(`job ${job.id}: could not report (${(err as Error).message})`);
    }
  }

  private async handBack(job: ClaimedJob): Promise<void> {
    try {
      await this.client.release(job.id, job.attempt, "worker shutting down (SIGTERM)");
      this.log(`job ${job.id}: handed back`);
    } catch (err) {
      this.log(`job ${job.id}: hand-back failed (${(err as Error).message}); its lease will expire`);
    }
  }

  /** SIGTERM: stop claiming, stop the children, hand every held job back so another worker takes it at once. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.active].map(async ({ job, abort }) => {
        abort.abort();
        await this.handBack(job);
      }),
    );
  }
}

const worker = new Worker(parseOptions(process.argv.slice(2)));
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  // The slot loops end once their jobs are handed back; run() then resolves and the process exits.
  process.once(signal, () => void worker.shutdown());
}
worker.run().then(
  () => process.exit(0),
  (err) => {
    console.error(`worker: ${(err as Error).message}`);
    process.exit(1);
  },
);
