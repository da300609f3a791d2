/** /api/v1/jobs/:id (status JSON), /api/v1/jobs/:id/cancel and /api/v1/jobs/:id/requeue (owner or admin). */
import type { RequestContext } from "@/lib/auth";
import { requireCaller, resolveCaller } from "@/lib/auth/caller";
import type { JobStatusView } from "@/lib/queries/jobs";
import { cancelJobForViewerOrThrow, getJobForViewerOrThrow, requeueJobForViewerOrThrow } from "@/lib/queries/submissions";
import { parseJobId } from "./path-params";
import { json } from "./private-json";
import { answer } from "./route-errors";

function waitingForJson(w: JobStatusView["waitingFor"]) {
  if (!w) return null;
  const getData = w.getData && { command: w.getData.command, needs_internet: w.getData.needsInternet };
  return { benchmark: w.benchmark, minutes: w.minutes, message: w.message, get_data: getData };
}

function resultJson(r: JobStatusView["result"]) {
  if (!r) return null;
  return {
    id: r.evaluationId,
    metric: r.metric,
    score: r.value,
    ci95: r.ci95,
    rank: r.rank,
    rank_best: r.rankBest,
    board_size: r.boardSize,
    public: r.isPublic,
    // Only its owner (and admins) are shown a private result, and its page opens for them.
    url: r.url,
  };
}

export function jobStatusJson(s: JobStatusView) {
  return {
    id: s.id,
    status: s.status,
    model_slug: s.modelSlug,
    benchmark: s.benchmark,
    queue_position: s.queuePosition,
    waiting_for: waitingForJson(s.waitingFor),
    progress: s.progress,
    eta_seconds: s.etaSeconds,
    attempts: s.attempts,
    max_attempts: s.maxAttempts,
    failure_class: s.failureClass,
    failure_message: s.failureMessage,
    log_excerpt: s.logExcerpt,
    history: s.history,
    evaluation_id: s.evaluationId,
    result: resultJson(s.result),
    created_at: s.createdAt,
    finished_at: s.finishedAt,
  };
}

/** HTML form posts get a redirect back to a page; scripts get JSON. */
export function wantsRedirect(req: Request): boolean {
  return (req.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
}

export async function handleGetJob(ctx: RequestContext, req: Request, rawId: string): Promise<Response> {
  return answer(async () => {
    const viewer = await resolveCaller(ctx.db, ctx.auth, req.headers);
    return json({ job: jobStatusJson(await getJobForViewerOrThrow(ctx.db, parseJobId(rawId), viewer)) });
  });
}

export async function handleCancelJob(ctx: RequestContext, req: Request, rawId: string): Promise<Response> {
  return answer(async () => {
    const caller = await requireCaller(ctx.db, ctx.auth, req, ctx.siteOrigin);
    const id = parseJobId(rawId);
    await cancelJobForViewerOrThrow(ctx.db, id, caller);
    const status = await getJobForViewerOrThrow(ctx.db, id, caller);
    if (wantsRedirect(req)) return Response.redirect(new URL(`/submissions/${status.modelSlug}`, req.url), 303);
    return json({ job: jobStatusJson(status) });
  });
}

/** A cancelled or failed evaluation runs again (three more attempts); a form post returns to the status page. */
export async function handleRequeueJob(ctx: RequestContext, req: Request, rawId: string): Promise<Response> {
  return answer(async () => {
    const caller = await requireCaller(ctx.db, ctx.auth, req, ctx.siteOrigin);
    const id = parseJobId(rawId);
    await requeueJobForViewerOrThrow(ctx.db, id, caller);
    const status = await getJobForViewerOrThrow(ctx.db, id, caller);
    // A relative Location: the request's own URL may name the application server behind the front.
    if (wantsRedirect(req))
      return new Response(null, { status: 303, headers: { Location: `/submissions/${status.modelSlug}`, "Cache-Control": "no-store" } });
    return json({ job: jobStatusJson(status) });
  });
}
