// GET /api/v1/reference-points?benchmark=clickme: the paper's approximate, unranked reference layer.
import { handleReferencePoints } from "@/lib/api/read-handlers";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleReferencePoints(getDb(), new URL(req.url));
}
