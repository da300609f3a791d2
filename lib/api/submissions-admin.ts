/** /api/v1/admin/*: moderation and queue actions, admin role only, same-origin for cookie callers. */
import { z } from "zod";
import type { RequestContext } from "@/lib/auth";
import { requireAdmin } from "@/lib/auth/caller";
import { AppError } from "@/lib/errors";
import { requeueJob, setModelFlag, setModelHidden } from "@/lib/queries/admin";
import { cancelJobForViewerOrThrow } from "@/lib/queries/submissions";
import { readActionBody } from "./action-body";
import { decodePathParam, parseJobId } from "./path-params";
import { wantsRedirect } from "./submissions-jobs";
import { json } from "./private-json";
import { answer } from "./route-errors";

const ModelAction = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("hide") }),
    z.object({ action: z.literal("unhide") }),
    z.object({ action: z.literal("flag"), reason: z.string().trim().min(1, "reason is required to flag a model").max(500) }),
    z.object({ action: z.literal("unflag") }),
  ],
  { error: "action must be one of hide, unhide, flag, unflag" },
);

const JobAction = z.object({ action: z.enum(["cancel", "requeue"], { error: "action must be cancel or requeue" }) });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0].message);
  return parsed.data;
}

const done = (req: Request, body: unknown) => (wantsRedirect(req) ? Response.redirect(new URL("/admin", req.url), 303) : json(body));

export async function handleAdminModel(ctx: RequestContext, req: Request, slug: string): Promise<Response> {
  return answer(async () => {
    await requireAdmin(ctx.db, ctx.auth, req, ctx.siteOrigin);
    const name = decodePathParam(slug, "slug");
    const action = parse(ModelAction, await readActionBody(req));
    const model =
      action.action === "hide" || action.action === "unhide"
        ? await setModelHidden(ctx.db, name, action.action === "hide")
        : await setModelFlag(ctx.db, name, action.action === "flag" ? action.reason : null);
    return done(req, { model: { slug: model.slug, visibility: model.visibility, flag_reason: model.flagReason } });
  });
}

export async function handleAdminJob(ctx: RequestContext, req: Request, rawId: string): Promise<Response> {
  return answer(async () => {
    const admin = await requireAdmin(ctx.db, ctx.auth, req, ctx.siteOrigin);
    const id = parseJobId(rawId);
    const { action } = parse(JobAction, await readActionBody(req));
    const job = action === "cancel" ? await cancelJobForViewerOrThrow(ctx.db, id, admin) : await requeueJob(ctx.db, id);
    return done(req, { job: { id: job.id, status: job.status } });
  });
}
