import { clickme } from "./clickme";
import { psychophysics } from "./psychophysics";
import { psychophysicsSynthetic } from "./psychophysics-synthetic";
import { shortcut } from "./shortcut";
import { synthetic } from "./synthetic";
import type { BenchmarkDefinition } from "./types";

export type { BenchmarkDefinition, PsychophysicsTrack } from "./types";

/** Every benchmark, listed explicitly. The first is the site's default. */
export const BENCHMARKS: readonly BenchmarkDefinition[] = [clickme, synthetic, shortcut, psychophysics, psychophysicsSynthetic];
export const DEFAULT_BENCHMARK_ID = "clickme";

export class UnknownBenchmarkError extends Error {
  constructor(id: string) {
    super(`Unknown benchmark '${id}'. Available: ${BENCHMARKS.map((b) => b.id).join(", ")}`);
    this.name = "UnknownBenchmarkError";
  }
}

export function findBenchmark(id: string): BenchmarkDefinition | undefined {
  return BENCHMARKS.find((b) => b.id === id);
}

export function getBenchmark(id: string): BenchmarkDefinition {
  const found = findBenchmark(id);
  if (!found) throw new UnknownBenchmarkError(id);
  return found;
}
