/**
 * A benchmark board: demo banner, ignored-filter notice, the scatter, the filters, the table and its pages.
 * Pure rendering from data the page loaded.
 */
import Link from "next/link";
import { findBenchmark } from "@/lib/benchmarks";
import { RAW_SCORE_LABEL } from "@/lib/benchmarks/manifest";
import type { ReferencePointInput } from "@/lib/charts/arrows";
import type { ScatterPointInput } from "@/lib/charts/scatter-model";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";
import { ScatterPanel } from "@/components/scatter/scatter-panel";
import { boardHref } from "./board-href";
import { BoardDownloads } from "./board-downloads";
import { DemoBanner } from "./demo-badge";
import { FiltersForm } from "./filters-form";
import { IgnoredFilters, type IgnoredParam } from "./ignored-filters";
import { LeaderboardTable } from "./leaderboard-table";
import { PageSizeControl } from "./page-size-control";
import { Pagination } from "./pagination";
import type { BoardRow } from "./types";

export type BoardViewProps = {
  basePath: string;
  benchmarkInPath: boolean;
  benchmark: { id: string; version: number; title: string; ceiling: number | null; isCurrentVersion: boolean };
  query: LeaderboardQuery;
  errors: IgnoredParam[];
  /** The page the URL asked for; above `query.page` when it was past the last page (then clamped). */
  requestedPage: number;
  rows: BoardRow[];
  total: number;
  totalUnfiltered: number;
  facets: { families: string[]; trainingData: string[] };
  hasDemo: boolean;
  filtered: boolean;
  scatter: (ScatterPointInput & { top1: number; alignment: number })[];
  /** Points in the view; the embedded `scatter` holds the front and the best-ranked, `pointsUrl` serves all. */
  scatterTotal: number;
  pointsUrl: string | null;
  reference: ReferencePointInput[];
  /** The page's query, so the chart renders the layers and zoom it names on the server too. */
  searchParams?: Record<string, string | string[] | undefined>;
};

const n = (v: number) => v.toLocaleString("en-US");

export function BoardView(p: BoardViewProps) {
  const { query, benchmark } = p;
  const tableId = `board-${benchmark.id}`;
  const first = (query.page - 1) * query.pageSize + 1;
  const last = Math.min(p.total, query.page * query.pageSize);
  const pages = Math.max(1, Math.ceil(p.total / query.pageSize));
  return (
    <>
      {p.hasDemo && <DemoBanner what="This board shows demo data" />}
      <IgnoredFilters errors={p.errors} clearHref={boardHref(p.basePath, query, {}, p.benchmarkInPath)} />
      {!benchmark.isCurrentVersion && (
        <div className="notice notice-info" role="note">
          You are viewing version {benchmark.version} of this benchmark, not the current one.{" "}
          <Link href={boardHref(p.basePath, query, { version: null, page: 1 }, p.benchmarkInPath)}>Show the current version</Link>
        </div>
      )}
      <h2 id="chart-heading">Accuracy against alignment</h2>
      {findBenchmark(benchmark.id)?.manifest?.ceiling.kind === "none" && (
        <p className="notice" role="note">
          Scores on this board: {RAW_SCORE_LABEL}. This benchmark has no human ceiling, so its alignment column is the mean Spearman ρ
          itself, not divided by a ceiling.
        </p>
      )}
      {p.scatter.length > 0 ? (
        <ScatterPanel
          points={p.scatter}
          reference={p.reference}
          ceiling={benchmark.ceiling === null ? null : 1}
          benchmarkTitle={benchmark.title}
          benchmarkId={benchmark.id}
          tableId={tableId}
          filtered={p.filtered}
          total={p.scatterTotal}
          pointsUrl={p.pointsUrl}
          searchParams={p.searchParams}
          from={boardHref(p.basePath, query, {}, p.benchmarkInPath)}
        />
      ) : (
        <p className="muted">No model with both a top-1 accuracy and an alignment score matches these filters.</p>
      )}
      {p.pointsUrl && (
        <p className="muted">
          Without JavaScript the chart shows the Pareto front and the best-ranked models ({n(p.scatter.length)} of {n(p.scatterTotal)});
          with it, all {n(p.scatterTotal)} load. The table lists every model.
        </p>
      )}
      <h2 id="table-heading">Leaderboard</h2>
      <FiltersForm
        query={query}
        requestedVersion={query.version}
        basePath={p.basePath}
        benchmarkInPath={p.benchmarkInPath}
        facets={p.facets}
      />
      <p className="board-summary" role="status">
        {p.total === 0
          ? `No models match these filters (${n(p.totalUnfiltered)} on the board).`
          : `Showing ${n(first)}–${n(last)} of ${n(p.total)} models${p.filtered ? ` matching the filters (${n(p.totalUnfiltered)} on the board)` : ""}.`}
      </p>
      {p.requestedPage > query.page && (
        <div className="notice" role="status">
          There is no page {n(p.requestedPage)}:{" "}
          {p.total === 0 ? "no models match" : `the board has ${n(pages)} ${pages === 1 ? "page" : "pages"}`}. Showing page {n(query.page)}.
        </div>
      )}
      {p.rows.length > 0 && (
        <LeaderboardTable
          id={tableId}
          rows={p.rows}
          query={query}
          basePath={p.basePath}
          benchmarkInPath={p.benchmarkInPath}
          benchmarkLabel={`${benchmark.title}, version ${benchmark.version}`}
          rankedMetric={findBenchmark(benchmark.id)?.primaryMetric}
        />
      )}
      <Pagination query={query} total={p.total} basePath={p.basePath} benchmarkInPath={p.benchmarkInPath} />
      {p.total > 0 && <PageSizeControl query={query} basePath={p.basePath} benchmarkInPath={p.benchmarkInPath} />}
      {p.total > 0 && (
        <BoardDownloads query={{ ...query, benchmark: benchmark.id }} benchmarkTitle={benchmark.title} filtered={p.filtered} />
      )}
    </>
  );
}
