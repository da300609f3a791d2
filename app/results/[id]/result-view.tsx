/**
 * One result's page, rendered from what page.tsx loaded: scores with intervals, provenance, the reproduce recipe and
 * the citation (neither for a demo model), the per-image explorer, and the way back to the board the visitor came from.
 */
import Link from "next/link";
import { CitationBlock } from "@/components/citation/citation-block";
import { NotCitable } from "@/components/citation/not-citable";
import { classNamesOf } from "@/components/explorer/class-names";
import type { ImageListQuery } from "@/components/explorer/explorer-query";
import { ImageExplorer } from "@/components/explorer/image-explorer";
import type { ImageListPage } from "@/components/explorer/all-images";
import { formatDate, formatWithCi } from "@/components/format";
import { withBoardFrom } from "@/components/leaderboard/board-href";
import { DemoBanner } from "@/components/leaderboard/demo-badge";
import { BackToBoard } from "@/components/model/back-to-board";
import { WithdrawnBanner } from "@/components/model/model-history";
import { PrivateBanner, PublishForm } from "@/components/model/private-view";
import { ProvenanceCard } from "@/components/model/provenance-card";
import { ReproduceSection } from "@/components/provenance/reproduce-section";
import { HowChart } from "@/components/tracks/how-chart";
import { findBenchmark } from "@/lib/benchmarks";
import { isMetricId, METRICS } from "@/lib/metrics/registry";
import type { ImageExtreme, ResultDetail } from "@/lib/queries/results";
import type { HowCurve } from "@/lib/queries/tracks";
import { formatLabel } from "@/lib/submissions/format-label";
import { describeCrossCheck } from "@/lib/types/cross-check";

export type ResultViewProps = {
  d: ResultDetail;
  images: { disagree: ImageExtreme[]; agree: ImageExtreme[]; total: number };
  list: ImageListPage;
  listQuery: ImageListQuery;
  /** The citation in its three forms; null where the page offers none (demo models). */
  citation: { key: string; bibtex: string; csl: unknown[]; text: string } | null;
  /** The reproduce recipe; null for demo models. */
  recipe: { command: string; steps: string[] } | null;
  how: HowCurve | null;
  /** Where "Back to the leaderboard" goes: the validated `from`, else the result's own board. */
  backHref: string;
};

export function ResultView({ d, images, list, listQuery, citation, recipe, how, backHref }: ResultViewProps) {
  const e = d.evaluation;
  const def = findBenchmark(e.benchmarkId);
  const p = e.provenance;
  const isDemo = e.isDemo || d.model.isDemo;
  return (
    <article>
      <p className="page-kicker">
        Result {e.id} · evaluated {formatDate(e.createdAt)}
      </p>
      <h1>
        <Link href={withBoardFrom(`/models/${encodeURIComponent(d.model.slug)}`, listQuery.from)}>{d.model.displayName}</Link> on{" "}
        {d.benchmarkTitle} v{e.benchmarkVersion}
      </h1>
      {isDemo && <DemoBanner what="This result is demo data" />}
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
      {isDemo && <NotCitable />}
      {!isDemo && recipe && (
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
      )}
      <ImageExplorer
        resultId={e.id}
        disagree={images.disagree}
        agree={images.agree}
        total={images.total}
        imagesShown={def?.dataset.imagesShown ?? false}
        licence={def?.dataset.licence ?? ""}
        classNames={classNamesOf(def)}
        list={list}
        listQuery={listQuery}
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
      {!isDemo && d.access.isPublic && citation && (
        <CitationBlock label={`result ${e.id}`} fileStem={citation.key} bibtex={citation.bibtex} csl={citation.csl} text={citation.text} />
      )}
      <p>
        <a href={`/api/v1/results/${e.id}`}>This result as JSON</a>
      </p>
      {d.access.canPublish && <PublishForm action={`/api/v1/results/${e.id}/publish`} what="result" />}
      <BackToBoard href={backHref} />
    </article>
  );
}
