/** Everything needed to reproduce one number: code, data, weights, preprocessing, explainer, backend, hardware, timing. */
import { formatDate } from "@/components/format";
import { findBenchmark } from "@/lib/benchmarks";
import type { StoredProvenance } from "@/lib/types/provenance";
import { formatScale } from "./model-meta";
import type { EvaluationView } from "./types";

type Field = [label: string, value: string];

const show = (v: string | number | null | undefined): string => (v === null || v === undefined || v === "" ? "—" : String(v));

const gib = (bytes: number | undefined) => (bytes === undefined ? undefined : `${(bytes / 2 ** 30).toFixed(1)} GiB`);

/** The fields of the one provenance schema (lib/types/provenance.ts); what an old row did not record shows as "—". */
export function provenanceFields(
  p: StoredProvenance,
  e: Pick<EvaluationView, "benchmarkId" | "benchmarkVersion" | "nImages" | "nUndefined">,
): Field[] {
  const pre = p.preprocessing;
  const hw = p.hardware;
  const b = p.backend;
  const datasetName = findBenchmark(e.benchmarkId)?.dataset.name;
  return [
    ["Code version", show(p.code_version)],
    ["Benchmark", `${e.benchmarkId} v${e.benchmarkVersion}`],
    // The split's name is the benchmark's (the registry's); provenance records its fingerprint and size.
    [
      "Dataset",
      `${show(datasetName)} (${p.dataset?.n_images === undefined ? "—" : p.dataset.n_images.toLocaleString("en-US")} images in the split; ${e.nImages.toLocaleString("en-US")} evaluated)`,
    ],
    ["Dataset fingerprint", show(p.dataset?.sha256)],
    ["Weights hash", show(p.weights_hash)],
    ["Model format", show(p.model_format)],
    ["Parameters", show(p.param_count?.toLocaleString("en-US"))],
    ["Preprocessing", pre ? `(x·${formatScale(pre.scale)} − [${pre.mean.join(", ")}]) / [${pre.std.join(", ")}]` : "—"],
    ["Explainer", show(p.explainer)],
    [
      "Backend",
      b ? `${b.name} ${b.version}${b.threads === undefined ? "" : ` (${b.threads} ${b.threads === 1 ? "thread" : "threads"})`}` : "—",
    ],
    ...(b?.native_fallback ? [["Native engine not used", b.native_fallback] as Field] : []),
    ["CPU", hw ? `${show(hw.cpu_model)} × ${show(hw.cpu_count)}` : "—"],
    ["Memory", show(gib(hw?.memory_bytes))],
    ["Platform", show(hw?.platform)],
    ["Node.js", show(hw?.node)],
    [
      "Run",
      p.run
        ? `batch ${p.run.batch_size}, ${p.run.workers} ${p.run.workers === 1 ? "process" : "processes"}${cpuThreadsNote(p.run.cpu_threads)}${p.run.limit === null ? "" : `, first ${p.run.limit} images`}`
        : "—",
    ],
    ["Worker", show(p.worker)],
    ["Started", show(p.started_at)],
    ["Finished", show(p.finished_at)],
    ["Duration", p.duration_ms === undefined ? "—" : `${(p.duration_ms / 1000).toFixed(1)} s`],
    ["Undefined ρ (constant maps)", show(e.nUndefined)],
  ];
}

/** Threads that decoded and scored beside the engine; absent or 0: the main thread did (scores are the same). */
function cpuThreadsNote(threads: number | undefined): string {
  return threads ? `, ${threads} CPU-stage thread${threads === 1 ? "" : "s"}` : "";
}

export function ProvenanceCard({ evaluation }: { evaluation: EvaluationView }) {
  const title = `${evaluation.benchmarkTitle} v${evaluation.benchmarkVersion}`;
  return (
    <section className="card" aria-label={`Provenance: ${title}`}>
      <h3>{title}</h3>
      {evaluation.provenance ? (
        <dl className="meta-grid">
          {provenanceFields(evaluation.provenance, evaluation).map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">
          {evaluation.isDemo
            ? "No provenance: this is a demo placeholder written by the seed script, not the result of an evaluation run."
            : `No provenance was recorded for this result (${formatDate(evaluation.createdAt)}).`}
        </p>
      )}
    </section>
  );
}
