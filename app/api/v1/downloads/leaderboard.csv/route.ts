// GET /api/v1/downloads/leaderboard.csv: every row of a view (the leaderboard's filters) as CSV, stable columns.
import { handleLeaderboardCsv } from "@/lib/api/public-downloads";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleLeaderboardCsv(getDb(), req);
}
