// GET /api/v1/downloads/leaderboard.json: every row of a view (the leaderboard's filters) as JSON, stable columns.
import { handleLeaderboardJson } from "@/lib/api/public-downloads";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleLeaderboardJson(getDb(), req);
}
