import { and, eq, gte, ilike, inArray, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import { evaluations, models } from "@/db/schema";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";

/** Rows on a board: current, public, ranked evaluations of public models of one benchmark version. */
export function boardScope(benchmarkId: string, version: number): SQL {
  return and(
    eq(evaluations.benchmarkId, benchmarkId),
    eq(evaluations.benchmarkVersion, version),
    eq(evaluations.isCurrent, true),
    eq(evaluations.visibility, "public"),
    eq(models.visibility, "public"),
    isNotNull(evaluations.rank),
  )!;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The user's filters (not the scope): family, training data, human-data flag, parameter range, text, demo. */
export function filterConditions(query: LeaderboardQuery, showDemo: boolean): SQL[] {
  const conds: SQL[] = [];
  if (!showDemo) conds.push(eq(evaluations.isDemo, false));
  if (query.family.length) conds.push(inArray(models.family, query.family));
  if (query.trainingData.length) conds.push(inArray(models.trainingData, query.trainingData));
  if (query.humanData !== "any") conds.push(eq(models.trainedOnHumanMaps, query.humanData === "yes"));
  if (query.paramsMin !== null) conds.push(gte(models.paramCount, query.paramsMin));
  if (query.paramsMax !== null) conds.push(lte(models.paramCount, query.paramsMax));
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conds.push(or(ilike(models.displayName, pattern), ilike(models.slug, pattern), ilike(models.family, pattern))!);
  }
  return conds;
}

/** ORDER BY for a sort key; every order ends in the evaluation id so pages never overlap. */
export function orderBy(query: LeaderboardQuery): SQL[] {
  const dir = sql.raw(query.dir === "asc" ? "asc" : "desc");
  const col = (c: SQL | typeof models.family) => sql`${c} ${dir} nulls last`;
  // Measured rows rank above demo rows: the two are ranked separately, a demo row never takes a real rank.
  const byRank = [sql`${evaluations.isDemo} asc`, sql`${evaluations.rank} ${dir}`];
  const keys: Record<LeaderboardQuery["sort"], SQL[]> = {
    rank: byRank,
    model: [col(sql`lower(${models.displayName})`)],
    family: [col(models.family), ...byRank],
    params: [col(sql`${models.paramCount}`)],
    top1: [col(sql`${evaluations.top1}`)],
    alignment: [col(sql`${evaluations.alignment}`)],
    date: [col(sql`${evaluations.createdAt}`)],
  };
  return [...keys[query.sort], sql`${evaluations.id} asc`];
}
