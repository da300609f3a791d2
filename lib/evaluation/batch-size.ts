import type { BatchSizeChoice } from "./cli-args";

/**
 * `--batch-size auto`: two images per saliency batch for models under 10M parameters, where batching amortises
 * tfjs's per-kernel overhead (MobileNetV2 on wasm: +10–20 % images/s), one for larger models, where the gain is
 * small next to the extra activation memory (ResNet-50: 1.2 → 1.5 GB). Scores are bit-identical for every batch size.
 */
export function resolveBatchSize(choice: BatchSizeChoice, paramCount: number): number {
  return choice === "auto" ? (paramCount < 10_000_000 ? 2 : 1) : choice;
}
