/** /api/v1/snapshots: list (GET), create or reuse (POST), and one frozen view with its citations (GET /:id). */
import { citeSnapshot } from "@/lib/citations/cite";
import type { SnapshotSummaryJson } from "@/lib/openapi/published";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { PARAM_NAMES, parseLeaderboardQuery } from "@/lib/leaderboard/filters";
import { createSnapshot, getSnapshotOrThrow, listSnapshots, type Snapshot, type SnapshotSummary } from "@/lib/queries/snapshots";
import { describeFilters, snapshotQuery } from "@/lib/snapshots/describe";
import { CACHE_IMMUTABLE, cachedJson } from "./public-cache";
import { decodePathParam } from "./path-params";
import { isSameOriginPost } from "./public-cors";
import { answer, badParams } from "./public-json";
import type { DbArg } from "./route-errors";

export function snapshotSummaryJson(s: SnapshotSummary): SnapshotSummaryJson {
  return {
    id: s.id,
    sha256: s.hash,
    benchmark_id: s.benchmarkId,
    benchmark_version: s.benchmarkVersion,
    query: s.query,
    row_count: s.rowCount,
    data_cutoff: s.dataCutoff?.toISOString() ?? null,
    origin: s.origin,
    created_at: s.createdAt.toISOString(),
    links: { self: `/api/v1/snapshots/${s.id}`, page: `/snapshots/${s.id}` },
  };
}

export function snapshotCitation(s: Snapshot, baseUrl = getEnv().PUBLIC_URL) {
  return citeSnapshot(
    {
      id: s.summary.id,
      hash: s.summary.hash,
      createdAt: s.summary.createdAt,
      benchmark: { id: s.content.benchmark.id, version: s.content.benchmark.version, title: s.content.benchmark.title },
      filters: describeFilters(snapshotQuery(s.content.query)),
      rowCount: s.content.rows.length,
      dataCutoff: s.content.dataCutoff,
    },
    baseUrl.replace(/\/$/, ""),
  );
}

const LIST_PARAMS: string[] = [PARAM_NAMES.benchmark, PARAM_NAMES.page, PARAM_NAMES.pageSize];

export function handleSnapshotList(dbOrPending: DbArg, req: Request): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const url = new URL(req.url);
    const known = new URLSearchParams([...url.searchParams].filter(([k]) => LIST_PARAMS.includes(k)));
    const { query, errors } = parseLeaderboardQuery(known);
    for (const k of new Set(url.searchParams.keys())) {
      if (!LIST_PARAMS.includes(k)) errors.push({ param: k, message: `Unknown parameter '${k}'. Allowed: ${LIST_PARAMS.join(", ")}.` });
    }
    if (errors.length) throw badParams(errors);
    const benchmark = url.searchParams.has(PARAM_NAMES.benchmark) ? query.benchmark : undefined;
    const list = await listSnapshots(db, { benchmark, page: query.page, pageSize: query.pageSize });
    return cachedJson(req, {
      total: list.total,
      page: query.page,
      page_size: query.pageSize,
      snapshots: list.rows.map(snapshotSummaryJson),
    });
  });
}

export function handleSnapshot(dbOrPending: DbArg, req: Request, id: string): Promise<Response> {
  return answer(async () => {
    const db = await dbOrPending;
    const s = await getSnapshotOrThrow(db, decodePathParam(id, "id"));
    const c = snapshotCitation(s);
    // The content is immutable and so is the citation (it names the creation date), hence a year of caching.
    return cachedJson(
      req,
      {
        snapshot: snapshotSummaryJson(s.summary),
        content: s.content,
        citation: { key: c.key, bibtex: c.bibtex, csl: c.csl, text: c.text },
      },
      CACHE_IMMUTABLE,
    );
  });
}

/** The view to freeze: a `query` field (URL query string) in a form or JSON body, else the request's own query string. */
async function readViewQuery(req: Request): Promise<{ search: string; fromForm: boolean }> {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const v = (await req.formData()).get("query");
    return { search: typeof v === "string" ? v : "", fromForm: true };
  }
  if (type.startsWith("application/json")) {
    const body = (await req.json().catch(() => {
      throw new AppError("bad_request", 'The body is not valid JSON. Send {"query": "family=ResNet&human_data=yes"}.');
    })) as { query?: unknown };
    if (body.query !== undefined && typeof body.query !== "string")
      throw new AppError("bad_request", "'query' must be a URL query string.");
    return { search: body.query ?? "", fromForm: false };
  }
  return { search: new URL(req.url).search, fromForm: false };
}

export function handleCreateSnapshot(dbOrPending: DbArg, req: Request): Promise<Response> {
  return answer(async () => {
    const site = new URL(getEnv().PUBLIC_URL).origin;
    if (!isSameOriginPost(req, site)) {
      throw new AppError(
        "forbidden",
        `Snapshots can be created only from this site's pages at ${site} (PUBLIC_URL) or by non-browser clients; this request came from ${req.headers.get("origin")}. Open the site at ${site}.`,
      );
    }
    const { search, fromForm } = await readViewQuery(req);
    if (search.length > 4000) throw new AppError("bad_request", "'query' is longer than 4000 characters.");
    const { query, errors } = parseLeaderboardQuery(new URLSearchParams(search), { rejectUnknown: true });
    if (errors.length) throw badParams(errors);
    const db = await dbOrPending;
    const { snapshot, created } = await createSnapshot(db, query, "user");
    if (fromForm)
      return new Response(null, { status: 303, headers: { Location: `/snapshots/${snapshot.id}`, "Cache-Control": "no-store" } });
    return Response.json(
      { created, snapshot: snapshotSummaryJson(snapshot) },
      {
        status: created ? 201 : 200,
        headers: { Location: `/api/v1/snapshots/${snapshot.id}`, "Cache-Control": "no-store" },
      },
    );
  });
}
