"use client";
// One evaluation job's live status: polls /api/v1/jobs/:id every 2 s while it is queued or running.
import { useEffect, useState } from "react";
import { explainFailure, formatEta } from "./failure-text";
import { attemptText, JobResultSummary, type JobResultJson } from "./job-result";
import { TableScroll } from "@/components/site/table-scroll";

export type JobStatusJson = {
  id: number;
  status: string;
  benchmark: { id: string; version: number };
  queue_position: number | null;
  waiting_for: { message: string; get_data: { command: string; needs_internet: boolean } | null } | null;
  progress: { done: number; total: number | null; fraction: number | null };
  eta_seconds: number | null;
  attempts: number;
  max_attempts: number;
  failure_class: string | null;
  failure_message: string | null;
  log_excerpt: string | null;
  result: JobResultJson | null;
  history: { attempt: number; worker: string | null; startedAt: string | null; endedAt: string; outcome: string; message?: string }[];
};

const ACTIVE = new Set(["queued", "running"]);
/** What its owner may run again (POST /api/v1/jobs/:id/requeue); a succeeded evaluation's result stands. */
const RERUNNABLE = new Set(["failed", "cancelled"]);

export function JobStatus({ initial, canCancel }: { initial: JobStatusJson; canCancel: boolean }) {
  const [job, setJob] = useState(initial);
  useEffect(() => {
    if (!ACTIVE.has(job.status)) return;
    const timer = setTimeout(async () => {
      const res = await fetch(`/api/v1/jobs/${job.id}`, { cache: "no-store" }).catch(() => null);
      if (res?.ok) setJob(((await res.json()) as { job: JobStatusJson }).job);
      else setJob((j) => ({ ...j })); // keep polling after a failed request
    }, 2000);
    return () => clearTimeout(timer);
  }, [job]);

  const eta = formatEta(job.eta_seconds);
  const explanation = explainFailure(job.failure_class, job.status);
  return (
    <section className="card" aria-labelledby={`job-${job.id}`}>
      <h3 id={`job-${job.id}`}>
        {job.benchmark.id} v{job.benchmark.version} — <span aria-live="polite">{job.status}</span>
      </h3>
      {job.status === "queued" && job.waiting_for && (
        <div className="notice-info" role="status">
          <p>{job.waiting_for.message}</p>
          {job.waiting_for.get_data && (
            <p>
              To get the data for the local worker, run <code>{job.waiting_for.get_data.command}</code>
              {job.waiting_for.get_data.needs_internet && " (it needs internet)"}; the worker picks it up at its next claim, without a
              restart.
            </p>
          )}
        </div>
      )}
      {job.status === "queued" && !job.waiting_for && job.queue_position !== null && <p>Position in the queue: {job.queue_position}</p>}
      {job.status === "running" && (
        <p>
          <label htmlFor={`progress-${job.id}`}>
            Progress {job.progress.fraction !== null ? `${Math.round(job.progress.fraction * 100)}%` : "starting"}
            {job.progress.total !== null && ` (${job.progress.done} / ${job.progress.total} images)`}
            {eta && `, about ${eta} left`}
          </label>{" "}
          <progress id={`progress-${job.id}`} max={1} value={job.progress.fraction ?? undefined} />
        </p>
      )}
      {job.status === "succeeded" && job.result && <JobResultSummary result={job.result} />}
      <p className="muted">{attemptText(job)}</p>
      {explanation && <p>{explanation}</p>}
      {job.failure_message && (
        <p>
          <strong>Reason:</strong> {job.failure_message}
        </p>
      )}
      {job.log_excerpt && (
        <details open={job.status === "failed"}>
          <summary>Log excerpt</summary>
          <pre>{job.log_excerpt}</pre>
        </details>
      )}
      {job.history.length > 0 && (
        <TableScroll label="Attempts">
          <table>
            <caption>Attempts</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Worker</th>
                <th scope="col">Ended</th>
                <th scope="col">Outcome</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {job.history.map((h, i) => (
                <tr key={i}>
                  <td>{h.attempt}</td>
                  <td>{h.worker ?? "—"}</td>
                  <td>{h.endedAt.slice(0, 19).replace("T", " ")}</td>
                  <td>{h.outcome}</td>
                  <td>{h.message ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canCancel && ACTIVE.has(job.status) && (
        <form method="post" action={`/api/v1/jobs/${job.id}/cancel`}>
          <button type="submit">Cancel this evaluation</button>
        </form>
      )}
      {canCancel && RERUNNABLE.has(job.status) && (
        <form method="post" action={`/api/v1/jobs/${job.id}/requeue`}>
          <button type="submit">Re-queue this evaluation</button>{" "}
          <span className="muted">runs it again with up to 3 more attempts; to change the preprocessing, resubmit as a new version</span>
        </form>
      )}
    </section>
  );
}
