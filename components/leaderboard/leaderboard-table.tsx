/**
 * The leaderboard table: the board's numbers as text (and the scatter's text alternative). Sorting and
 * pagination are links; ranks are global on the benchmark version, so filters never renumber them.
 */
import Link from "next/link";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";
import { METRICS, type MetricId } from "@/lib/metrics/registry";
import { formatDate, formatParams, formatWithCi } from "@/components/format";
import { DemoBadge } from "./demo-badge";
import { RankCell } from "./rank-cell";
import { SortHeader } from "./sort-header";
import type { BoardRow } from "./types";

type Props = {
  id: string;
  rows: BoardRow[];
  query: LeaderboardQuery;
  basePath: string;
  benchmarkInPath: boolean;
  benchmarkLabel: string;
  /** The metric the ranked (alignment) column holds on this board: ClickMe alignment, or e.g. the psychophysics score. */
  rankedMetric?: MetricId;
};

export function LeaderboardTable({ id, rows, query, basePath, benchmarkInPath, benchmarkLabel, rankedMetric = "alignment" }: Props) {
  const h = { query, basePath, benchmarkInPath };
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table id={id} className="board">
        <caption id={`${id}-caption`}>
          {benchmarkLabel}. Ranks are global on this benchmark version: filters hide rows but never renumber
          them. <span className="tie">(tied a–b)</span> means the 95% intervals admit any rank from a to b;
          ≈ marks an interval that overlaps a lower-ranked model&apos;s. Intervals are 95% bootstrap intervals over images.
        </caption>
        <thead>
          <tr>
            <SortHeader label="Rank" sortKey="rank" {...h} />
            <SortHeader label="Model" sortKey="model" {...h} />
            <SortHeader label="Family" sortKey="family" {...h} />
            <SortHeader label="Params" sortKey="params" numeric {...h} />
            <SortHeader label={METRICS.top1.shortLabel} sortKey="top1" numeric {...h} />
            <SortHeader label={`${METRICS[rankedMetric].shortLabel} [95% CI]`} sortKey="alignment" numeric {...h} />
            <th scope="col">Human data</th>
            <SortHeader label="Evaluated" sortKey="date" {...h} />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.slug} className={r.isDemo ? "is-demo" : undefined}>
              <td><RankCell row={r} /></td>
              <th scope="row" className="model-cell">
                <Link href={`/models/${encodeURIComponent(r.slug)}`}>{r.displayName}</Link>
                {r.isDemo && <> <DemoBadge /></>}
              </th>
              <td>{r.family}</td>
              <td className="num">{formatParams(r.paramCount)}</td>
              <td className="num">{formatWithCi("top1", r.top1, r.top1Ci)}</td>
              <td className="num alignment-cell">{formatWithCi(rankedMetric, r.alignment, r.alignmentCi)}</td>
              <td>
                {r.trainedOnHumanMaps ? (
                  <span className="flag flag-human" title={`Trained on human maps (${r.trainingData})`}>▲ yes</span>
                ) : (
                  <span className="flag">no</span>
                )}
                <span className="training-data">{r.trainingData}</span>
              </td>
              <td>{formatDate(r.evaluatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
