// GET /api/v1/models/:slug: metadata, lineage, ranks, history and every evaluation (all benchmark versions) of one
// model. PATCH edits its display metadata and DELETE deletes a private model (its owner only; lib/api/model-edits.ts).
import { getAuth, getRequestContext } from "@/lib/auth";
import { handleDeleteModel, handleEditModel } from "@/lib/api/model-edits";
import { handleModel } from "@/lib/api/read-handlers";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ slug: string }> };

export async function GET(req: Request, ctx: Ctx) {
  const { slug } = await ctx.params;
  return handleModel(getDb(), slug, { req, auth: getAuth() });
}

export async function PATCH(req: Request, ctx: Ctx) {
  return handleEditModel(await getRequestContext(), req, (await ctx.params).slug);
}

export async function DELETE(req: Request, ctx: Ctx) {
  return handleDeleteModel(await getRequestContext(), req, (await ctx.params).slug);
}
