// GET /api/v1/worker/jobs/:id/artifact/:file?attempt=N: one file of the model the worker holds.
import { getDb } from "@/lib/queries/db";
import { handleArtifact } from "@/lib/api/worker-handlers";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string; file: string }> }) {
  return handleArtifact(await getDb(), req, await ctx.params);
}
