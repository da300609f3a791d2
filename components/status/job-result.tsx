// A succeeded job's result on its status card, and the attempt line every card carries.
import Link from "next/link";
import { formatWithCi } from "@/components/format";
import { isMetricId, METRICS } from "@/lib/metrics/registry";

export type JobResultJson = {
  id: number;
  metric: string;
  score: number | null;
  ci95: [number, number] | null;
  rank: number | null;
  rank_best: number | null;
  board_size: number;
  public: boolean;
  url: string | null;
};

/** "not started yet · up to 3 attempts" before the first claim, "attempt 1 of 3" after. */
export function attemptText(job: { status: string; attempts: number; max_attempts: number }): string {
  if (job.attempts === 0) {
    return job.status === "queued" ? `not started yet · up to ${job.max_attempts} attempts` : "never started";
  }
  return `attempt ${job.attempts} of ${job.max_attempts}`;
}

function rankText(r: JobResultJson): string {
  if (r.rank === null) return r.public ? "not ranked" : "not ranked (private results are not on the public board)";
  const tie = r.rank_best !== null && r.rank_best < r.rank ? ` (tied ${r.rank_best}–${r.rank})` : "";
  return `${r.rank} of ${r.board_size}${tie}`;
}

export function JobResultSummary({ result: r }: { result: JobResultJson }) {
  const label = isMetricId(r.metric) ? METRICS[r.metric].label : r.metric;
  const score = isMetricId(r.metric) ? formatWithCi(r.metric, r.score, r.ci95) : String(r.score ?? "—");
  return (
    <dl className="meta-grid">
      <div>
        <dt>{label} (95% CI)</dt>
        <dd>{score}</dd>
      </div>
      <div>
        <dt>Rank</dt>
        <dd>{rankText(r)}</dd>
      </div>
      <div>
        <dt>Result</dt>
        <dd>
          {r.url ? <Link href={r.url}>Result {r.id}: scores, provenance and per-image maps</Link> : `Result ${r.id}`}
          {!r.public && " (private — only you can see this; publish it from its page)"}
        </dd>
      </div>
    </dl>
  );
}
