// GET /api/v1/snapshots/:id: one frozen view (rows, scatter, reference layer) with its citations; immutable.
import { handleSnapshot } from "@/lib/api/public-snapshots";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return handleSnapshot(getDb(), req, id);
}
