import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { benchmarks } from "@/db/schema";
import { findBenchmark, BENCHMARKS, type BenchmarkDefinition } from "@/lib/benchmarks";
import { shownCeiling } from "@/lib/benchmarks/manifest";
import { AppError } from "@/lib/errors";

export type ResolvedBenchmark = {
  definition: BenchmarkDefinition;
  version: number;
  isCurrentVersion: boolean;
  title: string;
  ceiling: number | null;
};

export function getBenchmarkDefinitionOrThrow(id: string): BenchmarkDefinition {
  const def = findBenchmark(id);
  if (!def) {
    throw new AppError("not_found", `Unknown benchmark '${id}'. Available: ${BENCHMARKS.map((b) => b.id).join(", ")}.`);
  }
  return def;
}

/** The benchmark and version a query asks for: the registry's current version unless an older one is named. */
export async function resolveBenchmarkVersion(db: DbOrTx, id: string, version: number | null): Promise<ResolvedBenchmark> {
  const def = getBenchmarkDefinitionOrThrow(id);
  if (version === null || version === def.version) {
    return { definition: def, version: def.version, isCurrentVersion: true, title: def.title, ceiling: shownCeiling(def) };
  }
  const [row] = await db
    .select()
    .from(benchmarks)
    .where(and(eq(benchmarks.id, id), eq(benchmarks.version, version)));
  if (!row) {
    const known = await db.select({ v: benchmarks.version }).from(benchmarks).where(eq(benchmarks.id, id));
    const available = [...new Set([def.version, ...known.map((k) => k.v)])].sort((a, b) => a - b);
    throw new AppError("not_found", `Benchmark '${id}' has no version ${version}. Available: ${available.join(", ")}.`);
  }
  return { definition: def, version, isCurrentVersion: false, title: row.title, ceiling: row.ceiling };
}
