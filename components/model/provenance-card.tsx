/** Everything needed to reproduce one number: code, data, weights, preprocessing, explainer, backend, timing. */
import { formatDate } from "@/components/format";
import { findBenchmark } from "@/lib/benchmarks";
import { formatScale } from "./model-meta";
import type { EvaluationView } from "./types";

type Field = [label: string, value: string];

const str = (v: unknown): string => (v === null || v === undefined || v === "" ? "—" : String(v));

function fields(p: Record<string, unknown>, datasetName: string | undefined): Field[] {
  const get = (path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), p);
  const pre = get("preprocessing") as { scale?: number; mean?: number[]; std?: number[] } | undefined;
  const ms = Number(get("durationMs"));
  return [
    ["Code version", str(get("codeVersion"))],
    ["Benchmark", `${str(get("benchmark.id"))} v${str(get("benchmark.version"))}`],
    // Workers record the split's fingerprint; its name is the benchmark's (the registry's) unless one was recorded.
    ["Dataset", `${str(get("dataset.name") ?? datasetName)} (${str(get("dataset.nImages"))} images)`],
    ["Dataset fingerprint", str(get("dataset.fingerprint"))],
    ["Weights hash", str(get("weightsHash"))],
    ["Preprocessing", pre ? `(x·${pre.scale === undefined ? "?" : formatScale(pre.scale)} − [${pre.mean?.join(", ")}]) / [${pre.std?.join(", ")}]` : "—"],
    ["Explainer", str(get("explainer"))],
    ["Backend", `${str(get("backend.name"))} ${str(get("backend.version"))}`],
    ["Hardware", str(get("hardware"))],
    ["Worker", str(get("worker"))],
    ["Started", str(get("startedAt"))],
    ["Duration", Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "—"],
    ["Undefined ρ (constant maps)", str(get("nUndefined"))],
  ];
}

export function ProvenanceCard({ evaluation }: { evaluation: EvaluationView }) {
  const title = `${evaluation.benchmarkTitle} v${evaluation.benchmarkVersion}`;
  return (
    <section className="card" aria-label={`Provenance: ${title}`}>
      <h3>{title}</h3>
      {evaluation.provenance ? (
        <dl className="meta-grid">
          {fields(evaluation.provenance, findBenchmark(evaluation.benchmarkId)?.dataset.name).map(([label, value]) => (
            <div key={label}><dt>{label}</dt><dd><code>{value}</code></dd></div>
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
