/**
 * The split-half inter-rater ceiling of a benchmark with per-rater maps (docs/datasets.md, "The ceiling"):
 * for each image with R ≥ 2 raters and each of `splits` random splits, the raters are shuffled (Fisher–Yates driven by
 * mulberry32(seed), one generator for the whole run, images in record order) and cut into halves A = the first
 * ⌊R/2⌋ and B = the other ⌈R/2⌉; each half's pixel-wise mean map goes through the protocol's human-map transform
 * (256→64, blur, 64→224) and ρ = Spearman (average ranks) between the two. An image's ρ is the mean over its splits
 * with a defined ρ; the ceiling is the Spearman-Brown correction of the mean over images, c = 2ρ̄ / (1 + ρ̄).
 */
import { mulberry32 } from "@/lib/metrics/prng";
import { spearman } from "@/lib/metrics/spearman";
import { BLUR_SIZE, CLICKME_SIZE, gaussianBlurSame, MODEL_SIZE, resizeBilinear } from "../preprocess";

export const CEILING_SEED = 20221128;
export const CEILING_SPLITS = 10;

export type RaterMaps = { stem: string; raters: Uint8Array[] };
export type SplitHalfCeiling = {
  value: number;
  uncorrected: number;
  images: number;
  splits: number;
  seed: number;
  /** Per image used: its stem, its mean ρ, and the halves (rater indices) of each split. */
  perImage: { stem: string; rho: number; halves: [number[], number[]][] }[];
};

/** The protocol's human-map transform on a float 256×256 map (prepareHumanMap without the uint8 input). */
export function prepareMeanMap(map: Float32Array): Float32Array {
  const small = resizeBilinear(map, CLICKME_SIZE, CLICKME_SIZE, 1, BLUR_SIZE, BLUR_SIZE);
  return resizeBilinear(gaussianBlurSame(small, BLUR_SIZE, BLUR_SIZE), BLUR_SIZE, BLUR_SIZE, 1, MODEL_SIZE, MODEL_SIZE);
}

function meanOf(maps: Uint8Array[], idx: number[]): Float32Array {
  const out = new Float32Array(maps[0].length);
  for (const i of idx) for (let p = 0; p < out.length; p++) out[p] += maps[i][p];
  for (let p = 0; p < out.length; p++) out[p] /= idx.length;
  return out;
}

export function splitHalfCeiling(
  images: RaterMaps[],
  opts: { seed?: number; splits?: number; prepare?: (m: Float32Array) => Float32Array } = {},
): SplitHalfCeiling {
  const seed = opts.seed ?? CEILING_SEED;
  const splits = opts.splits ?? CEILING_SPLITS;
  const prepare = opts.prepare ?? prepareMeanMap;
  const rng = mulberry32(seed);
  const perImage: SplitHalfCeiling["perImage"] = [];
  for (const img of images) {
    const r = img.raters.length;
    if (r < 2) continue;
    const rhos: number[] = [];
    const halves: [number[], number[]][] = [];
    for (let s = 0; s < splits; s++) {
      const order = Array.from({ length: r }, (_, i) => i);
      for (let i = r - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const a = order.slice(0, Math.floor(r / 2));
      const b = order.slice(Math.floor(r / 2));
      halves.push([a, b]);
      const rho = spearman(prepare(meanOf(img.raters, a)), prepare(meanOf(img.raters, b)));
      if (rho !== null) rhos.push(rho);
    }
    if (rhos.length) perImage.push({ stem: img.stem, rho: rhos.reduce((x, y) => x + y, 0) / rhos.length, halves });
  }
  if (!perImage.length) throw new Error("no image has two raters with non-constant half maps: the split-half ceiling is undefined");
  const uncorrected = perImage.reduce((x, p) => x + p.rho, 0) / perImage.length;
  return { value: (2 * uncorrected) / (1 + uncorrected), uncorrected, images: perImage.length, splits, seed, perImage };
}
