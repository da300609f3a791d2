/**
 * The owner's changes to a model after submission (issue #12 item 5), for scripts with a token (or the site's
 * session from its own pages): PATCH /api/v1/models/:slug edits display metadata, POST …/withdraw takes a public
 * model off the live boards, POST …/reinstate puts it back, DELETE /api/v1/models/:slug deletes a private model and
 * its files. The model page does the same through server actions (app/models/[slug]/actions.ts).
 */
import type { RequestContext } from "@/lib/auth";
import { requireCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/errors";
import { editModelOrThrow, reinstateModelOrThrow, withdrawModelOrThrow } from "@/lib/queries/model-edits";
import { deletePrivateModelWithFiles } from "@/lib/submissions/delete-model";
import { listModelHistory } from "@/lib/queries/models";
import { parseModelEdit, parseWithdrawReason } from "@/lib/types/model-edit";
import type { ModelRow } from "@/db/schema";
import { readActionBody } from "./action-body";
import { decodePathParam } from "./path-params";
import { json } from "./private-json";
import { answer } from "./route-errors";
import { historyJson, modelJson } from "./serialize";

async function actorOf(ctx: RequestContext, req: Request) {
  const caller = await requireCaller(ctx.db, ctx.auth, req, ctx.siteOrigin);
  return { id: caller.id, role: caller.role, name: caller.name };
}

async function withHistory(ctx: RequestContext, model: ModelRow) {
  return { model: modelJson(model), history: historyJson(await listModelHistory(ctx.db, model.id)) };
}

export async function handleEditModel(ctx: RequestContext, req: Request, rawSlug: string): Promise<Response> {
  return answer(async () => {
    const actor = await actorOf(ctx, req);
    const slug = decodePathParam(rawSlug, "slug");
    const parsed = parseModelEdit(await readActionBody(req));
    if (!parsed.ok) {
      const [first, ...rest] = parsed.errors;
      throw new AppError("bad_request", `${first.message}${rest.length ? ` (and ${rest.length} more)` : ""}`, { fields: parsed.errors });
    }
    const { model, changes } = await editModelOrThrow(ctx.db, slug, actor, parsed.value);
    return json({ ...(await withHistory(ctx, model)), changed: changes.map((c) => c.field) });
  });
}

export async function handleWithdrawModel(ctx: RequestContext, req: Request, rawSlug: string): Promise<Response> {
  return answer(async () => {
    const actor = await actorOf(ctx, req);
    const slug = decodePathParam(rawSlug, "slug");
    const reason = parseWithdrawReason((await readActionBody(req)).reason);
    if (!reason.ok) throw new AppError("bad_request", reason.error.message, { fields: [reason.error] });
    return json(await withHistory(ctx, await withdrawModelOrThrow(ctx.db, slug, actor, reason.value)));
  });
}

export async function handleReinstateModel(ctx: RequestContext, req: Request, rawSlug: string): Promise<Response> {
  return answer(async () => {
    const actor = await actorOf(ctx, req);
    const slug = decodePathParam(rawSlug, "slug");
    await readActionBody(req);
    return json(await withHistory(ctx, await reinstateModelOrThrow(ctx.db, slug, actor)));
  });
}

export async function handleDeleteModel(ctx: RequestContext, req: Request, rawSlug: string): Promise<Response> {
  return answer(async () => {
    const actor = await actorOf(ctx, req);
    const slug = decodePathParam(rawSlug, "slug");
    const outcome = await deletePrivateModelWithFiles(ctx.db, slug, actor);
    return json({ deleted: { model: outcome.slug, jobs: outcome.jobs, results: outcome.results, files_removed: outcome.filesRemoved } });
  });
}
