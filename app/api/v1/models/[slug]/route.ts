// GET /api/v1/models/:slug: metadata, lineage, ranks and every evaluation (all benchmark versions) of one model.
import { getAuth } from "@/lib/auth";
import { handleModel } from "@/lib/api/read-handlers";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ slug: string }> }) {
  const { slug } = await ctx.params;
  return handleModel(getDb(), slug, { req, auth: getAuth() });
}
