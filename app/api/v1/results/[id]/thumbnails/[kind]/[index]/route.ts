// GET /api/v1/results/:id/thumbnails/:kind/:index: a stored PNG (saliency, human map, or image where licensed).
import { getAuth } from "@/lib/auth";
import { handleThumbnail } from "@/lib/api/public-results";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string; kind: string; index: string }> }) {
  const { id, kind, index } = await ctx.params;
  return handleThumbnail(getDb(), req, id, kind, index, getAuth());
}
