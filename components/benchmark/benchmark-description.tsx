/** What a benchmark measures and how: protocol, metrics, human curve, ceiling, dataset and changelog, from its definition. */
import { METRICS } from "@/lib/metrics/registry";
import type { BenchmarkDefinition } from "@/lib/benchmarks";
import { RAW_SCORE_LABEL } from "@/lib/benchmarks/manifest";
import { HumanCurve } from "./human-curve";
import { PaperComparabilityNote } from "./paper-comparability-note";

export function BenchmarkDescription({ def }: { def: BenchmarkDefinition }) {
  return (
    <>
      <p className="page-kicker">
        Benchmark · {def.id} · version {def.version}
      </p>
      <h1>{def.title}</h1>
      <p className="lede">{def.summary}</p>
      <PaperComparabilityNote benchmark={def} />
      <h2>What is measured and how</h2>
      <ol className="protocol">
        {def.protocol.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <h3>Metrics</h3>
      <dl className="meta-grid">
        {def.metrics.map((m) => (
          <div key={m}>
            <dt>
              {METRICS[m].label}
              {m === def.primaryMetric ? " (ranked)" : ""}
            </dt>
            <dd>{METRICS[m].description}</dd>
          </div>
        ))}
      </dl>
      {def.psychophysics && (
        <>
          <h3>Human curve</h3>
          <HumanCurve track={def.psychophysics} />
        </>
      )}
      <h3>Human ceiling</h3>
      <p>
        {def.psychophysics
          ? "None: this track compares accuracy curves, not maps."
          : def.manifest?.ceiling.kind === "none"
            ? `None (${RAW_SCORE_LABEL}): this benchmark's manifest gives no ceiling and no per-rater maps to compute one, so its scores are the mean ρ itself, not divided by a ceiling, and are not on ClickMe's alignment scale.`
            : def.ceiling === null
              ? "No published ceiling."
              : def.manifest?.ceiling.kind === "split-half"
                ? `${def.ceiling}: the split-half inter-rater agreement computed from this dataset's per-rater maps (${def.manifest.ceiling.images} images, ${def.manifest.ceiling.splits} random half splits each, seed ${def.manifest.ceiling.seed}, Spearman-Brown corrected from ${def.manifest.ceiling.uncorrected}; docs/datasets.md). Alignment is the model's mean ρ divided by it.`
                : `${def.ceiling}: the mean Spearman correlation between human maps from different participants. Alignment is the model's mean ρ divided by it, so 100% means "as consistent with humans as humans are with each other"; it can exceed 100% or fall below 0%.`}
      </p>
      <h3>Dataset</h3>
      <dl className="meta-grid">
        <div>
          <dt>Name</dt>
          <dd>{def.dataset.name}</dd>
        </div>
        <div>
          <dt>Description</dt>
          <dd>{def.dataset.description}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>
            <code>{def.dataset.source}</code>
          </dd>
        </div>
        <div>
          <dt>Licence</dt>
          <dd>{def.dataset.licence}</dd>
        </div>
      </dl>
      <h3>Version history</h3>
      <ul className="link-list">
        {def.changelog.map((c) => (
          <li key={c.version}>
            v{c.version} ({c.date}): {c.change}
          </li>
        ))}
      </ul>
    </>
  );
}
