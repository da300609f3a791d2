/** GET /api/v1/leaderboard/points: every scatter point of a view, packed in columns (the chart loads it). */
import type { Db } from "@/db";
import { packPoints } from "@/lib/charts/packed-points";
import { parseLeaderboardQuery } from "@/lib/leaderboard/filters";
import { getScatterPoints } from "@/lib/queries/leaderboard";
import { answer, badParams, publicJson, withDemoNotice } from "./public-json";

export const MAX_SCATTER_POINTS = 20_000;

export function handleLeaderboardPoints(dbOrPending: Db | Promise<Db>, url: URL): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const { query, errors } = parseLeaderboardQuery(url.searchParams, { rejectUnknown: true });
    if (errors.length) throw badParams(errors);
    const points = await getScatterPoints(db, query, { limit: MAX_SCATTER_POINTS + 1 });
    const shown = points.slice(0, MAX_SCATTER_POINTS);
    return publicJson(
      withDemoNotice(
        { benchmark: query.benchmark, total: shown.length, truncated: points.length > MAX_SCATTER_POINTS, points: packPoints(shown) },
        shown.some((p) => p.isDemo),
      ),
    );
  });
}
