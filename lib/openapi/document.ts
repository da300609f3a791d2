/** The OpenAPI 3.1 document of the public API, served at /api/v1/openapi.json and rendered at /docs/api. */
import { BENCHMARKS } from "@/lib/benchmarks";
import { DEFAULT_PAGE_SIZE, HUMAN_DATA, MAX_PAGE_SIZE, PARAM_NAMES, SORT_KEYS } from "@/lib/leaderboard/filters";
import { int, ref, str, type Schema } from "./schema-helpers";
import { MODEL_WRITE_OPERATIONS, OWNER_PATHS, OWNER_SCHEMAS, SECURITY_SCHEMES } from "./owner-paths";
import { SCHEMAS } from "./schemas";
import { SUBMISSION_PATHS, SUBMISSION_SCHEMAS } from "./submission-paths";

type Param = { name: string; in: "query" | "path"; required?: boolean; description: string; schema: Schema; explode?: boolean };

const q = (name: string, description: string, schema: Schema = str): Param => ({ name, in: "query", description, schema });
const path = (name: string, description: string, schema: Schema = str): Param => ({
  name,
  in: "path",
  required: true,
  description,
  schema,
});

const BOARD_PARAMS: Param[] = [
  q(PARAM_NAMES.benchmark, "Benchmark id (default clickme).", { enum: BENCHMARKS.map((b) => b.id) }),
  q(PARAM_NAMES.version, "Benchmark version, or 'current' (default).", { type: "string", pattern: "^(current|[1-9][0-9]*)$" }),
  q(PARAM_NAMES.sort, "Sort column.", { enum: [...SORT_KEYS] }),
  q(PARAM_NAMES.dir, "Sort direction (default: best / newest / alphabetical first).", { enum: ["asc", "desc"] }),
  q(PARAM_NAMES.page, "Page number, from 1.", { type: "integer", minimum: 1 }),
  q(PARAM_NAMES.pageSize, `Rows per page, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`, {
    type: "integer",
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
  }),
  { ...q(PARAM_NAMES.family, "Architecture families (repeat or comma-separate).", { type: "array", items: str }), explode: true },
  { ...q(PARAM_NAMES.trainingData, "Training data values (repeat or comma-separate).", { type: "array", items: str }), explode: true },
  q(PARAM_NAMES.humanData, "Trained on human maps.", { enum: [...HUMAN_DATA] }),
  q(PARAM_NAMES.paramsMin, "Minimum parameter count (25000000, 25M, 1.2B)."),
  q(PARAM_NAMES.paramsMax, "Maximum parameter count."),
  q(PARAM_NAMES.q, "Search in model name, slug and family (≤ 100 characters)."),
  q(PARAM_NAMES.includeDemo, "Show demo rows: true, false or auto (only while nothing is measured).", { enum: ["true", "false", "auto"] }),
];

const json = (schema: Schema, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = {
  "400": json(ref("Error"), "A parameter is invalid or unknown; the message names it."),
  "404": json(ref("Error"), "No such resource."),
  "429": { ...json(ref("Error"), "Rate limit exceeded."), headers: { "Retry-After": { description: "Seconds to wait.", schema: int } } },
};
const cached = { ETag: { description: "Strong validator; send it back as If-None-Match for a 304.", schema: str } };
const ok = (schema: Schema, description: string, type = "application/json") => ({
  "200": { description, headers: cached, content: { [type]: { schema } } },
  "304": { description: "Not modified (If-None-Match matched the ETag)." },
  ...errors,
});
const get = (operationId: string, summary: string, parameters: Param[], responses: Record<string, unknown>, tag: string) => ({
  get: { operationId, summary, tags: [tag], parameters, responses },
});

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Human-aligned vision models leaderboard API",
      version: "1.0.0",
      summary: "Read-only access to the leaderboard, models, benchmarks, results, snapshots and downloads.",
      description:
        "Public, anonymous, read-only. Every GET answers CORS requests from any origin, carries an ETag and " +
        "Cache-Control, and is rate limited per client address (a token bucket per server process: bursts of " +
        "120, then 2 requests a second); over the limit the answer is 429 with Retry-After. Values are fractions " +
        '(alignment 1 = the human ceiling). Errors are {"error": {"code", "message"}}. Owners (a personal API ' +
        "token as Authorization: Bearer, or the site's session) also see their private models and results on the same " +
        "endpoints, marked private_notice and never cached; to anyone else those are a 404. The Owner endpoints publish, " +
        "edit, withdraw, reinstate, delete and re-queue.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: `${serverUrl.replace(/\/$/, "")}/api/v1` }],
    tags: ["Leaderboard", "Models", "Benchmarks", "Results", "Snapshots", "Downloads", "Owner", "Submissions", "Meta"].map((name) => ({
      name,
    })),
    paths: {
      "/leaderboard": get(
        "getLeaderboard",
        "One page of a benchmark version's board",
        BOARD_PARAMS,
        ok(ref("Leaderboard"), "The page."),
        "Leaderboard",
      ),
      "/leaderboard/points": get(
        "getLeaderboardPoints",
        "Every scatter point of a view (best-ranked first, at most 20,000), packed in columns",
        BOARD_PARAMS,
        ok(ref("LeaderboardPoints"), "The points."),
        "Leaderboard",
      ),
      "/models": get(
        "listModels",
        "Public models, alphabetical",
        [
          q(PARAM_NAMES.q, "Search in name, slug and family."),
          { ...q(PARAM_NAMES.family, "Families.", { type: "array", items: str }), explode: true },
          q(PARAM_NAMES.page, "Page number.", { type: "integer", minimum: 1 }),
          q(PARAM_NAMES.pageSize, "Models per page.", { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE }),
        ],
        ok(ref("ModelList"), "The models."),
        "Models",
      ),
      "/models/{slug}": {
        ...get(
          "getModel",
          "A model: metadata, lineage, ranks, history and every evaluation",
          [path("slug", "Model id.")],
          ok(ref("ModelDetail"), "The model."),
          "Models",
        ),
        ...MODEL_WRITE_OPERATIONS,
      },
      "/benchmarks": get(
        "listBenchmarks",
        "Every benchmark with its versions",
        [],
        ok(ref("BenchmarkList"), "The benchmarks."),
        "Benchmarks",
      ),
      "/benchmarks/{id}": get(
        "getBenchmark",
        "One benchmark: protocol, dataset, metrics, citation, versions",
        [path("id", "Benchmark id.")],
        ok(ref("BenchmarkDetail"), "The benchmark."),
        "Benchmarks",
      ),
      "/reference-points": get(
        "listReferencePoints",
        "The paper's points (approximate, unranked)",
        [q(PARAM_NAMES.benchmark, "Benchmark id.")],
        ok(ref("ReferencePoints"), "The points."),
        "Leaderboard",
      ),
      "/results/{id}": get(
        "getResult",
        "One result: scores with intervals, provenance, private-attempt disclosure, reproduce recipe, citations",
        [path("id", "Evaluation id.", { type: "integer", minimum: 1 })],
        ok(ref("Result"), "The result."),
        "Results",
      ),
      "/results/{id}/thumbnails/{kind}/{index}": get(
        "getThumbnail",
        "A per-image thumbnail (dataset images only where the licence allows: 403 otherwise)",
        [
          path("id", "Evaluation id.", { type: "integer", minimum: 1 }),
          path("kind", "Which picture.", { enum: ["saliency", "human", "image"] }),
          path("index", "Image index in split order.", { type: "integer", minimum: 0 }),
        ],
        {
          ...ok({ type: "string", contentMediaType: "image/png" }, "The PNG.", "image/png"),
          "403": json(ref("Error"), "The dataset's licence does not allow showing its images."),
        },
        "Results",
      ),
      "/snapshots": {
        ...get(
          "listSnapshots",
          "Frozen views, newest first",
          [
            q(PARAM_NAMES.benchmark, "Only this benchmark's snapshots."),
            q(PARAM_NAMES.page, "Page number.", { type: "integer", minimum: 1 }),
            q(PARAM_NAMES.pageSize, "Snapshots per page.", { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE }),
          ],
          ok(ref("SnapshotList"), "The snapshots."),
          "Snapshots",
        ),
        post: {
          operationId: "createSnapshot",
          summary: "Freeze a view (idempotent: an identical view returns the existing snapshot)",
          tags: ["Snapshots"],
          description:
            "Browsers must post from this site (Origin is checked); a form post answers 303 to the snapshot page. Rate limited more strictly than reads.",
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { query: { type: "string", description: "Leaderboard query string, e.g. family=ResNet&human_data=yes." } },
                  additionalProperties: false,
                },
              },
              "application/x-www-form-urlencoded": { schema: { type: "object", properties: { query: str } } },
            },
          },
          responses: {
            "201": json(ref("CreatedSnapshot"), "Created."),
            "200": json(ref("CreatedSnapshot"), "An identical snapshot already existed."),
            "303": { description: "Form post: redirect to /snapshots/{id}." },
            "403": json(ref("Error"), "Cross-origin browser post."),
            ...errors,
          },
        },
      },
      "/snapshots/{id}": get(
        "getSnapshot",
        "One frozen view with its citations (immutable)",
        [path("id", "16 hex digits.", { type: "string", pattern: "^[0-9a-f]{16}$" })],
        ok(ref("Snapshot"), "The snapshot."),
        "Snapshots",
      ),
      "/downloads/leaderboard.csv": get(
        "downloadLeaderboardCsv",
        "Every row of a view as CSV (columns in docs/api.md; page parameters ignored)",
        BOARD_PARAMS,
        ok({ type: "string" }, "RFC 4180 CSV with a header row.", "text/csv"),
        "Downloads",
      ),
      "/downloads/leaderboard.json": get(
        "downloadLeaderboardJson",
        "Every row of a view as JSON (same columns as the CSV)",
        BOARD_PARAMS,
        ok(ref("BoardDownload"), "The view."),
        "Downloads",
      ),
      "/downloads/all.jsonl": get(
        "downloadAll",
        "Every current public evaluation, one JSON object (DumpRecord) per line",
        [],
        {
          "200": {
            description: "JSON Lines.",
            content: { "application/x-ndjson": { schema: { type: "string" }, "x-item-schema": ref("DumpRecord") } },
          },
          ...errors,
        },
        "Downloads",
      ),
      "/openapi.json": get("getOpenApi", "This document", [], ok({ type: "object" }, "OpenAPI 3.1."), "Meta"),
      ...OWNER_PATHS,
      ...SUBMISSION_PATHS,
    },
    components: { schemas: { ...SCHEMAS, ...OWNER_SCHEMAS, ...SUBMISSION_SCHEMAS }, securitySchemes: SECURITY_SCHEMES },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
