// GET /api/v1/snapshots: dated list of frozen views; POST: freeze a view (or reuse an identical one).
import { handleCreateSnapshot, handleSnapshotList } from "@/lib/api/public-snapshots";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleSnapshotList(getDb(), req);
}

export async function POST(req: Request) {
  return handleCreateSnapshot(getDb(), req);
}
