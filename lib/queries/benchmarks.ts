import { and, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { benchmarks, evaluations, models } from "@/db/schema";
import { BENCHMARKS, type BenchmarkDefinition } from "@/lib/benchmarks";
import { shownCeiling } from "@/lib/benchmarks/manifest";
import { getBenchmarkDefinitionOrThrow } from "./benchmark-version";

export type BenchmarkVersionSummary = {
  version: number;
  isCurrent: boolean;
  /** Ranked public rows on this version's board. */
  measured: number;
  demo: number;
};

export type BenchmarkSummary = { definition: BenchmarkDefinition; versions: BenchmarkVersionSummary[] };

/** Upserts one `benchmarks` row per registry entry and marks older stored versions as not current. */
export async function upsertBenchmarksFromRegistry(db: DbOrTx): Promise<void> {
  for (const b of BENCHMARKS) {
    const row = {
      id: b.id,
      version: b.version,
      title: b.title,
      description: b.summary,
      // A manifest benchmark without a ceiling divides by 1; what is stored and shown is "no ceiling" (null).
      ceiling: shownCeiling(b),
      metrics: b.metrics,
      primaryMetric: b.primaryMetric,
      citation: b.citation.text,
      changelog: b.changelog.map((c) => `v${c.version} (${c.date}): ${c.change}`).join("\n"),
      isCurrent: true,
    };
    const { id: _id, version: _version, ...update } = row;
    await db
      .insert(benchmarks)
      .values(row)
      .onConflictDoUpdate({ target: [benchmarks.id, benchmarks.version], set: update });
    await db
      .update(benchmarks)
      .set({ isCurrent: false })
      .where(and(eq(benchmarks.id, b.id), sql`${benchmarks.version} <> ${b.version}`, eq(benchmarks.isCurrent, true)));
  }
}

async function versionSummaries(db: DbOrTx, def: BenchmarkDefinition): Promise<BenchmarkVersionSummary[]> {
  const stored = await db.select({ version: benchmarks.version }).from(benchmarks).where(eq(benchmarks.id, def.id));
  const counts = await db
    .select({ version: evaluations.benchmarkVersion, isDemo: evaluations.isDemo, n: count() })
    .from(evaluations)
    .innerJoin(models, eq(models.id, evaluations.modelId))
    .where(
      and(
        eq(evaluations.benchmarkId, def.id),
        eq(evaluations.isCurrent, true),
        eq(evaluations.visibility, "public"),
        eq(models.visibility, "public"),
        sql`${evaluations.rank} is not null`,
      ),
    )
    .groupBy(evaluations.benchmarkVersion, evaluations.isDemo);
  const versions = new Set([def.version, ...stored.map((s) => s.version), ...counts.map((c) => c.version)]);
  return [...versions]
    .sort((a, b) => b - a)
    .map((version) => ({
      version,
      isCurrent: version === def.version,
      measured: counts.find((c) => c.version === version && !c.isDemo)?.n ?? 0,
      demo: counts.find((c) => c.version === version && c.isDemo)?.n ?? 0,
    }));
}

export async function listBenchmarks(db: DbOrTx): Promise<BenchmarkSummary[]> {
  return Promise.all(BENCHMARKS.map(async (definition) => ({ definition, versions: await versionSummaries(db, definition) })));
}

/** Registry entry plus stored versions and counts; unknown id → AppError not_found listing the ids. */
export async function getBenchmarkOrThrow(db: DbOrTx, id: string): Promise<BenchmarkSummary> {
  const definition = getBenchmarkDefinitionOrThrow(id);
  return { definition, versions: await versionSummaries(db, definition) };
}
