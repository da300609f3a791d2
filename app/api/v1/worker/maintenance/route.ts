// POST /api/v1/worker/maintenance: the scheduler's tick (scheduler token only).
import { getDb } from "@/lib/queries/db";
import { handleMaintenance } from "@/lib/api/worker-handlers";

export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  return handleMaintenance(await getDb(), req, {});
}
