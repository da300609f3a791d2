/**
 * Migration 0013 (provenance in one spelling), run by the real migrator on rows stored in the old mixed shape: the
 * database is migrated, 0013 is marked not applied, old rows are inserted, and the migrator runs again.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { evaluations, models, snapshots } from "./schema";
import { openTestDatabase, testDatabaseKinds } from "./testing";
import { toProvenance } from "@/lib/queries/job-results";
import type { EvaluationReport } from "@/lib/queue/protocol";
import { StoredProvenanceSchema } from "@/lib/types/provenance";
import { testProvenance } from "@/lib/types/testing/provenance";

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");
const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as {
  entries: { tag: string; when: number }[];
};
const step = journal.entries.find((e) => e.tag === "0013_provenance_spelling")!;

const str = (value: unknown, fallback = "unknown") => (typeof value === "string" && value ? value : fallback);
const record = (value: unknown) => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});

/** What the site stored before 0013 (lib/queries/job-results.ts's toProvenance until then, verbatim in behaviour). */
function legacyProvenance(
  report: { provenance: unknown; benchmark: object; backend: object; n_images: number; n_undefined: number },
  extra: { worker: string | null; jobId: number; attempt: number },
) {
  const { cross_check: crossCheck, ...p } = record(report.provenance);
  const dataset = record(p.dataset);
  const pre = record(p.preprocessing);
  return {
    ...p,
    codeVersion: str(p.code_version),
    benchmark: report.benchmark,
    dataset: { fingerprint: str(dataset.sha256), nImages: report.n_images },
    weightsHash: typeof p.weights_hash === "string" ? p.weights_hash : null,
    preprocessing: {
      scale: typeof pre.scale === "number" ? pre.scale : 1,
      mean: Array.isArray(pre.mean) ? pre.mean : [0, 0, 0],
      std: Array.isArray(pre.std) ? pre.std : [1, 1, 1],
    },
    explainer: str(p.explainer),
    backend: report.backend,
    hardware: typeof p.hardware === "string" ? p.hardware : JSON.stringify(p.hardware ?? "unknown"),
    worker: extra.worker,
    startedAt: str(p.started_at),
    finishedAt: str(p.finished_at),
    durationMs: typeof p.duration_ms === "number" ? p.duration_ms : 0,
    nUndefined: report.n_undefined,
    jobId: extra.jobId,
    attempt: extra.attempt,
    ...(crossCheck === undefined ? {} : { crossCheck }),
  };
}

const CHECK = {
  status: "passed" as const,
  engine: "onnxruntime-node 1.30.0",
  relative_tolerance: 1e-3,
  images: 2,
  max_abs_diff: 3e-7,
  max_abs_logit: 2.2,
  tolerance: 2.2e-3,
  top1_agreement: 1,
  passed: true,
  first_diverging_node: null,
};
const backend = { name: "ort", version: "onnxruntime-node 1.30.0", threads: 2 };
/** A real engine report's provenance (every field), as an ONNX evaluation of 8 images reports it. */
const full = testProvenance(8, { model_format: "onnx", backend, cross_check: CHECK });
const fullReport = { benchmark: { id: "synthetic", version: 1 }, backend, n_images: 8, n_undefined: 1, provenance: full };
/** The minimal provenance the old site accepted (the tests' reports): the rest was filled in with defaults. */
const minimalReport = {
  benchmark: { id: "synthetic", version: 1 },
  backend: { name: "cpu", version: "4.22.0" },
  n_images: 8,
  n_undefined: 0,
  provenance: { code_version: "test", dataset: { sha256: "abc", n_images: 8 }, duration_ms: 10 },
};

const OLD_SNAPSHOT = JSON.stringify({ rows: [{ provenance: { codeVersion: "abc", code_version: "abc", durationMs: 0 } }] });

describe.each(testDatabaseKinds())("migration 0013 (provenance in one spelling) on %s", (kind) => {
  let handle: DatabaseHandle;
  const ids: Record<string, number> = {};

  const migrate = () =>
    kind === "pglite"
      ? migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS })
      : migratePg(handle.db as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS });

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    const { db } = handle;
    // Back to the state before 0013: the migrator will apply it again on the rows below.
    await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${step.when}`);
    const [model] = await db
      .insert(models)
      .values({
        slug: "old",
        displayName: "Old",
        ownerName: "t",
        family: "CNN",
        trainingData: "none",
        preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
        artifactPath: null,
      })
      .returning();
    const insert = async (
      key: string,
      provenance: unknown,
      over: { benchmarkVersion?: number; nUndefined?: number; isCurrent?: boolean } = {},
    ) => {
      const [row] = await db
        .insert(evaluations)
        .values({
          modelId: model.id,
          benchmarkId: "synthetic",
          benchmarkVersion: over.benchmarkVersion ?? 1,
          isCurrent: over.isCurrent ?? false,
          scores: {},
          nImages: 8,
          nUndefined: over.nUndefined ?? 0,
          provenance: provenance as never,
          jobId: null,
        })
        .returning({ id: evaluations.id });
      ids[key] = row.id;
    };
    await insert("full", legacyProvenance(fullReport, { worker: "gpu-7", jobId: 5, attempt: 2 }), { nUndefined: 1 });
    await insert("minimal", legacyProvenance(minimalReport, { worker: null, jobId: 6, attempt: 1 }));
    // Before the cross-check was split out (0edd183), the report's cross_check was stored as it came.
    await insert(
      "early",
      {
        ...legacyProvenance({ ...fullReport, provenance: { ...full, cross_check: undefined } }, { worker: "w", jobId: 7, attempt: 1 }),
        cross_check: CHECK,
      },
      { nUndefined: 1 },
    );
    await insert(
      "limited",
      legacyProvenance(
        { ...fullReport, n_images: 4, provenance: { ...full, run: { limit: 4, batch_size: 4, workers: 1 } } },
        { worker: "w", jobId: 8, attempt: 1 },
      ),
      { nUndefined: 1 },
    );
    await insert(
      "current",
      toProvenance({ ...fullReport, provenance: full } as unknown as EvaluationReport, { worker: "w", job_id: 9, attempt: 1 }),
    );
    await insert("demo", null, { isCurrent: true });
    // A snapshot frozen before: its content is hashed text and must stay byte for byte what was hashed.
    await db.insert(snapshots).values({
      id: "0123456789abcdef",
      hash: "0123456789abcdef".padEnd(64, "0"),
      content: OLD_SNAPSHOT,
      benchmarkId: "synthetic",
      benchmarkVersion: 1,
      query: "",
      rowCount: 1,
      origin: "nightly",
    });
    await migrate();
  });
  afterAll(async () => handle?.close());

  const provenanceOf = async (key: string) =>
    (await handle.db.select().from(evaluations).where(eq(evaluations.id, ids[key])))[0].provenance;

  it("turns an old row of a full engine report into exactly what the site stores for that report now", async () => {
    const expected = toProvenance({ ...fullReport } as unknown as EvaluationReport, { worker: "gpu-7", job_id: 5, attempt: 2 });
    const p = await provenanceOf("full");
    expect(p).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(StoredProvenanceSchema.parse(p)).toEqual(p);
    expect(p?.hardware).toEqual(full.hardware);
    expect(JSON.stringify(p)).not.toMatch(
      /codeVersion|weightsHash|startedAt|finishedAt|durationMs|jobId|crossCheck|nUndefined|fingerprint|nImages/,
    );
  });

  it("invents nothing: what the old row held only as a default ('unknown', 0, \"unknown\" hardware) becomes absent", async () => {
    const p = await provenanceOf("minimal");
    expect(p).toEqual({
      code_version: "test",
      dataset: { sha256: "abc" },
      duration_ms: 10,
      // Preprocessing defaults cannot be told from a declared identity; the old row's value is kept.
      preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
      backend: { name: "cpu", version: "4.22.0" },
      worker: null,
      job_id: 6,
      attempt: 1,
    });
    expect(StoredProvenanceSchema.parse(p)).toEqual(p);
  });

  it("keeps a cross-check stored as cross_check, and the split's size only where the old count was the split's", async () => {
    expect((await provenanceOf("early"))?.cross_check).toEqual(CHECK);
    const limited = await provenanceOf("limited");
    expect(limited?.dataset).toEqual({ sha256: full.dataset.sha256 });
    expect(limited?.run).toEqual({ limit: 4, batch_size: 4, workers: 1 });
  });

  it("leaves rows already in the one spelling, and rows without provenance, as they were", async () => {
    expect(await provenanceOf("current")).toEqual(
      JSON.parse(JSON.stringify(toProvenance({ ...fullReport } as unknown as EvaluationReport, { worker: "w", job_id: 9, attempt: 1 }))),
    );
    expect(await provenanceOf("demo")).toBeNull();
    const [snapshot] = await handle.db.select().from(snapshots);
    expect(snapshot.content).toBe(OLD_SNAPSHOT);
  });
});
