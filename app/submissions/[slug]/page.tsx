// /submissions/:slug — a submission's status, addressed by its model slug (one model may have a job per benchmark).
// Private and hidden models answer 404 to anyone but their owner and admins, so their existence does not leak.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getRequestContext } from "@/lib/auth";
import { getViewer } from "@/lib/auth/session";
import { jobStatusJson } from "@/lib/api/submissions-jobs";
import { AppError } from "@/lib/errors";
import { getSubmissionOrThrow } from "@/lib/queries/submissions";
import { JobStatus } from "@/components/status/job-status";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Submission status" };

export default async function SubmissionPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const [viewer, { db }] = await Promise.all([getViewer(), getRequestContext()]);
  const view = await getSubmissionOrThrow(db, slug, viewer).catch((err) => {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  });
  const { model } = view;
  return (
    <>
      <p className="page-kicker">Submission</p>
      <h1>{model.displayName}</h1>
      {model.visibility !== "public" && (
        <p className="badge">{model.visibility === "private" ? "Private: only you and the admins see it" : "Hidden by an admin"}</p>
      )}
      {model.flagReason && (
        <p className="notice-info" role="note">
          <strong>Flagged:</strong> {model.flagReason}
        </p>
      )}
      <dl className="meta-grid">
        <div>
          <dt>Owner</dt>
          <dd>{model.ownerName}</dd>
        </div>
        <div>
          <dt>Submitted</dt>
          <dd>{model.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>{model.format}</dd>
        </div>
        <div>
          <dt>Parameters</dt>
          <dd>{model.paramCount?.toLocaleString("en") ?? "—"}</dd>
        </div>
        <div>
          <dt>Weights sha256</dt>
          <dd>
            <code>{model.weightsHash?.slice(0, 16)}…</code>
          </dd>
        </div>
        <div>
          <dt>Preprocessing</dt>
          <dd>
            scale {model.preprocessing.scale.toPrecision(4)}, mean {model.preprocessing.mean.join(", ")}, std{" "}
            {model.preprocessing.std.join(", ")}
          </dd>
        </div>
      </dl>
      {model.visibility === "public" && (
        <p>
          <Link href={`/models/${model.slug}`}>Model page and results</Link>
        </p>
      )}
      {view.previousVersion && (
        <p>
          Previous version: <Link href={`/submissions/${view.previousVersion.slug}`}>{view.previousVersion.displayName}</Link>
        </p>
      )}
      {view.nextVersions.map((v) => (
        <p key={v.slug}>
          Newer version: <Link href={`/submissions/${v.slug}`}>{v.displayName}</Link>
        </p>
      ))}
      <h2>Evaluations</h2>
      {view.jobs.length === 0 && <p>No evaluation was queued: no current benchmark fits this model&apos;s {model.numClasses} classes.</p>}
      {view.jobs.map((j) => (
        <JobStatus key={j.id} initial={jobStatusJson(j)} canCancel={view.canManage} />
      ))}
      {view.canManage && (
        <p>
          <Link href={`/submit?resubmit=${encodeURIComponent(model.slug)}`}>Resubmit as a new version</Link>
        </p>
      )}
    </>
  );
}
