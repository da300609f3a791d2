// Route: /results/[id] — one result's permalink: scores with intervals, provenance, reproduce recipe, citations, per-image explorer.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { parseImageListQuery } from "@/components/explorer/explorer-query";
import { benchmarkBoardHref, parseBoardFrom } from "@/components/leaderboard/board-href";
import { parseIdParam } from "@/lib/api/path-params";
import { resultCitation, resultReproduce } from "@/lib/api/public-results";
import { AppError } from "@/lib/errors";
import { getViewer } from "@/lib/auth/session";
import { getDb } from "@/lib/queries";
import { listImageResultsPage } from "@/lib/queries/per-image-page";
import { getImageExtremes, getResultOrThrow } from "@/lib/queries/results";
import { howCurveOf } from "@/lib/queries/tracks";
import { ResultView } from "./result-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// A private result is shown to its owner (and admins); anyone else gets the 404 of an id nobody has.
const load = cache(async (raw: string) => {
  try {
    return await getResultOrThrow(await getDb(), parseIdParam(raw, "result"), await getViewer());
  } catch (err) {
    // A malformed id is a 400 in the API; a page for it simply does not exist.
    if (err instanceof AppError && (err.code === "not_found" || err.code === "bad_request")) return null;
    throw err;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const d = await load((await params).id);
  return { title: d ? `${d.model.displayName} on ${d.benchmarkTitle}` : "Result not found" };
}

export default async function ResultPage({ params, searchParams }: Props) {
  const d = await load((await params).id);
  if (!d) notFound();
  const e = d.evaluation;
  const sp = await searchParams;
  const from = parseBoardFrom(sp.from);
  const listQuery = parseImageListQuery(sp, from);
  const db = await getDb();
  const [images, list] = await Promise.all([getImageExtremes(db, e.id), listImageResultsPage(db, e.id, listQuery)]);
  // Demo rows are generated placeholders: nothing to reproduce, nothing to cite.
  const isDemo = e.isDemo || d.model.isDemo;
  return (
    <ResultView
      d={d}
      images={images}
      list={list}
      listQuery={listQuery}
      citation={isDemo ? null : resultCitation(d)}
      recipe={isDemo ? null : resultReproduce(d)}
      how={howCurveOf(e.provenance)}
      backHref={from ?? benchmarkBoardHref(e.benchmarkId, d.isCurrentBenchmarkVersion ? null : e.benchmarkVersion)}
    />
  );
}
