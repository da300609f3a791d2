// GET /api/v1/results/:id: one result with provenance, the reproduce recipe and citations (a private one for its owner).
import { getAuth } from "@/lib/auth";
import { handleResult } from "@/lib/api/public-results";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return handleResult(getDb(), req, id, getAuth());
}
