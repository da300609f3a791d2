// GET /api/v1/benchmarks: the registry with stored versions and row counts.
import { handleBenchmarks } from "@/lib/api/read-handlers";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleBenchmarks(getDb(), new URL(req.url));
}
