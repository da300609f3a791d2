import { clickme } from "./clickme";
import { sharedManifestLoad, manifestsDir, type ManifestLoadError } from "./manifest-dir";
import { psychophysics } from "./psychophysics";
import { psychophysicsSynthetic } from "./psychophysics-synthetic";
import { shortcut } from "./shortcut";
import { synthetic } from "./synthetic";
import type { BenchmarkDefinition } from "./types";

export type { BenchmarkDefinition, ManifestCeiling, ManifestData, PsychophysicsTrack } from "./types";
export type { ManifestLoadError } from "./manifest-dir";

/** The benchmarks defined in code, listed explicitly. The first is the site's default. */
export const BUILT_IN_BENCHMARKS: readonly BenchmarkDefinition[] = [clickme, synthetic, shortcut, psychophysics, psychophysicsSynthetic];
export const DEFAULT_BENCHMARK_ID = "clickme";

const manifestLoad = sharedManifestLoad(
  manifestsDir(),
  BUILT_IN_BENCHMARKS.map((b) => b.id),
);

/**
 * Every benchmark: the built-in ones, then those declared by the operator's manifests (BENCHMARK_MANIFESTS_DIR,
 * default DATA_DIR/benchmarks; lib/benchmarks/manifest-dir.ts), read once when this module is first loaded on the
 * server. Invalid manifests are skipped (MANIFEST_ERRORS, logged at startup), never fatal.
 */
export const BENCHMARKS: readonly BenchmarkDefinition[] = [...BUILT_IN_BENCHMARKS, ...manifestLoad.definitions];
/** The manifests that were skipped, each with the file, the field and what is allowed. */
export const MANIFEST_ERRORS: readonly ManifestLoadError[] = manifestLoad.errors;

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
