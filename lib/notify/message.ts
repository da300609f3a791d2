/** The words of an "evaluation ended" notification, from the job as GET /api/v1/jobs/{id} shows it to its owner. */
import { formatMetricValue, isMetricId, METRICS } from "@/lib/metrics/registry";

export type EndedJob = {
  id: number;
  status: string;
  model_slug: string;
  benchmark: { id: string; version: number };
  attempts: number;
  max_attempts: number;
  failure_class: string | null;
  failure_message: string | null;
  result: {
    id: number;
    metric: string;
    score: number | null;
    ci95: [number, number] | null;
    rank: number | null;
    board_size: number;
    public: boolean;
    url: string | null;
  } | null;
};

export type EndedMessage = { subject: string; text: string };

function scoreText(r: NonNullable<EndedJob["result"]>): string {
  if (!isMetricId(r.metric)) return `${r.metric} ${r.score ?? "undefined"}`;
  const m = METRICS[r.metric];
  if (r.score === null) return `${m.label}: undefined`;
  const ci = r.ci95 ? ` (95% CI ${formatMetricValue(m, r.ci95[0])}–${formatMetricValue(m, r.ci95[1])})` : "";
  return `${m.label} ${formatMetricValue(m, r.score)}${ci}`;
}

export function evaluationEndedMessage(job: EndedJob, modelName: string, siteUrl: string): EndedMessage {
  const site = siteUrl.replace(/\/$/, "");
  const board = `${job.benchmark.id} v${job.benchmark.version}`;
  const status = `${site}/submissions/${encodeURIComponent(job.model_slug)}`;
  if (job.status === "succeeded" && job.result) {
    const r = job.result;
    const rank = r.rank === null ? "not ranked" : `rank ${r.rank} of ${r.board_size}`;
    const rankLine =
      r.rank === null && !r.public
        ? "Not ranked: the result is private until you publish it."
        : `${rank[0].toUpperCase()}${rank.slice(1)}.`;
    return {
      subject: `${modelName} on ${board}: ${scoreText(r)}, ${rank}`,
      text: [
        `Your evaluation of ${modelName} on ${board} succeeded (attempt ${job.attempts} of ${job.max_attempts}).`,
        "",
        `${scoreText(r)}`,
        rankLine,
        "",
        `Result: ${site}${r.url ?? `/results/${r.id}`}`,
        `Status page: ${status}`,
      ].join("\n"),
    };
  }
  return {
    subject: `${modelName} on ${board}: the evaluation failed`,
    text: [
      `Your evaluation of ${modelName} on ${board} failed after attempt ${job.attempts} of ${job.max_attempts}` +
        `${job.failure_class ? ` (${job.failure_class.replace("_", " ")})` : ""}.`,
      "",
      job.failure_message ?? "No message was recorded.",
      "",
      `Status page (log excerpt, re-queue): ${status}`,
    ].join("\n"),
  };
}
