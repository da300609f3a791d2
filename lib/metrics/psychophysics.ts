/**
 * The psychophysics ("how") score, docs/protocol.md §6: how closely a model's accuracy-by-revealed-fraction curve
 * follows the human one. Pure numbers on plain arrays; the evaluation engine and the site's report check share it.
 */
import { BOOTSTRAP_DEFAULTS, interpolate } from "./bootstrap";
import { mulberry32 } from "./prng";

/** The stimuli's levels as their file names spell them, in order; `full` is the whole image. */
export const LEVEL_NAMES = ["0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "full"] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];
/** Revealed fraction of the image, in percent, at each level: numpy.logspace(0, 2, 11) = 10^(k/5). */
export const REVEALED_PERCENT: readonly number[] = LEVEL_NAMES.map((_, k) => 10 ** (k / 5));
/** The partial levels that the score compares (the full image is dropped from both curves). */
export const LEVELS_WITHOUT_FULL = 10;
/** `Revelation` of the human trials on the full image. */
export const FULL_IMAGE_REVELATION = 200;
/** MSE below this counts as this: an exact match scores −ln(1e-6) ≈ 13.8155 rather than infinity. */
export const MSE_FLOOR = 1e-6;
export const MAX_SCORE = -Math.log(MSE_FLOOR);

/** (v − min) / (max − min); a constant curve has no shape and becomes all zeros (documented in docs/protocol.md). */
export function minMaxNormalise(values: readonly number[]): number[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (!values.every(Number.isFinite)) throw new RangeError("minMaxNormalise: non-finite value");
  return hi > lo ? values.map((v) => (v - lo) / (hi - lo)) : values.map(() => 0);
}

/** −ln(MSE) between the min-max normalised model accuracies and the (already normalised) human curve. */
export function curveScore(modelAccuracy: readonly number[], humanNormalised: readonly number[]): number {
  if (modelAccuracy.length !== humanNormalised.length || modelAccuracy.length === 0) {
    throw new RangeError(`curveScore: ${modelAccuracy.length} model levels against ${humanNormalised.length} human levels`);
  }
  const m = minMaxNormalise(modelAccuracy);
  let sse = 0;
  for (let k = 0; k < m.length; k++) sse += (m[k] - humanNormalised[k]) ** 2;
  return -Math.log(Math.max(sse / m.length, MSE_FLOOR));
}

export type LevelTally = { n: number; correct: number };

/** Per-level counts of images and correct decisions from per-image rows (level index 0..10). */
export function tallyLevels(rows: readonly { level: number; correct: boolean }[]): LevelTally[] {
  const t = LEVEL_NAMES.map(() => ({ n: 0, correct: 0 }));
  for (const r of rows) {
    if (!Number.isInteger(r.level) || r.level < 0 || r.level >= LEVEL_NAMES.length)
      throw new RangeError(`level ${r.level} is not 0..${LEVEL_NAMES.length - 1}`);
    t[r.level].n += 1;
    if (r.correct) t[r.level].correct += 1;
  }
  return t;
}

export type PsychophysicsSummary = {
  /** Revealed percent per level, the full image last. */
  revealed_percent: number[];
  /** Model accuracy per level (null where the level has no images), the full image last. */
  model_accuracy: (number | null)[];
  n_per_level: number[];
  /** Human mean `correct` per partial level, before and after min-max normalisation. */
  human_mean_correct: number[];
  human_normalised: number[];
  /** −ln(MSE) of the normalised curves over the ten partial levels; null when a partial level has no images. */
  score: number | null;
  score_undefined_reason: string | null;
  ci95: [number, number] | null;
  bootstrap: { resamples: number; seed: number; stratified_by: "level" };
};

/**
 * The score and its percentile-bootstrap interval: each resample redraws every partial level's images with
 * replacement (same count per level, indices floor(rand()·n) in level order from one mulberry32 stream), recomputes
 * the model curve and its score; percentiles as in bootstrap.ts.
 */
export function scorePsychophysics(
  rows: readonly { level: number; correct: boolean }[],
  humanMeanCorrect: readonly number[],
  opts: { resamples?: number; seed?: number } = {},
): PsychophysicsSummary {
  const { resamples, seed } = { resamples: BOOTSTRAP_DEFAULTS.resamples, seed: BOOTSTRAP_DEFAULTS.seed, ...opts };
  if (humanMeanCorrect.length !== LEVELS_WITHOUT_FULL)
    throw new RangeError(`the human curve needs ${LEVELS_WITHOUT_FULL} levels, got ${humanMeanCorrect.length}`);
  const human = minMaxNormalise(humanMeanCorrect);
  if (human.every((v) => v === 0)) throw new RangeError("the human curve is constant: it has no shape to compare with");
  const tally = tallyLevels(rows);
  const base = {
    revealed_percent: [...REVEALED_PERCENT],
    model_accuracy: tally.map((t) => (t.n ? t.correct / t.n : null)),
    n_per_level: tally.map((t) => t.n),
    human_mean_correct: [...humanMeanCorrect],
    human_normalised: human,
    bootstrap: { resamples, seed, stratified_by: "level" as const },
  };
  const partial = tally.slice(0, LEVELS_WITHOUT_FULL);
  const empty = partial.flatMap((t, k) => (t.n ? [] : [LEVEL_NAMES[k]]));
  if (empty.length) {
    return { ...base, score: null, ci95: null, score_undefined_reason: `no images at level(s) ${empty.join(", ")}` };
  }
  const score = curveScore(
    partial.map((t) => t.correct / t.n),
    human,
  );
  return { ...base, score, ci95: bootstrapScore(rows, human, resamples, seed), score_undefined_reason: null };
}

function bootstrapScore(
  rows: readonly { level: number; correct: boolean }[],
  human: number[],
  resamples: number,
  seed: number,
): [number, number] {
  if (!Number.isInteger(resamples) || resamples < 2) throw new RangeError(`resamples must be an integer ≥ 2, got ${resamples}`);
  const levels: Uint8Array[] = Array.from({ length: LEVELS_WITHOUT_FULL }, (_, k) =>
    Uint8Array.from(
      rows.filter((r) => r.level === k),
      (r) => (r.correct ? 1 : 0),
    ),
  );
  const rand = mulberry32(seed);
  const scores = new Float64Array(resamples);
  const acc = new Array<number>(LEVELS_WITHOUT_FULL);
  for (let r = 0; r < resamples; r++) {
    for (let k = 0; k < LEVELS_WITHOUT_FULL; k++) {
      const v = levels[k];
      let sum = 0;
      for (let i = 0; i < v.length; i++) sum += v[Math.floor(rand() * v.length)];
      acc[k] = sum / v.length;
    }
    scores[r] = curveScore(acc, human);
  }
  scores.sort();
  return [interpolate(scores, 0.025), interpolate(scores, 0.975)];
}
