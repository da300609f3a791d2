/**
 * GET /api/v1/results/:id (one result with provenance, citations and the reproduce recipe), its thumbnails and its
 * per-image values as CSV or JSON. A private result is shown to its owner, marked and never cached; anyone else gets
 * the 404 of an id nobody has.
 */
import { findBenchmark } from "@/lib/benchmarks";
import { citeResult } from "@/lib/citations/cite";
import { reproduceRecipe } from "@/lib/citations/reproduce";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatLabel } from "@/lib/submissions/format-label";
import { assertResultVisible, getResultOrThrow, getThumbnailOrThrow, listImageResults, type ResultDetail } from "@/lib/queries/results";
import { CACHE_LIVE, cachedJson, cachedResponse } from "./public-cache";
import { personalJson, personalResponse, PRIVATE_NOTICE, viewerOf, type ViewerSource } from "./viewer";
import { decodePathParam, parseIdParam } from "./path-params";
import { answer } from "./public-json";
import type { DbArg } from "./route-errors";
import type { ResultRecordJson } from "@/lib/openapi/published";

export function resultCitation(d: ResultDetail, baseUrl = getEnv().PUBLIC_URL) {
  const e = d.evaluation;
  const ci = (lo: number | null, hi: number | null): [number, number] | null => (lo === null || hi === null ? null : [lo, hi]);
  return citeResult(
    {
      evaluationId: e.id,
      model: { slug: d.model.slug, displayName: d.model.displayName, ownerName: d.model.ownerName },
      benchmark: { id: e.benchmarkId, version: e.benchmarkVersion, title: d.benchmarkTitle },
      alignment: e.alignment,
      alignmentCi: ci(e.alignmentLo, e.alignmentHi),
      top1: e.top1,
      top1Ci: ci(e.top1Lo, e.top1Hi),
      evaluatedAt: e.createdAt,
      publishedAt: e.publishedAt,
      codeVersion: e.provenance?.code_version ?? null,
      weightsHash: e.provenance?.weights_hash ?? d.model.weightsHash,
    },
    baseUrl.replace(/\/$/, ""),
  );
}

export function resultReproduce(d: ResultDetail) {
  const p = d.evaluation.provenance;
  const sha256 = p?.dataset?.sha256;
  return reproduceRecipe({
    benchmarkId: d.evaluation.benchmarkId,
    preprocessing: p?.preprocessing ?? d.model.preprocessing,
    backendName: p?.backend?.name ?? null,
    codeVersion: p?.code_version ?? null,
    dataset: sha256
      ? { fingerprint: sha256, nImages: p?.dataset?.n_images, name: findBenchmark(d.evaluation.benchmarkId)?.dataset.name }
      : null,
  });
}

export function resultJson(d: ResultDetail): ResultRecordJson {
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
      slug: m.slug,
      display_name: m.displayName,
      family: m.family,
      owner_name: m.ownerName,
      param_count: m.paramCount,
      training_data: m.trainingData,
      trained_on_human_maps: m.trainedOnHumanMaps,
      weights_hash: m.weightsHash,
      preprocessing: m.preprocessing,
      input_size: m.inputSize,
      format: m.format,
      onnx_opset: m.onnxOpset,
      onnx_producer: m.onnxProducer,
      format_label: formatLabel(m),
    },
    rank: e.rank,
    rank_best: e.rankBest,
    tied_with: e.tiedWith,
    board_size: d.boardSize,
    scores: e.scores,
    n_images: e.nImages,
    n_undefined: e.nUndefined,
    private_attempts_before: d.privateAttemptsBefore,
    visibility: d.access.visibility,
    withdrawn: m.withdrawnAt ? { at: m.withdrawnAt.toISOString(), reason: m.withdrawnReason ?? "" } : null,
    /** As the worker reported it, plus worker, job_id and attempt (lib/types/provenance.ts). */
    provenance: e.provenance,
    duration_ms: e.durationMs,
    published_at: e.publishedAt?.toISOString() ?? null,
    evaluated_at: e.createdAt.toISOString(),
  };
}

export function handleResult(dbOrPending: DbArg, req: Request, rawId: string, auth?: ViewerSource["auth"]): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const id = parseIdParam(rawId, "result");
    const d = await getResultOrThrow(db, id, await viewerOf(db, auth && { req, auth }));
    const c = resultCitation(d);
    const self = `/api/v1/results/${d.evaluation.id}`;
    const body = {
      ...(d.access.isPublic ? {} : { private_notice: PRIVATE_NOTICE }),
      result: resultJson(d),
      reproduce: resultReproduce(d),
      citation: { key: c.key, bibtex: c.bibtex, csl: c.csl, text: c.text },
      links: {
        self,
        page: `/results/${d.evaluation.id}`,
        model: `/api/v1/models/${encodeURIComponent(d.model.slug)}`,
        images_csv: `${self}/images.csv`,
        images_json: `${self}/images.json`,
        ...(d.access.canPublish ? { publish: `${self}/publish` } : {}),
      },
    };
    return d.access.isPublic ? cachedJson(req, body) : personalJson(body);
  });
}

export function handleThumbnail(
  dbOrPending: DbArg,
  req: Request,
  rawId: string,
  kind: string,
  rawIndex: string,
  auth?: ViewerSource["auth"],
): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const index = /^(0|[1-9][0-9]{0,8})$/.test(rawIndex) ? Number(rawIndex) : null;
    if (index === null) throw new AppError("bad_request", `Image index must be a non-negative integer (got '${rawIndex}').`);
    const id = parseIdParam(rawId, "result");
    const viewer = await viewerOf(db, auth && { req, auth });
    const png = await getThumbnailOrThrow(db, id, decodePathParam(kind, "kind"), index, viewer);
    if (!(await assertResultVisible(db, id, viewer)).isPublic) return personalResponse(new Uint8Array(png), "image/png");
    return cachedResponse(req, new Uint8Array(png), { contentType: "image/png", cacheControl: CACHE_LIVE });
  });
}

export const IMAGE_COLUMNS = ["index", "shard", "label", "spearman", "correct", "dice", "iou"] as const;

const csvCell = (v: string | number | boolean | null) => {
  if (v === null) return "";
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * GET /api/v1/results/:id/images.csv|json: every image's values (the explorer's source), in image order; an undefined
 * ρ (a constant map) is an empty cell / null.
 */
export function handleResultImages(
  dbOrPending: DbArg,
  req: Request,
  rawId: string,
  ext: "csv" | "json",
  auth?: ViewerSource["auth"],
): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const id = parseIdParam(rawId, "result");
    const url = new URL(req.url);
    if ([...url.searchParams.keys()].length) {
      const param = [...url.searchParams.keys()][0];
      throw new AppError("bad_request", `Unknown parameter '${param}': images.${ext} takes no parameters.`, {
        params: [{ param, message: "takes no parameters" }],
      });
    }
    const viewer = await viewerOf(db, auth && { req, auth });
    const d = await getResultOrThrow(db, id, viewer);
    const rows = await listImageResults(db, id);
    const fileName = `result-${id}-${d.evaluation.benchmarkId}-v${d.evaluation.benchmarkVersion}-images.${ext}`;
    const body =
      ext === "csv"
        ? [IMAGE_COLUMNS.join(","), ...rows.map((r) => IMAGE_COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\r\n") + "\r\n"
        : JSON.stringify({
            ...(d.access.isPublic ? {} : { private_notice: PRIVATE_NOTICE }),
            result_id: id,
            benchmark: { id: d.evaluation.benchmarkId, version: d.evaluation.benchmarkVersion },
            model: d.model.slug,
            columns: IMAGE_COLUMNS,
            images: rows.map(({ evaluationId: _e, ...r }) => r),
          });
    const contentType = ext === "csv" ? "text/csv; charset=utf-8; header=present" : "application/json";
    const headers = { "Content-Disposition": `attachment; filename="${fileName}"` };
    if (!d.access.isPublic) return personalResponse(body, contentType, headers);
    return cachedResponse(req, body, { contentType, cacheControl: CACHE_LIVE, headers });
  });
}
