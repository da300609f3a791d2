/**
 * The `psychophysics` block of a worker's report on a "how" benchmark, and what it must satisfy: its curves and score
 * are recomputed here from the per-image rows and the reported human curve (the same function the engine used), so a
 * report cannot claim a score its rows do not give.
 */
import { z } from "zod";
import type { BenchmarkDefinition } from "@/lib/benchmarks";
import { LEVEL_NAMES, LEVELS_WITHOUT_FULL, MAX_SCORE, scorePsychophysics } from "@/lib/metrics/psychophysics";

const ci = z.tuple([z.number(), z.number()]).nullable();
const levels = LEVEL_NAMES.length;

export const PsychophysicsReportSchema = z.object({
  revealed_percent: z.array(z.number()).length(levels),
  model_accuracy: z.array(z.number().min(0).max(1).nullable()).length(levels),
  n_per_level: z.array(z.number().int().nonnegative()).length(levels),
  human_mean_correct: z.array(z.number().min(0).max(1)).length(LEVELS_WITHOUT_FULL),
  human_normalised: z.array(z.number().min(0).max(1)).length(LEVELS_WITHOUT_FULL),
  score: z.number().min(0).max(MAX_SCORE).nullable(),
  score_undefined_reason: z.string().max(500).nullable(),
  ci95: ci,
  bootstrap: z.object({
    resamples: z.number().int().min(1000).max(100_000),
    seed: z.number().int().nonnegative(),
    stratified_by: z.literal("level"),
  }),
  human_source: z.string().max(1000),
  human_trials: z.array(z.number().int().nonnegative()).length(LEVELS_WITHOUT_FULL).nullable(),
  decision: z.object({ boundary: z.number().int().positive(), groups: z.tuple([z.string().max(100), z.string().max(100)]) }),
});
export type PsychophysicsReport = z.infer<typeof PsychophysicsReportSchema>;

type Issue = { path: (string | number)[]; message: string };
type Row = { level?: number; correct: boolean; spearman: number | null; dice?: number | null; iou?: number | null };
type Report = {
  n_undefined: number;
  alignment_score: number | null;
  spearman_mean: number | null;
  top1_accuracy: number | null;
  dice_mean: number | null;
  iou_mean: number | null;
  psychophysics?: PsychophysicsReport;
  per_image: Row[];
};

const TOLERANCE = 1e-9;
const near = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

export function psychophysicsInconsistencies(r: Report, benchmark: BenchmarkDefinition): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const track = benchmark.psychophysics!;
  const p = r.psychophysics;
  if (!p) return [{ path: ["psychophysics"], message: `is required on the psychophysics benchmark '${benchmark.id}'` }];
  for (const key of ["alignment_score", "spearman_mean", "top1_accuracy", "dice_mean", "iou_mean"] as const) {
    if (r[key] !== null) add([key], "must be null on a psychophysics benchmark (it has no maps)");
  }
  if (r.n_undefined !== 0) add(["n_undefined"], "must be 0 on a psychophysics benchmark");
  const bad = r.per_image.findIndex(
    (row) => row.level === undefined || row.spearman !== null || (row.dice ?? null) !== null || (row.iou ?? null) !== null,
  );
  if (bad >= 0) add(["per_image", bad], "needs a level and null map scores on a psychophysics benchmark");
  if (p.decision.boundary !== track.decisionBoundary)
    add(["psychophysics", "decision", "boundary"], `is ${p.decision.boundary}; ${benchmark.id} decides at ${track.decisionBoundary}`);
  const scripted = track.humanCurve.scripted;
  if (scripted && p.human_mean_correct.join() !== scripted.join())
    add(["psychophysics", "human_mean_correct"], `is not ${benchmark.id}'s scripted human curve`);
  if (issues.length) return issues;
  let expected;
  try {
    expected = scorePsychophysics(
      r.per_image.map((row) => ({ level: row.level!, correct: row.correct })),
      p.human_mean_correct,
      p.bootstrap,
    );
  } catch (err) {
    return [{ path: ["psychophysics"], message: (err as Error).message }];
  }
  if (p.n_per_level.join() !== expected.n_per_level.join())
    add(["psychophysics", "n_per_level"], `is [${p.n_per_level}] but the per-image rows give [${expected.n_per_level}]`);
  p.model_accuracy.forEach((v, k) => {
    if (!near(v, expected.model_accuracy[k]))
      add(["psychophysics", "model_accuracy", k], `is ${v} but the per-image rows give ${expected.model_accuracy[k]}`);
  });
  if (!near(p.score, expected.score))
    add(["psychophysics", "score"], `is ${p.score} but the rows and the human curve give ${expected.score}`);
  const [lo, hi] = [p.ci95, expected.ci95];
  if ((lo === null) !== (hi === null) || (lo && hi && (!near(lo[0], hi[0]) || !near(lo[1], hi[1])))) {
    add(["psychophysics", "ci95"], `is ${JSON.stringify(lo)} but the stated bootstrap gives ${JSON.stringify(hi)}`);
  }
  return issues;
}
