// POST /api/v1/worker/claim: lease the next queued job to an authenticated worker (204 when none).
import { getDb } from "@/lib/queries/db";
import { handleClaim } from "@/lib/api/worker-handlers";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return handleClaim(await getDb(), req, {});
}
