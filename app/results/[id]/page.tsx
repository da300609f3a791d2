// Route: /results/[id] — one result's permalink: scores with intervals, provenance, reproduce recipe, citations, per-image explorer.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CitationBlock } from "@/components/citation/citation-block";
import { ImageExplorer } from "@/components/explorer/image-explorer";
import { formatDate, formatWithCi } from "@/components/format";
import { DemoBanner } from "@/components/leaderboard/demo-badge";
import { WithdrawnBanner } from "@/components/model/model-history";
import { PrivateBanner, PublishForm } from "@/components/model/private-view";
import { ProvenanceCard } from "@/components/model/provenance-card";
import { ReproduceSection } from "@/components/provenance/reproduce-section";
import { parseIdParam } from "@/lib/api/path-params";
import { resultCitation, resultReproduce } from "@/lib/api/public-results";
import { findBenchmark } from "@/lib/benchmarks";
import { AppError } from "@/lib/errors";
import { isMetricId, METRICS } from "@/lib/metrics/registry";
import { getViewer } from "@/lib/auth/session";
import { getDb } from "@/lib/queries";
import { getImageExtremes, getResultOrThrow } from "@/lib/queries/results";
import { howCurveOf } from "@/lib/queries/tracks";
import { HowChart } from "@/components/tracks/how-chart";
import { describeCrossCheck } from "@/lib/types/cross-check";
import { formatLabel } from "@/lib/submissions/format-label";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// A private result is shown to its owner (and admins); anyone else gets the 404 of an id nobody has.
const load = cache(async (raw: string) => {
  try {
    return await getResultOrThrow(await getDb(), parseIdParam(raw, "result"), await getViewer());
  } catch (err) {
    // A malformed id is a 400 in the API; a page for it simply does not exist.
    if (err instanceof AppError && (err.code === "not_found" || err.code === "bad_request")) return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const d = await load((await params).id);
  return { title: d ? `${d.model.displayName} on ${d.benchmarkTitle}` : "Result not found" };
}

export default async function ResultPage({ params }: Props) {
  const d = await load((await params).id);
  if (!d) notFound();
  const e = d.evaluation;
  const def = findBenchmark(e.benchmarkId);
  const [images, citation] = [await getImageExtremes(await getDb(), e.id), resultCitation(d)];
  const recipe = resultReproduce(d);
  const how = howCurveOf(e.provenance);
  const p = e.provenance;
  return (
    <article>
      <p className="page-kicker">
        Result {e.id} · evaluated {formatDate(e.createdAt)}
      </p>
      <h1>
        <Link href={`/models/${encodeURIComponent(d.model.slug)}`}>{d.model.displayName}</Link> on {d.benchmarkTitle} v{e.benchmarkVersion}
      </h1>
      {e.isDemo && <DemoBanner what="This result is demo data" />}
      {!d.access.isPublic && <PrivateBanner what="This result" hidden={d.access.visibility === "hidden"} />}
      {d.model.withdrawnAt && <WithdrawnBanner at={d.model.withdrawnAt} reason={d.model.withdrawnReason} what="Its model" />}
      {!e.isCurrent && (
        <p className="notice" role="note">
          A newer evaluation of this model on this benchmark version replaced this one.
        </p>
      )}
      {!d.isCurrentBenchmarkVersion && (
        <p className="notice" role="note">
          This benchmark has a newer version; this number belongs to version {e.benchmarkVersion}.
        </p>
      )}
      <dl className="meta-grid">
        <div>
          <dt>Rank</dt>
          <dd>
            {e.rank === null
              ? "not ranked"
              : `${e.rank} of ${d.boardSize}${e.rankBest !== null && e.rankBest < e.rank ? ` (tied ${e.rankBest}–${e.rank})` : ""}`}
          </dd>
        </div>
        {Object.entries(e.scores).map(([id, s]) => (
          <div key={id}>
            <dt>{isMetricId(id) ? METRICS[id].label : id}</dt>
            <dd>{isMetricId(id) ? formatWithCi(id, s.value, s.ci95) : String(s.value)}</dd>
          </div>
        ))}
        <div>
          <dt>Images</dt>
          <dd>
            {e.nImages.toLocaleString("en-US")} ({e.nUndefined} with an undefined ρ)
          </dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>{formatLabel(d.model)}</dd>
        </div>
        {p?.cross_check && (
          <div>
            <dt>onnxruntime cross-check</dt>
            <dd>{describeCrossCheck(p.cross_check)}</dd>
          </div>
        )}
        <div>
          <dt>Private attempts before publication</dt>
          <dd>
            {d.privateAttemptsBefore === 0
              ? "none"
              : `${d.privateAttemptsBefore} private ${d.privateAttemptsBefore === 1 ? "evaluation" : "evaluations"} of ${d.model.ownerName}'s models on this benchmark preceded this result`}
          </dd>
        </div>
      </dl>
      {how && def?.psychophysics && (
        <>
          <h2>Accuracy by revealed fraction</h2>
          <HowChart
            series={[{ label: d.model.displayName, modelAccuracy: how.modelAccuracy, nPerLevel: how.nPerLevel }]}
            humanMeanCorrect={how.humanMeanCorrect}
            revealedPercent={how.revealedPercent}
            humanLabel={def.psychophysics.humanCurve.scripted ? "Scripted human curve (synthetic)" : "People"}
          />
          <p>
            <Link href={`/compare?models=${encodeURIComponent(d.model.slug)}`}>Compare this model with others on every track →</Link>
          </p>
        </>
      )}
      <h2>Provenance</h2>
      <ProvenanceCard evaluation={{ ...e, benchmarkTitle: d.benchmarkTitle, isCurrentBenchmarkVersion: d.isCurrentBenchmarkVersion }} />
      <ReproduceSection
        command={recipe.command}
        steps={recipe.steps}
        versions={[
          ["Code version", p?.code_version ?? null],
          ["Benchmark", `${e.benchmarkId} v${e.benchmarkVersion}`],
          [
            "Dataset fingerprint",
            p?.dataset?.sha256 ? `${p.dataset.sha256}${p.dataset.n_images === undefined ? "" : ` (${p.dataset.n_images} images)`}` : null,
          ],
          ["Weights hash", p?.weights_hash ?? d.model.weightsHash],
          ["Backend", p?.backend ? `${p.backend.name} ${p.backend.version}` : null],
        ]}
      />
      <ImageExplorer
        resultId={e.id}
        disagree={images.disagree}
        agree={images.agree}
        total={images.total}
        imagesShown={def?.dataset.imagesShown ?? false}
        licence={def?.dataset.licence ?? ""}
      />
      <p>
        Every image&apos;s values:{" "}
        <a href={`/api/v1/results/${e.id}/images.csv`} download>
          CSV
        </a>
        ,{" "}
        <a href={`/api/v1/results/${e.id}/images.json`} download>
          JSON
        </a>
      </p>
      {d.access.isPublic && (
        <CitationBlock label={`result ${e.id}`} fileStem={citation.key} bibtex={citation.bibtex} csl={citation.csl} text={citation.text} />
      )}
      <p>
        <a href={`/api/v1/results/${e.id}`}>This result as JSON</a>
      </p>
      {d.access.canPublish && <PublishForm action={`/api/v1/results/${e.id}/publish`} what="result" />}
    </article>
  );
}
