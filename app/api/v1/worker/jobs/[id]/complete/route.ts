// POST /api/v1/worker/jobs/:id/complete: the worker protocol (see lib/queue/protocol.ts).
import { getDb } from "@/lib/queries/db";
import { handleComplete } from "@/lib/api/worker-handlers";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return handleComplete(await getDb(), req, await ctx.params);
}
