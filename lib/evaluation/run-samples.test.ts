import { describe, expect, it } from "vitest";
import { IDENTITY_PREPROCESSING, prepareHumanMap, prepareImage, type Preprocessing } from "@/lib/datasets/preprocess";
import { mulberry32 } from "@/lib/metrics/prng";
import { linearModel } from "./fixtures/linear-model";
import { makeSamples, streamOf } from "./fixtures/samples";
import { runSamples } from "./run-samples";

const PER = 224 * 224 * 3;
const rand = mulberry32(42);
const weights = [0, 1, 2].map(() => Float32Array.from({ length: PER }, () => rand() * 2 - 1));
const bias = Float32Array.from([0.5, -0.2, 0.1]);
const samples = makeSamples(5, 9, 3);
const HARMONIZED: Preprocessing = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** Logits computed independently in float64 from the raw sample, applying the transform by hand. */
function expectedCorrect(s: (typeof samples)[number], p: Preprocessing): boolean {
  const x = prepareImage(s.image);
  const logits = weights.map((w, k) => {
    let sum = bias[k];
    for (let j = 0; j < PER; j++) sum += w[j] * Math.fround((x[j] * p.scale - p.mean[j % 3]) / p.std[j % 3]);
    return sum;
  });
  return logits.indexOf(Math.max(...logits)) === s.label;
}

describe("runSamples", () => {
  it("batches, keeps split order and gives the same scores for every batch size", async () => {
    const runs = [];
    for (const batchSize of [1, 2, 5]) {
      const model = linearModel(weights, bias);
      runs.push(await runSamples(model, streamOf(samples), { preprocessing: IDENTITY_PREPROCESSING, batchSize }));
      expect(model.calls).toEqual(batchSize === 2 ? [2, 2, 1] : batchSize === 1 ? [1, 1, 1, 1, 1] : [5]);
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[0].map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    expect(runs[0].map((r) => r.label)).toEqual(samples.map((s) => s.label));
  });

  it("applies the model's preprocessing before the model (top-1 matches a hand computation)", async () => {
    for (const p of [IDENTITY_PREPROCESSING, HARMONIZED]) {
      const out = await runSamples(linearModel(weights, bias), streamOf(samples), { preprocessing: p, batchSize: 2 });
      const expected = samples.map((s) => expectedCorrect(s, p)); // mixed, and different for the two transforms
      expect(out.map((r) => r.correct)).toEqual(expected);
    }
  });

  it("scores saliency against the blurred human map: a model whose gradient is that map gets ρ = 1", async () => {
    const human = prepareHumanMap(samples[0].heatmap);
    const w = new Float32Array(PER);
    for (let p = 0; p < human.length; p++) w[3 * p] = -human[p]; // |·| and max over RGB recover the map
    const label = samples[0].label;
    const ws = weights.map((x, k) => (k === label ? w : x));
    const [first] = await runSamples(linearModel(ws, bias), streamOf(samples.slice(0, 1)), {
      preprocessing: IDENTITY_PREPROCESSING,
      batchSize: 1,
    });
    expect(first.spearman).toBeCloseTo(1, 12);
    expect(first.dice).toBeCloseTo(1, 9);
    expect(first.iou).toBeCloseTo(1, 9);
  });

  it("an all-zero gradient or human map gives an undefined ρ and no overlap", async () => {
    const blank = { ...samples[1], heatmap: new Uint8Array(256 * 256) };
    const out = await runSamples(linearModel(weights, bias), streamOf([samples[0], blank]), {
      preprocessing: IDENTITY_PREPROCESSING,
      batchSize: 2,
    });
    expect(out[0].spearman).not.toBeNull();
    expect(out[1]).toMatchObject({ index: 1, spearman: null, dice: null, iou: null });
  });

  it("evaluates only the included indices and reports progress", async () => {
    const progress: number[] = [];
    const out = await runSamples(linearModel(weights, bias), streamOf(samples), {
      preprocessing: IDENTITY_PREPROCESSING,
      batchSize: 2,
      include: (i) => i % 2 === 1,
      total: 2,
      onProgress: (p) => progress.push(p.done),
    });
    expect(out.map((r) => r.index)).toEqual([1, 3]);
    expect(progress).toEqual([2]);
  });

  it("fails clearly on a label outside the model, a wrong input size and non-finite saliency", async () => {
    const opts = { preprocessing: IDENTITY_PREPROCESSING, batchSize: 2 };
    const bad = [{ ...samples[0], label: 7 }];
    await expect(runSamples(linearModel(weights, bias), streamOf(bad), opts)).rejects.toThrow(/label 7, outside the model's 3 classes/);
    const small = { ...linearModel(weights, bias), inputSize: 128 };
    await expect(runSamples(small, streamOf(samples), opts)).rejects.toThrow(/evaluates at 224×224; the model expects 128×128/);
    const nan = weights.map((w) => w.slice());
    nan[samples[0].label][30] = NaN;
    await expect(runSamples(linearModel(nan, bias), streamOf(samples), opts)).rejects.toThrow(/non-finite saliency value for image 0/);
  });

  it("decodes the next batch while the engine computes one, and never overwrites the batch in flight", async () => {
    // An engine that returns after a timer, as onnxruntime does from its own threads, and reads its input only then.
    const events: string[] = [];
    const inner = linearModel(weights, bias);
    let call = 0;
    const slow = {
      ...inner,
      computeSaliency: async (images: Float32Array, labels: Int32Array, n: number) => {
        const k = call++;
        events.push(`start ${k}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`end ${k}`);
        return inner.computeSaliency(images, labels, n);
      },
    };
    async function* recorded() {
      for (const s of samples) {
        events.push(`read ${s.index}`);
        yield s;
      }
    }
    const overlapped = await runSamples(slow, recorded(), { preprocessing: IDENTITY_PREPROCESSING, batchSize: 1 });
    const serial = await runSamples(linearModel(weights, bias), streamOf(samples), { preprocessing: IDENTITY_PREPROCESSING, batchSize: 1 });
    expect(overlapped).toEqual(serial);
    // Image k+1 is read while image k is in the engine (before its end), and one batch at most is in flight.
    for (let k = 0; k + 1 < samples.length; k++) {
      expect(events.indexOf(`start ${k}`)).toBeGreaterThanOrEqual(0);
      expect(events.indexOf(`read ${samples[k + 1].index}`)).toBeLessThan(events.indexOf(`end ${k}`));
    }
    let open = 0;
    for (const e of events) {
      open += e.startsWith("start") ? 1 : e.startsWith("end") ? -1 : 0;
      expect(open).toBeLessThanOrEqual(1);
    }
  });

  it("an engine failure surfaces from the batch that failed, after the batches before it were scored", async () => {
    const inner = linearModel(weights, bias);
    let calls = 0;
    const failing = {
      ...inner,
      computeSaliency: async (images: Float32Array, labels: Int32Array, n: number) => {
        if (++calls === 2) throw new Error("engine broke on batch 2");
        return inner.computeSaliency(images, labels, n);
      },
    };
    const seen: number[] = [];
    await expect(
      runSamples(failing, streamOf(samples), { preprocessing: IDENTITY_PREPROCESSING, batchSize: 2, onImage: (r) => seen.push(r.index) }),
    ).rejects.toThrow(/engine broke on batch 2/);
    expect(seen).toEqual([0, 1]);
  });
});
