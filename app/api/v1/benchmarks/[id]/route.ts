// GET /api/v1/benchmarks/:id: one benchmark's definition, versions and counts (404 when unknown).
import { handleBenchmark } from "@/lib/api/read-handlers";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return handleBenchmark(getDb(), id, new URL(req.url));
}
