// GET /api/v1/results/:id/images.csv: every image's values of one result (a private one for its owner only).
import { getAuth } from "@/lib/auth";
import { handleResultImages } from "@/lib/api/public-results";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return handleResultImages(getDb(), req, id, "csv", getAuth());
}
