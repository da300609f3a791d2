/** The filters of a frozen view in words, for citations and headings ("family: ResNet, ViT; human data: yes"). */
import { DEFAULT_DIR, parseLeaderboardQuery, type LeaderboardQuery } from "@/lib/leaderboard/filters";
import { formatParamCount } from "@/lib/leaderboard/param-count";

export function snapshotQuery(search: string): LeaderboardQuery {
  return parseLeaderboardQuery(new URLSearchParams(search)).query;
}

export function describeFilters(q: LeaderboardQuery): string {
  const parts: string[] = [];
  if (q.family.length) parts.push(`family: ${q.family.join(", ")}`);
  if (q.trainingData.length) parts.push(`training data: ${q.trainingData.join(", ")}`);
  if (q.humanData !== "any") parts.push(`trained on human maps: ${q.humanData}`);
  if (q.paramsMin !== null) parts.push(`parameters ≥ ${formatParamCount(q.paramsMin)}`);
  if (q.paramsMax !== null) parts.push(`parameters ≤ ${formatParamCount(q.paramsMax)}`);
  if (q.q) parts.push(`search: "${q.q}"`);
  if (q.includeDemo) parts.push("demo rows included");
  if (q.sort !== "rank" || q.dir !== DEFAULT_DIR[q.sort]) parts.push(`sorted by ${q.sort} ${q.dir}`);
  return parts.join("; ");
}
