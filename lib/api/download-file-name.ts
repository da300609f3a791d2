/**
 * The file name of a board download: benchmark and version, the view's filters, the day (UTC), e.g.
 * `clickme-v1_family-resnet-vit_search-vit_2026-12-03.csv`. Lower-case ASCII letters, digits, '.', '-' and '_' only,
 * at most MAX_FILE_NAME characters. A view whose filters do not fit, or lose a value in these characters (a search in
 * another script, a value cut short), keeps a hash of the exact filters as well, so such views do not share a name.
 */
import { createHash } from "node:crypto";
import { formatParamCount } from "@/lib/leaderboard/param-count";
import type { LeaderboardQuery } from "@/lib/leaderboard/filters";

export const MAX_FILE_NAME = 120;
const MAX_VALUE = 32;

/** One name part: accents dropped, anything but [a-z0-9] (and a decimal point) becomes '-', trimmed and bounded. */
export function fileNamePart(text: string, max = MAX_VALUE): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, "-")
      // A dot only inside a number ("1.2b"): no "..", no dot that could pass for an extension.
      .replace(/(?<!\d)\.|\.(?!\d)/g, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^-+/, "")
      .slice(0, max)
      .replace(/[-.]+$/, "")
  );
}

/**
 * The view's filters as name parts, in the URL's order (empty for the whole board), and whether a value was cut short
 * or had nothing left to show: then the hash tells such views apart.
 */
function filterParts(q: LeaderboardQuery): { parts: string[]; lossy: boolean } {
  let lossy = false;
  const part = (v: string) => {
    const short = fileNamePart(v);
    if (!short || short.length < fileNamePart(v, Infinity).length) lossy = true;
    return short || "other";
  };
  const list = (label: string, values: string[]) => (values.length ? [`${label}-${values.map(part).join("-")}`] : []);
  const parts = [
    ...list("family", [...q.family].sort()),
    ...list("training", [...q.trainingData].sort()),
    ...(q.humanData === "any" ? [] : [`human-maps-${q.humanData}`]),
    ...(q.paramsMin === null ? [] : [`params-min-${part(formatParamCount(q.paramsMin))}`]),
    ...(q.paramsMax === null ? [] : [`params-max-${part(formatParamCount(q.paramsMax))}`]),
    ...(q.q ? [`search-${part(q.q)}`] : []),
    ...(q.includeDemo === null ? [] : [q.includeDemo ? "with-demo" : "without-demo"]),
  ];
  return { parts, lossy };
}

export function boardDownloadFileName(
  benchmark: { id: string; version: number },
  query: LeaderboardQuery,
  ext: "csv" | "json",
  now: Date = new Date(),
): string {
  const head = `${fileNamePart(benchmark.id, 64)}-v${benchmark.version}`;
  const tail = `${now.toISOString().slice(0, 10)}.${ext}`;
  const { parts: filters, lossy } = filterParts(query);
  const room = MAX_FILE_NAME - head.length - tail.length - 2;
  let middle = filters.join("_");
  if (middle.length > room || lossy) {
    // Keep what fits whole, then a hash of every filter (the exact values, not their shortened names).
    const hash = createHash("sha256")
      .update(
        JSON.stringify([query.family, query.trainingData, query.humanData, query.paramsMin, query.paramsMax, query.q, query.includeDemo]),
      )
      .digest("hex")
      .slice(0, 10);
    const kept: string[] = [];
    for (const part of filters) {
      if ([...kept, part, `filters-${hash}`].join("_").length > room) break;
      kept.push(part);
    }
    middle = [...kept, `filters-${hash}`].join("_");
  }
  return [head, middle, tail].filter(Boolean).join("_");
}
