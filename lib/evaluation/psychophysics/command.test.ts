import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticPsychophysics } from "@/lib/datasets/psychophysics/synthetic";
import { IDENTITY_PREPROCESSING } from "@/lib/datasets/preprocess";
import { parseEvaluateArgs } from "@/lib/evaluation/cli-args";
import { EvaluationReportSchema } from "@/lib/queue/protocol";
import { tallyLevels } from "@/lib/metrics/psychophysics";
import { loadModel } from "@/lib/models/load";
import { initBackend } from "@/lib/tf/backend";
import { runPsychophysicsCommand } from "./command";
import { planStimuli } from "./stimuli";
import { getBenchmark } from "@/lib/benchmarks";

const DEMO = path.join(process.cwd(), "models", "demo", "harmonized");
const quiet = { progress: () => ({ update() {}, tick() {}, finish() {} }) };
let dir: string;

beforeAll(async () => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), "psy-cmd-")), "split");
  await writeSyntheticPsychophysics({ out: dir, perClass: 2 });
  await initBackend("wasm");
}, 60_000);
afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

describe("psychophysics evaluate command (demo model, synthetic stand-in)", () => {
  it("writes 88 stimuli (2 per shape × 11 levels) in the real naming, with the scripted human curve", async () => {
    const plan = await planStimuli(dir, getBenchmark("psychophysics-synthetic"), null);
    expect(plan.nImages).toBe(88);
    expect(plan.stimuli[0].shard).toBe("synthetic_shortcut_scenes/0_circle0.png");
    expect(new Set(plan.stimuli.map((s) => s.label))).toEqual(new Set([0, 1, 2, 3]));
    expect(plan.human.meanCorrect).toEqual([...getBenchmark("psychophysics-synthetic").psychophysics!.humanCurve.scripted!]);
  });

  it("scores by forward passes; the report's curve is its rows' and the site's schema accepts it, and refuses a changed score", async () => {
    const args = parseEvaluateArgs(["--model", DEMO, "--data", dir, "--benchmark", "psychophysics-synthetic", "--backend", "wasm"]);
    const result = await runPsychophysicsCommand(args, quiet);
    expect(result.n_images).toBe(88);
    expect(result.psychophysics.n_per_level).toEqual(Array(11).fill(8));
    const tally = tallyLevels(result.per_image);
    expect(result.psychophysics.model_accuracy).toEqual(tally.map((t) => t.correct / t.n));
    expect(result.psychophysics.score).not.toBeNull();
    const report = EvaluationReportSchema.parse(JSON.parse(JSON.stringify(result)));
    expect(report.psychophysics?.score).toBe(result.psychophysics.score);
    expect(report.provenance).toEqual(JSON.parse(JSON.stringify(result.provenance)));
    const forged = JSON.parse(JSON.stringify(result));
    forged.psychophysics.score += 0.5;
    expect(EvaluationReportSchema.safeParse(forged).error?.issues[0].message).toMatch(/^is .* but the rows and the human curve give /);
  }, 120_000);

  it("decides from the same logits as the saliency path (forward-only logits equal computeSaliency's)", async () => {
    const model = await loadModel(DEMO, { numClasses: 4 });
    try {
      const plan = await planStimuli(dir, getBenchmark("psychophysics-synthetic"), 4);
      const { prepareStimulus } = await import("@/lib/datasets/psychophysics/stimulus-image");
      const { decodeGreyPng } = await import("@/lib/datasets/psychophysics/png-grey");
      const { readFileSync } = await import("node:fs");
      const images = new Float32Array(4 * 224 * 224 * 3);
      plan.stimuli
        .slice(0, 4)
        .forEach((s, i) => images.set(prepareStimulus(decodeGreyPng(readFileSync(s.path)), IDENTITY_PREPROCESSING), i * 224 * 224 * 3));
      const forward = await model.computeLogits!(images, 4);
      const viaSaliency = (await model.computeSaliency(images, new Int32Array(4), 4)).logits;
      for (let i = 0; i < forward.length; i++) expect(forward[i]).toBeCloseTo(viaSaliency[i], 5);
    } finally {
      model.dispose();
    }
  }, 60_000);
});
