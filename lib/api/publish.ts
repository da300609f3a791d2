/**
 * POST /api/v1/results/:id/publish and POST /api/v1/models/:slug/publish: the owner (token, or session from this
 * site) makes a private result or model public. A form post must carry confirm=yes (the page's confirmation box) and
 * is answered with a redirect to the published page; scripts get JSON.
 */
import type { RequestContext } from "@/lib/auth";
import { requireCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/errors";
import { publishModelOrThrow, publishResultOrThrow, type PublishOutcome } from "@/lib/queries/publish";
import { readActionBody } from "./action-body";
import { decodePathParam, parseIdParam } from "./path-params";
import { json } from "./private-json";
import { answer } from "./route-errors";
import { wantsRedirect } from "./submissions-jobs";

async function assertConfirmed(req: Request): Promise<void> {
  if (!wantsRedirect(req)) return;
  const { confirm } = await readActionBody(req);
  if (confirm !== "yes") throw new AppError("bad_request", "Tick the box to confirm that this becomes public for good, then publish.");
}

/** A relative Location: the request's own URL may name the application server behind the front. */
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

function published(outcome: PublishOutcome) {
  return { published: { model: outcome.modelSlug, results: outcome.evaluationIds, already_public: outcome.alreadyPublic } };
}

export async function handlePublishResult(ctx: RequestContext, req: Request, rawId: string): Promise<Response> {
  return answer(async () => {
    const caller = await requireCaller(ctx.db, ctx.auth, req, ctx.siteOrigin);
    const id = parseIdParam(rawId, "result");
    await assertConfirmed(req);
    const outcome = await publishResultOrThrow(ctx.db, id, caller);
    if (wantsRedirect(req)) return seeOther(`/results/${id}`);
    return json(published(outcome));
  });
}

export async function handlePublishModel(ctx: RequestContext, req: Request, rawSlug: string): Promise<Response> {
  return answer(async () => {
    const caller = await requireCaller(ctx.db, ctx.auth, req, ctx.siteOrigin);
    const slug = decodePathParam(rawSlug, "slug");
    await assertConfirmed(req);
    const outcome = await publishModelOrThrow(ctx.db, slug, caller);
    if (wantsRedirect(req)) return seeOther(`/models/${encodeURIComponent(outcome.modelSlug)}`);
    return json(published(outcome));
  });
}
