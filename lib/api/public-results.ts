/** GET /api/v1/results/:id (one result with provenance, citations and the reproduce recipe) and its thumbnails. */
import type { Db } from "@/db";
import { citeResult } from "@/lib/citations/cite";
import { reproduceRecipe } from "@/lib/citations/reproduce";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatLabel } from "@/lib/submissions/format-label";
import { getResultOrThrow, getThumbnailOrThrow, type ResultDetail } from "@/lib/queries/results";
import { CACHE_LIVE, cachedJson, cachedResponse } from "./public-cache";
import { decodePathParam, parseIdParam } from "./path-params";
import { answer } from "./public-json";

type DbArg = Db | Promise<Db>;

export function resultCitation(d: ResultDetail, baseUrl = getEnv().PUBLIC_URL) {
  const e = d.evaluation;
  const ci = (lo: number | null, hi: number | null): [number, number] | null => (lo === null || hi === null ? null : [lo, hi]);
  return citeResult(
    {
      evaluationId: e.id,
      model: { slug: d.model.slug, displayName: d.model.displayName, ownerName: d.model.ownerName },
      benchmark: { id: e.benchmarkId, version: e.benchmarkVersion, title: d.benchmarkTitle },
      alignment: e.alignment, alignmentCi: ci(e.alignmentLo, e.alignmentHi),
      top1: e.top1, top1Ci: ci(e.top1Lo, e.top1Hi),
      evaluatedAt: e.createdAt, publishedAt: e.publishedAt,
      codeVersion: e.provenance?.codeVersion ?? null,
      weightsHash: e.provenance?.weightsHash ?? d.model.weightsHash,
    },
    baseUrl.replace(/\/$/, ""),
  );
}

export function resultReproduce(d: ResultDetail) {
  const p = d.evaluation.provenance;
  return reproduceRecipe({
    benchmarkId: d.evaluation.benchmarkId,
    preprocessing: p?.preprocessing ?? d.model.preprocessing,
    backendName: p?.backend?.name ?? null,
    codeVersion: p?.codeVersion ?? null,
    dataset: p?.dataset ?? null,
  });
}

export function resultJson(d: ResultDetail) {
  const e = d.evaluation;
  const m = d.model;
  return {
    id: e.id,
    benchmark_id: e.benchmarkId,
    benchmark_version: e.benchmarkVersion,
    benchmark_title: d.benchmarkTitle,
    is_current_benchmark_version: d.isCurrentBenchmarkVersion,
    is_current: e.isCurrent,
    is_demo: e.isDemo,
    model: {
      slug: m.slug, display_name: m.displayName, family: m.family, owner_name: m.ownerName, param_count: m.paramCount,
      training_data: m.trainingData, trained_on_human_maps: m.trainedOnHumanMaps, weights_hash: m.weightsHash,
      preprocessing: m.preprocessing, input_size: m.inputSize, format: m.format, onnx_opset: m.onnxOpset, onnx_producer: m.onnxProducer, format_label: formatLabel(m),
    },
    rank: e.rank,
    rank_best: e.rankBest,
    tied_with: e.tiedWith,
    board_size: d.boardSize,
    scores: e.scores,
    n_images: e.nImages,
    n_undefined: e.nUndefined,
    private_attempts_before: d.privateAttemptsBefore,
    provenance: e.provenance,
    duration_ms: e.durationMs,
    published_at: e.publishedAt?.toISOString() ?? null,
    evaluated_at: e.createdAt.toISOString(),
  };
}

export function handleResult(dbOrPending: DbArg, req: Request, rawId: string): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const d = await getResultOrThrow(db, parseIdParam(rawId, "result"));
    const c = resultCitation(d);
    return cachedJson(req, {
      result: resultJson(d),
      reproduce: resultReproduce(d),
      citation: { key: c.key, bibtex: c.bibtex, csl: c.csl, text: c.text },
      links: { self: `/api/v1/results/${d.evaluation.id}`, page: `/results/${d.evaluation.id}`, model: `/api/v1/models/${encodeURIComponent(d.model.slug)}` },
    });
  });
}

export function handleThumbnail(dbOrPending: DbArg, req: Request, rawId: string, kind: string, rawIndex: string): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const index = /^(0|[1-9][0-9]{0,8})$/.test(rawIndex) ? Number(rawIndex) : null;
    if (index === null) throw new AppError("bad_request", `Image index must be a non-negative integer (got '${rawIndex}').`);
    const png = await getThumbnailOrThrow(db, parseIdParam(rawId, "result"), decodePathParam(kind, "kind"), index);
    return cachedResponse(req, new Uint8Array(png), { contentType: "image/png", cacheControl: CACHE_LIVE });
  });
}
