/** Every evaluation of a model: one row per benchmark version, each metric with its 95% interval. */
import Link from "next/link";
import { METRIC_IDS, METRICS } from "@/lib/metrics/registry";
import { formatDate, formatWithCi } from "@/components/format";
import { withBoardFrom } from "@/components/leaderboard/board-href";
import { DemoBadge } from "@/components/leaderboard/demo-badge";
import type { EvaluationView } from "./types";

const ORDER = METRIC_IDS;

/** `from`: the board the visitor came from (validated), carried to the result pages so their back link returns there. */
export function ScoreTable({ evaluations, from = null }: { evaluations: EvaluationView[]; from?: string | null }) {
  if (evaluations.length === 0) return <p className="muted">No public evaluation yet.</p>;
  const shown = ORDER.filter((id) => evaluations.some((e) => e.scores[id]));
  return (
    <div className="table-scroll" role="region" aria-labelledby="scores-caption" tabIndex={0}>
      <table>
        <caption id="scores-caption">Scores per benchmark and version, with 95% bootstrap intervals over images.</caption>
        <thead>
          <tr>
            <th scope="col">Benchmark</th>
            <th scope="col">Version</th>
            {shown.map((id) => (
              <th key={id} scope="col" className="num">
                <abbr title={METRICS[id].description}>{METRICS[id].shortLabel}</abbr>
              </th>
            ))}
            <th scope="col" className="num">
              Images
            </th>
            <th scope="col">Evaluated</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {evaluations.map((e) => (
            <tr key={e.id} className={e.isDemo ? "is-demo" : undefined}>
              <th scope="row">
                <Link href={`/benchmarks/${e.benchmarkId}`}>{e.benchmarkTitle}</Link>
                {e.isDemo && (
                  <>
                    {" "}
                    <DemoBadge />
                  </>
                )}
              </th>
              <td>
                v{e.benchmarkVersion}{" "}
                {e.isCurrentBenchmarkVersion ? (
                  <span className="badge badge-current">current</span>
                ) : (
                  <span className="muted">(older version)</span>
                )}
                {!e.isCurrent && <span className="muted"> superseded</span>}
                {e.visibility !== undefined && e.visibility !== "public" && (
                  <>
                    {" "}
                    <span className="badge">private — only you can see this</span>
                  </>
                )}
              </td>
              {shown.map((id) => (
                <td key={id} className="num">
                  {e.scores[id] ? formatWithCi(id, e.scores[id].value, e.scores[id].ci95) : "—"}
                </td>
              ))}
              <td className="num">
                {e.nImages.toLocaleString("en-US")}
                {e.nUndefined > 0 && <span className="training-data">{e.nUndefined} undefined ρ</span>}
              </td>
              <td>{formatDate(e.createdAt)}</td>
              <td>
                {e.isDemo ? (
                  <span className="muted">—</span>
                ) : (
                  <Link href={withBoardFrom(`/results/${e.id}`, from)}>provenance, per-image explorer, cite</Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
