/**
 * The OpenAPI document validates, lists every public GET route in app/api/v1, and every endpoint it lists
 * answers (through the handler its route calls, on a test database) with a body that matches its schema.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { createEvaluation, createModel } from "@/db/factories";
import { evaluationThumbnails, imageResults } from "@/db/schema";
import { openTestDatabase, testDatabaseKinds } from "@/db/testing";
import { handleDumpJsonl, handleLeaderboardCsv, handleLeaderboardJson } from "@/lib/api/public-downloads";
import { handleResult, handleResultImages, handleThumbnail, IMAGE_COLUMNS } from "@/lib/api/public-results";
import { handleCreateSnapshot, handleSnapshot, handleSnapshotList } from "@/lib/api/public-snapshots";
import {
  handleBenchmark,
  handleBenchmarks,
  handleLeaderboard,
  handleModel,
  handleModels,
  handleReferencePoints,
} from "@/lib/api/read-handlers";
import { upsertBenchmarksFromRegistry } from "@/lib/queries/benchmarks";
import { recomputeRanks } from "@/lib/queries/ranks";
import { BOARD_COLUMN_NAMES } from "@/lib/snapshots/columns";
import { cachedJson } from "@/lib/api/public-cache";
import { handleLeaderboardPoints } from "@/lib/api/scatter-points";
import { MAX_FILES } from "@/lib/api/submissions";
import { handleGetJob } from "@/lib/api/submissions-jobs";
import { createTestAuth } from "@/lib/auth/testing";
import { getEnv } from "@/lib/env";
import { enqueueEvaluation } from "@/lib/queries/jobs";
import { FORM_OVERHEAD_BYTES, MAX_FIELD_BYTES } from "@/lib/uploads/multipart";
import { SUBMISSION_FIELDS } from "@/lib/types/submission-metadata";
import { testProvenance } from "@/lib/types/testing/provenance";
import { openApiDocument } from "./document";
import {
  DOCUMENTED_FORM_OVERHEAD_BYTES,
  DOCUMENTED_MAX_FIELD_BYTES,
  DOCUMENTED_MAX_UPLOAD_BYTES,
  DOCUMENTED_MAX_UPLOAD_FILES,
} from "./submission-paths";

const BASE = "http://localhost:3000";
const doc = openApiDocument(BASE);
type Ids = { slug: string; resultId: number; snapshotId: string; jobId: number };
type Call = (db: Db, req: Request, ids: Ids) => Promise<Response>;

/** What each documented GET path's route file calls, with fixture values for its path parameters. */
const GET_HANDLERS: Record<string, { url: (ids: Ids) => string; call: Call }> = {
  "/leaderboard": { url: () => "/leaderboard?family=ResNet,ViT&sort=top1", call: (db, r) => handleLeaderboard(db, new URL(r.url)) },
  "/leaderboard/points": { url: () => "/leaderboard/points?sort=top1", call: (db, r) => handleLeaderboardPoints(db, new URL(r.url)) },
  "/models": { url: () => "/models?q=a", call: (db, r) => handleModels(db, new URL(r.url)) },
  "/models/{slug}": { url: (i) => `/models/${i.slug}`, call: (db, _r, i) => handleModel(db, i.slug) },
  "/benchmarks": { url: () => "/benchmarks", call: (db, r) => handleBenchmarks(db, new URL(r.url)) },
  "/benchmarks/{id}": { url: () => "/benchmarks/clickme", call: (db, r) => handleBenchmark(db, "clickme", new URL(r.url)) },
  "/reference-points": { url: () => "/reference-points?benchmark=clickme", call: (db, r) => handleReferencePoints(db, new URL(r.url)) },
  "/results/{id}": { url: (i) => `/results/${i.resultId}`, call: (db, r, i) => handleResult(db, r, String(i.resultId)) },
  "/results/{id}/thumbnails/{kind}/{index}": {
    url: (i) => `/results/${i.resultId}/thumbnails/saliency/3`,
    call: (db, r, i) => handleThumbnail(db, r, String(i.resultId), "saliency", "3"),
  },
  "/results/{id}/images.csv": {
    url: (i) => `/results/${i.resultId}/images.csv`,
    call: (db, r, i) => handleResultImages(db, r, String(i.resultId), "csv"),
  },
  "/results/{id}/images.json": {
    url: (i) => `/results/${i.resultId}/images.json`,
    call: (db, r, i) => handleResultImages(db, r, String(i.resultId), "json"),
  },
  "/snapshots": { url: () => "/snapshots?benchmark=clickme", call: (db, r) => handleSnapshotList(db, r) },
  "/snapshots/{id}": { url: (i) => `/snapshots/${i.snapshotId}`, call: (db, r, i) => handleSnapshot(db, r, i.snapshotId) },
  "/downloads/leaderboard.csv": {
    url: () => "/downloads/leaderboard.csv?human_data=no&page=2",
    call: (db, r) => handleLeaderboardCsv(db, r),
  },
  "/downloads/leaderboard.json": { url: () => "/downloads/leaderboard.json", call: (db, r) => handleLeaderboardJson(db, r) },
  "/downloads/all.jsonl": { url: () => "/downloads/all.jsonl", call: (db, r) => handleDumpJsonl(db, r) },
  "/openapi.json": { url: () => "/openapi.json", call: async (_db, r) => cachedJson(r, doc) },
  "/jobs/{id}": {
    url: (i) => `/jobs/${i.jobId}`,
    call: (db, r, i) => handleGetJob({ db, auth: createTestAuth(db), siteOrigin: BASE }, r, String(i.jobId)),
  },
};

/** Route folders under app/api/v1 that are not the public read API (authenticated or operational). */
const NOT_PUBLIC = /^\/(worker|admin|submissions|health|me|tokens)(\/|$)/;
/** Internal protocols, documented elsewhere (docs/api.md, ARCHITECTURE.md): the worker's and the admin's. */
const INTERNAL = /^\/(worker|admin)(\/|$)/;
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
/**
 * Write routes that may be missing from the document, each with why. Empty: every write route is documented (the
 * model-edit routes in owner-paths.ts, the submitter's in submission-paths.ts).
 */
const UNDOCUMENTED_WRITES: Record<string, string> = {};

function publicGetRoutes(dir = path.join(process.cwd(), "app/api/v1"), prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...publicGetRoutes(full, `${prefix}/${entry.name.replace(/^\[(.+)\]$/, "{$1}")}`));
    else if (entry.name === "route.ts" && /export\s+async\s+function\s+GET\b/.test(fs.readFileSync(full, "utf8"))) out.push(prefix);
  }
  return out.filter((p) => !NOT_PUBLIC.test(p));
}

/** "POST /submissions" for each write method a route file under app/api/v1 exports, internal protocols left out. */
function writeRoutes(dir = path.join(process.cwd(), "app/api/v1"), prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...writeRoutes(full, `${prefix}/${entry.name.replace(/^\[(.+)\]$/, "{$1}")}`));
    else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      for (const m of WRITE_METHODS) {
        if (new RegExp(`export\\s+(async\\s+function\\s+${m}\\b|const\\s+${m}\\b|\\{[^}]*\\b${m}\\b[^}]*\\})`).test(source))
          out.push(`${m} ${prefix}`);
      }
    }
  }
  return out.filter((r) => !INTERNAL.test(r.split(" ")[1])).sort();
}

const documentedWrites = () =>
  Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([p, item]) =>
      Object.keys(item)
        .filter((m) => (WRITE_METHODS as readonly string[]).includes(m.toUpperCase()))
        .map((m) => `${m.toUpperCase()} ${p}`),
    )
    .sort();

function schemaValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addSchema({ $id: "https://example.org/openapi", components: doc.components });
  return (name: string, value: unknown) => {
    const v = ajv.getSchema(`https://example.org/openapi#/components/schemas/${name}`);
    if (!v) throw new Error(`No schema ${name}`);
    return v(value) ? [] : v.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

/** The documented paths that answer GET (the owner's writes are POST only). */
const GET_PATHS = Object.entries(doc.paths as Record<string, { get?: unknown }>)
  .filter(([, item]) => item.get)
  .map(([p]) => p)
  .sort();

type Op = { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> };

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? "" : compileErrors(result)).toBe("");
    expect(doc.openapi).toBe("3.1.0");
  });

  it("lists every public GET route under app/api/v1, and nothing that has no route", () => {
    expect(publicGetRoutes().sort()).toEqual(GET_PATHS);
    expect(Object.keys(GET_HANDLERS).sort()).toEqual(GET_PATHS);
  });

  it("documents every POST it lists with a route file, and the owner's writes with bearer security and the error envelope", () => {
    const posts = Object.entries(
      doc.paths as Record<
        string,
        { post?: { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }
      >,
    ).filter(([, item]) => item.post);
    for (const [p] of posts) {
      const file = path.join(process.cwd(), "app/api/v1", p.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
      expect(fs.readFileSync(file, "utf8"), p).toMatch(/export\s+async\s+function\s+POST\b/);
    }
    for (const p of ["/results/{id}/publish", "/models/{slug}/publish", "/jobs/{id}/requeue", "/jobs/{id}/cancel", "/submissions"]) {
      const op = (
        doc.paths as unknown as Record<
          string,
          { post: { security: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }
        >
      )[p].post;
      expect(op.security).toContainEqual({ bearerToken: [] });
      for (const code of ["401", "403", "404", "409"])
        expect(op.responses[code].content!["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
    }
  });
});

describe("the write API in the document", () => {
  it("lists every write route under app/api/v1 (worker and admin protocols aside) with its method, and none without a route", () => {
    const routes = writeRoutes();
    expect(routes).toContain("POST /submissions"); // the scan finds write routes at all
    const documented = documentedWrites();
    expect(routes.filter((r) => !documented.includes(r) && !(r in UNDOCUMENTED_WRITES))).toEqual([]);
    expect(documented.filter((r) => !routes.includes(r))).toEqual([]);
    for (const r of Object.keys(UNDOCUMENTED_WRITES))
      expect(documented, `${r} is documented now: drop it from UNDOCUMENTED_WRITES`).not.toContain(r);
  });

  it("the scan fails on an undocumented write route (the check can fail)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "api-v1-scan-"));
    try {
      for (const [folder, source] of [
        ["things/[id]", "export async function DELETE() {}\nexport { handler as PUT };\n"],
        ["worker/x", "export async function POST() {}\n"],
        ["list", "export async function GET() {}\n"],
      ]) {
        fs.mkdirSync(path.join(dir, folder), { recursive: true });
        fs.writeFileSync(path.join(dir, folder, "route.ts"), source);
      }
      expect(writeRoutes(dir)).toEqual(["DELETE /things/{id}", "PUT /things/{id}"]);
      expect(documentedWrites()).not.toContain("DELETE /things/{id}");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("documents POST /submissions with every form field the handler accepts, the file parts, and the code's limits", () => {
    const body = (
      doc.paths as unknown as Record<
        string,
        { post: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> } } }
      >
    )["/submissions"].post.requestBody;
    const form = body.content["multipart/form-data"].schema;
    expect(Object.keys(form.properties).sort()).toEqual([...SUBMISSION_FIELDS, "files"].sort());
    expect(form.required.sort()).toEqual(["family", "files", "name", "preprocessing", "trained_on_human_maps", "training_data"]);
    expect(DOCUMENTED_MAX_UPLOAD_FILES).toBe(MAX_FILES);
    expect(DOCUMENTED_MAX_FIELD_BYTES).toBe(MAX_FIELD_BYTES);
    expect(DOCUMENTED_FORM_OVERHEAD_BYTES).toBe(FORM_OVERHEAD_BYTES);
    expect(DOCUMENTED_MAX_UPLOAD_BYTES).toBe(getEnv({ NODE_ENV: "test" }).MAX_UPLOAD_BYTES);
    expect(doc.components.schemas.JobStatus, "JobStatus is owner-paths.ts's, referenced, not copied").toBeDefined();
  });
});

describe.each(testDatabaseKinds())("every documented endpoint on %s", (kind) => {
  let handle: DatabaseHandle;
  let db: Db;
  const ids: Ids = { slug: "", resultId: 0, snapshotId: "", jobId: 0 };
  const check = schemaValidator();

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    await upsertBenchmarksFromRegistry(db);
    const parent = await createModel(db, { slug: "api-resnet", displayName: "ResNet-50", family: "ResNet", weightsHash: "a".repeat(64) });
    const child = await createModel(db, {
      slug: "api-resnet-h",
      displayName: "ResNet-50 harmonized",
      family: "ResNet",
      fineTunedFromId: parent.id,
      trainedOnHumanMaps: true,
    });
    const vit = await createModel(db, { slug: "api-vit", displayName: "ViT-B/16", family: "ViT", paramCount: null });
    await createEvaluation(db, parent, { alignment: 0.4, top1: 0.76 });
    const e = await createEvaluation(db, child, {
      alignment: 0.6,
      top1: 0.74,
      nUndefined: 1,
      durationMs: 1234,
      publishedAt: new Date("2026-02-02T00:00:00Z"),
      provenance: {
        ...testProvenance(1000, {
          code_version: "abc1234",
          weights_hash: "b".repeat(64),
          explainer: "gradient",
          backend: { name: "wasm", version: "4.22.0" },
          duration_ms: 1234,
        }),
        worker: "w1",
        job_id: 1,
        attempt: 1,
      },
    });
    await createEvaluation(db, vit, { alignment: 0.3, top1: null, alignmentCi: null });
    await db.insert(imageResults).values(
      [0, 1, 2, 3].map((index) => ({
        evaluationId: e.id,
        index,
        shard: "val-0",
        label: index,
        spearman: index / 10,
        correct: true,
        dice: 0.5,
        iou: 0.3,
      })),
    );
    await db.insert(evaluationThumbnails).values([
      { evaluationId: e.id, kind: "saliency", imageIndex: 3, png: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
      { evaluationId: e.id, kind: "image", imageIndex: 3, png: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    ]);
    await recomputeRanks(db, "clickme", 1);
    ids.slug = child.slug;
    ids.resultId = e.id;
    ids.jobId = (await enqueueEvaluation(db, { modelId: vit.id, benchmarkId: "clickme", benchmarkVersion: 1, reason: "submission" })).id;
    const created = await handleCreateSnapshot(
      db,
      new Request(`${BASE}/api/v1/snapshots`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "family=ResNet" }),
      }),
    );
    expect(created.status).toBe(201);
    ids.snapshotId = ((await created.json()) as { snapshot: { id: string } }).snapshot.id;
  });
  afterAll(() => handle?.close());

  it.each(GET_PATHS)("GET %s answers 200 with a body that matches its schema", async (p) => {
    const h = GET_HANDLERS[p];
    const req = new Request(`${BASE}/api/v1${h.url(ids)}`);
    const res = await h.call(db, req, ids);
    const op = (doc.paths as unknown as Record<string, { get: Op }>)[p].get;
    const type = Object.keys(op.responses["200"].content!)[0];
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("content-type")).toContain(type.split(";")[0]);
    const ref = op.responses["200"].content![type].schema.$ref;
    if (type === "application/json") {
      const name = ref?.split("/").pop();
      const body = await res.json();
      if (name) expect(check(name, body)).toEqual([]);
    } else if (type === "application/x-ndjson") {
      const lines = (await res.text())
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(3);
      for (const line of lines) expect(check("DumpRecord", line)).toEqual([]);
    } else if (type === "text/csv" && p.endsWith("images.csv")) {
      const text = await res.text();
      expect(text.split("\r\n")[0]).toBe(IMAGE_COLUMNS.join(","));
      expect(text.split("\r\n").filter(Boolean)).toEqual([
        "index,shard,label,spearman,correct,dice,iou",
        ...[0, 1, 2, 3].map((i) => `${i},val-0,${i},${i / 10},true,0.5,0.3`),
      ]);
    } else if (type === "text/csv") {
      const text = await res.text();
      expect(text.split("\r\n")[0]).toBe(BOARD_COLUMN_NAMES.join(","));
      expect(text.split("\r\n").filter(Boolean)).toHaveLength(3);
    } else {
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    }
  });

  it("detects a body that breaks its schema (the check can fail)", async () => {
    const res = await handleResult(db, new Request(`${BASE}/api/v1/results/${ids.resultId}`), String(ids.resultId));
    const body = (await res.json()) as { result: Record<string, unknown> };
    body.result.rank = "1";
    expect(check("Result", body).join()).toMatch(/\/result\/rank must be integer/);
  });

  it("answers 304 to a matching If-None-Match, and serves snapshots as immutable", async () => {
    const url = `${BASE}/api/v1/snapshots/${ids.snapshotId}`;
    const first = await handleSnapshot(db, new Request(url), ids.snapshotId);
    expect(first.headers.get("cache-control")).toContain("immutable");
    const etag = first.headers.get("etag")!;
    const again = await handleSnapshot(db, new Request(url, { headers: { "if-none-match": `W/${etag}, "other"` } }), ids.snapshotId);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("reuses identical snapshots, redirects form posts, refuses cross-origin browser posts and bad queries", async () => {
    const post = (body: BodyInit, headers: Record<string, string>) =>
      handleCreateSnapshot(
        db,
        new Request(`${BASE}/api/v1/snapshots`, { method: "POST", headers: { host: "localhost:3000", ...headers }, body }),
      );
    const again = await post(JSON.stringify({ query: "family=ResNet&page=2" }), { "content-type": "application/json" });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { snapshot: { id: string } }).snapshot.id).toBe(ids.snapshotId);
    const form = await post(new URLSearchParams({ query: "family=ResNet" }), {
      "content-type": "application/x-www-form-urlencoded",
      origin: BASE,
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/snapshots/${ids.snapshotId}`);
    expect(
      (
        await post(new URLSearchParams({ query: "" }), {
          "content-type": "application/x-www-form-urlencoded",
          origin: "https://evil.example",
        })
      ).status,
    ).toBe(403);
    const bad = await post(JSON.stringify({ query: "sort=height&colour=red" }), { "content-type": "application/json" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/'sort' must be one of .* \(and 1 more\)/);
  });

  it("keeps dataset images behind the benchmark's licence and rejects malformed ids", async () => {
    const img = await handleThumbnail(db, new Request(`${BASE}/x`), String(ids.resultId), "image", "3");
    expect(img.status).toBe(403);
    expect((await handleResult(db, new Request(`${BASE}/x`), "1e3")).status).toBe(400); // non-canonical: refused, see lib/api/path-params.ts
    expect((await handleSnapshot(db, new Request(`${BASE}/x`), "nothex")).status).toBe(404);
  });
});
