import fs from "node:fs/promises";
import path from "node:path";
import { readClickMe } from "@/lib/datasets/clickme";
import { applyModelPreprocessing, MODEL_SIZE, prepareHumanMap, prepareImage, type Preprocessing } from "@/lib/datasets/preprocess";
import { encodePng, mapToGrey } from "@/lib/images/png";
import type { PerImage } from "@/lib/metrics/aggregate";
import type { SplitPlan } from "./run";
import type { SaliencyModel } from "./types";

/** The images whose maps agree most and least (by ρ): what the per-image explorer shows side by side. */
export function pickExtremes(perImage: readonly PerImage[], perSide: number): number[] {
  const defined = perImage.filter((p) => p.spearman !== null).sort((a, b) => b.spearman! - a.spearman! || a.index - b.index);
  const chosen = [...defined.slice(0, perSide), ...defined.slice(Math.max(perSide, defined.length - perSide))];
  return [...new Set(chosen.map((p) => p.index))].sort((a, b) => a - b);
}

function halveRgb(rgb: Float32Array, size: number): Uint8Array {
  const out = size / 2;
  const data = new Uint8Array(out * out * 3);
  for (let y = 0; y < out; y++) {
    for (let x = 0; x < out; x++) {
      for (let c = 0; c < 3; c++) {
        const at = (yy: number, xx: number) => rgb[((2 * y + yy) * size + 2 * x + xx) * 3 + c];
        data[(y * out + x) * 3 + c] = Math.round((at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4);
      }
    }
  }
  return data;
}

/**
 * Writes 112×112 PNGs of the saliency map, the blurred human map and the input image for the extreme images:
 * `{saliency,human,image}-{index}.png` in `dir`. The maps are recomputed exactly as in the run (same model,
 * preprocessing and protocol); only a handful of images, so the cost is a few saliency maps.
 */
export async function writeThumbnails(o: {
  model: SaliencyModel;
  dataDir: string;
  plan: Pick<SplitPlan, "maxShardIndex" | "numClasses">;
  preprocessing: Preprocessing;
  perImage: readonly PerImage[];
  dir: string;
  perSide?: number;
}): Promise<string[]> {
  const wanted = new Set(pickExtremes(o.perImage, o.perSide ?? 3));
  if (wanted.size === 0) return [];
  await fs.mkdir(o.dir, { recursive: true });
  const written: string[] = [];
  const last = Math.max(...wanted);
  const write = async (name: string, png: Buffer) => {
    await fs.writeFile(path.join(o.dir, name), png);
    written.push(name);
  };
  for await (const s of readClickMe(o.dataDir, { limit: last + 1, maxShardIndex: o.plan.maxShardIndex, numClasses: o.plan.numClasses })) {
    if (!wanted.has(s.index)) continue;
    const image = prepareImage(s.image);
    const { saliency } = await o.model.computeSaliency(applyModelPreprocessing(image, o.preprocessing), Int32Array.of(s.label), 1);
    const grey = mapToGrey(saliency, MODEL_SIZE);
    const human = mapToGrey(prepareHumanMap(s.heatmap), MODEL_SIZE);
    await write(`saliency-${s.index}.png`, encodePng(grey.data, grey.size, grey.size, 1));
    await write(`human-${s.index}.png`, encodePng(human.data, human.size, human.size, 1));
    await write(`image-${s.index}.png`, encodePng(halveRgb(image, MODEL_SIZE), MODEL_SIZE / 2, MODEL_SIZE / 2, 3));
  }
  return written;
}
