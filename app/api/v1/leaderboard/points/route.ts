// GET /api/v1/leaderboard/points: all scatter points of a view (same filters as the leaderboard), packed in columns.
import { handleLeaderboardPoints } from "@/lib/api/scatter-points";
import { getDb } from "@/lib/queries/db";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return handleLeaderboardPoints(getDb(), new URL(req.url));
}
