/**
 * `npm run evaluate -- --benchmark psychophysics…`: the "how" track's evaluate command. One process, forward passes
 * on the tfjs backend (the native gradient engine is not needed for logits), the same exit codes and JSON shape as
 * the ClickMe command, with the curves and score under `psychophysics`.
 */
import { getBenchmark } from "@/lib/benchmarks";
import { scorePsychophysics, type PsychophysicsSummary } from "@/lib/metrics/psychophysics";
import { BACKEND_CHOICES, initBackend, type BackendChoice } from "@/lib/tf/backend";
import { resolveBatchSize } from "../batch-size";
import type { EvaluateArgs } from "../cli-args";
import { loadModelOrInvalid, modelInfo, type CommandHooks } from "../command";
import type { BackendInfo, Provenance } from "@/lib/types/provenance";
import { codeVersion, hardware } from "../provenance";
import { evaluateStimuli, type StimulusRow } from "./evaluate";
import { planStimuliOrInvalid, trackOf } from "./stimuli";

export type PsychophysicsReport = PsychophysicsSummary & {
  human_source: string;
  /** Human trials per partial level (null for a scripted curve). */
  human_trials: number[] | null;
  decision: { boundary: number; groups: readonly [string, string] };
};

/** The published record of a "how" evaluation: the ClickMe record's fields (map scores null) plus `psychophysics`. */
export type PsychophysicsResult = {
  benchmark: { id: string; version: number; ceiling: null };
  n_images: number;
  n_undefined: 0;
  spearman_mean: null;
  alignment_score: null;
  alignment_undefined_reason: string;
  top1_accuracy: null;
  dice_mean: null;
  iou_mean: null;
  ci95: { alignment_score: null; top1_accuracy: null };
  psychophysics: PsychophysicsReport;
  backend: BackendInfo;
  /** The one provenance schema (lib/types/provenance.ts); a "how" run has no cross-check. */
  provenance: Provenance;
  per_image: StimulusRow[];
};

/** Forward passes run on tfjs: an onnxruntime choice (ort, ort-cuda) falls back to the best tfjs backend. */
const tfjsBackend = (choice: string): BackendChoice =>
  (BACKEND_CHOICES as readonly string[]).includes(choice) ? (choice as BackendChoice) : "auto";

export async function runPsychophysicsCommand(args: EvaluateArgs, hooks: CommandHooks): Promise<PsychophysicsResult> {
  const benchmark = getBenchmark(args.benchmark);
  const track = trackOf(benchmark);
  const startedAt = new Date();
  const plan = await planStimuliOrInvalid(args.data, benchmark, args.limit);
  const backend = await initBackend(tfjsBackend(String(args.backend)));
  const model = await loadModelOrInvalid(args.model, benchmark.numClasses, args.logitsNode);
  const batchSize = resolveBatchSize(args.batchSize, model.paramCount);
  const bar = hooks.progress(plan.total);
  let rows: StimulusRow[];
  try {
    rows = await evaluateStimuli(model, plan.stimuli.slice(0, plan.total), {
      preprocessing: args.preprocessing,
      batchSize,
      decisionBoundary: track.decisionBoundary,
      onProgress: (done) => bar.update(done),
    });
  } finally {
    model.dispose();
    bar.finish();
  }
  const info = modelInfo(model);
  const summary = scorePsychophysics(rows, plan.human.meanCorrect);
  const finishedAt = new Date();
  return {
    benchmark: { id: benchmark.id, version: benchmark.version, ceiling: null },
    n_images: rows.length,
    n_undefined: 0,
    spearman_mean: null,
    alignment_score: null,
    alignment_undefined_reason: "a psychophysics benchmark compares accuracy curves, not maps (see psychophysics.score)",
    top1_accuracy: null,
    dice_mean: null,
    iou_mean: null,
    ci95: { alignment_score: null, top1_accuracy: null },
    psychophysics: {
      ...summary,
      human_source: plan.human.source,
      human_trials: plan.human.trials,
      decision: { boundary: track.decisionBoundary, groups: track.groups },
    },
    backend,
    provenance: {
      code_version: codeVersion(),
      dataset: { sha256: plan.fingerprint, n_images: plan.nImages },
      weights_hash: info.weightsHash,
      model_format: info.format,
      param_count: info.paramCount,
      preprocessing: args.preprocessing,
      explainer: `forward pass: "${track.groups[0]}" iff argmax(logits) < ${track.decisionBoundary}`,
      backend,
      hardware: hardware(),
      run: { limit: args.limit, batch_size: batchSize, workers: 1 },
      started_at: startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      duration_ms: finishedAt.getTime() - startedAt.getTime(),
    },
    per_image: rows,
  };
}
