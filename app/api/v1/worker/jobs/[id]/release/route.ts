// POST /api/v1/worker/jobs/:id/release: the worker protocol (see lib/queue/protocol.ts).
import { getDb } from "@/lib/queries/db";
import { handleRelease } from "@/lib/api/worker-handlers";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handleRelease(await getDb(), req, await ctx.params);
}
