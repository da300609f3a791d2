// GET /api/v1/leaderboard: one page of a benchmark's board, with the same filters as the pages (strict).
import { handleLeaderboard } from "@/lib/api/read-handlers";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleLeaderboard(getDb(), new URL(req.url));
}
