/**
 * The leaderboard table: the board's numbers as text (and the scatter's text alternative). Sorting and
 * pagination are links; ranks are global on the benchmark version, so filters never renumber them.
 * On phones (under 600 px) family, parameters, human data and date are hidden ("col-wide"), so rank, model, top-1 and
 * the score fit the screen without scrolling the table.
 */
import Link from "next/link";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";
import { METRICS, type MetricId } from "@/lib/metrics/registry";
import { formatDate, formatParams, formatWithCi } from "@/components/format";
import { boardHref, withBoardFrom } from "./board-href";
import { DemoBadge } from "./demo-badge";
import { RankCell } from "./rank-cell";
import { SortHeader } from "./sort-header";
import type { BoardRow } from "./types";

/** "61.5% [59.8, 63.1]" as the value and its interval, so a phone can put the interval on a line of its own. */
function WithCi({ text }: { text: string }) {
  const at = text.indexOf(" [");
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <span className="ci">{text.slice(at)}</span>
    </>
  );
}

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
  // Model pages link back to exactly this board (benchmark, filters, sort, page).
  const from = boardHref(basePath, query, {}, benchmarkInPath);
  return (
    <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table id={id} className="board leaderboard">
        <caption id={`${id}-caption`}>
          {benchmarkLabel}. Ranks are global on this benchmark version: filters hide rows but never renumber them.{" "}
          <span className="tie">(tied a–b)</span> means the 95% intervals admit any rank from a to b; ≈ marks an interval that overlaps a
          lower-ranked model&apos;s. Intervals are 95% bootstrap intervals over images.
          <span className="board-phone-note">
            {" "}
            On a narrow screen family, parameters, human data and date are hidden: turn the phone or download the CSV for every column.
          </span>
        </caption>
        <thead>
          <tr>
            <SortHeader label="Rank" sortKey="rank" {...h} />
            <SortHeader label="Model" sortKey="model" {...h} />
            <SortHeader label="Family" sortKey="family" className="col-wide" {...h} />
            <SortHeader label="Params" sortKey="params" numeric className="col-wide" {...h} />
            <SortHeader label={METRICS.top1.shortLabel} sortKey="top1" numeric {...h} />
            <SortHeader label={`${METRICS[rankedMetric].shortLabel} [95% CI]`} sortKey="alignment" numeric {...h} />
            <th scope="col" className="col-wide">
              Human data
            </th>
            <SortHeader label="Evaluated" sortKey="date" className="col-wide" {...h} />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.slug} className={r.isDemo ? "is-demo" : undefined}>
              <td>
                <RankCell row={r} />
              </td>
              <th scope="row" className="model-cell">
                <Link href={withBoardFrom(`/models/${encodeURIComponent(r.slug)}`, from)}>{r.displayName}</Link>
                {r.isDemo && (
                  <>
                    {" "}
                    <DemoBadge />
                  </>
                )}
              </th>
              <td className="col-wide">{r.family}</td>
              <td className="num col-wide">{formatParams(r.paramCount)}</td>
              <td className="num">
                <WithCi text={formatWithCi("top1", r.top1, r.top1Ci)} />
              </td>
              <td className="num alignment-cell">
                <WithCi text={formatWithCi(rankedMetric, r.alignment, r.alignmentCi)} />
              </td>
              <td className="col-wide">
                {r.trainedOnHumanMaps ? (
                  <span className="flag flag-human" title={`Trained on human maps (${r.trainingData})`}>
                    ▲ yes
                  </span>
                ) : (
                  <span className="flag">no</span>
                )}
                <span className="training-data">{r.trainingData}</span>
              </td>
              <td className="col-wide">{formatDate(r.evaluatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
