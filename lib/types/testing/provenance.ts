/** Test helper: a complete provenance record in the one schema (lib/types/provenance.ts), as the engine writes it. */
import type { Provenance } from "../provenance";

export function testProvenance(nImages: number, overrides: Partial<Provenance> = {}): Provenance {
  const backend = overrides.backend ?? { name: "cpu", version: "4.22.0" };
  return {
    code_version: "test",
    dataset: { sha256: "d".repeat(64), n_images: nImages },
    weights_hash: "e".repeat(64),
    model_format: "layers",
    param_count: 1234,
    preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
    explainer: "max_c |d logit[label] / d x'|",
    backend,
    hardware: { cpu_model: "Test CPU", cpu_count: 2, memory_bytes: 8 * 2 ** 30, platform: "linux 6.1.0 x64", node: "v22.0.0" },
    run: { limit: null, batch_size: 4, workers: 1 },
    started_at: "2026-02-01T00:00:00.000Z",
    finished_at: "2026-02-01T00:00:00.010Z",
    duration_ms: 10,
    ...overrides,
  };
}
