/**
 * The synthetic stand-in of the psychophysics track (benchmark `psychophysics-synthetic`): the shortcut benchmark's
 * test scenes (the same generator and seed as its ClickMe-format split), 10 per shape, each written at the 11 levels
 * with only the top 10^(k/5) % of its prepared human map shown over mid-grey, in the real stimuli's naming. The human
 * curve is the registry's scripted one. Written to a temporary sibling and renamed into place.
 */
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { SCRIPTED_HUMAN_CURVE } from "@/lib/benchmarks/psychophysics-synthetic";
import { encodePng } from "@/lib/images/png";
import { LEVEL_NAMES, REVEALED_PERCENT } from "@/lib/metrics/psychophysics";
import { MODEL_SIZE, prepareHumanMap, prepareImage } from "../preprocess";
import { SHORTCUT_CLASSES } from "../synthetic-shortcut/render";
import { SHORTCUT_TEST_SEED, shortcutSceneSource } from "../synthetic-shortcut/scene-source";
import { stimulusManifest, type StimulusManifest } from "./stimulus-set";

export const SYNTHETIC_FOLDER = "synthetic_shortcut_scenes";
export const BACKGROUND_GREY = 128;
/** The file name's sample is one digit, so at most 10 scenes per class. */
export const MAX_PER_CLASS = 10;

/** Grey (Rec. 601 luma, rounded) of the 224×224 model-size image. */
function toGrey(rgb224: Float32Array): Uint8Array {
  const out = new Uint8Array(MODEL_SIZE * MODEL_SIZE);
  for (let i = 0; i < out.length; i++) {
    const v = 0.299 * rgb224[i * 3] + 0.587 * rgb224[i * 3 + 1] + 0.114 * rgb224[i * 3 + 2];
    out[i] = Math.min(255, Math.max(0, Math.round(v)));
  }
  return out;
}

/** Pixel indices by decreasing map value, ties by index: the order in which pixels are revealed. */
export function revealOrder(map: Float32Array): Uint32Array {
  const order = Uint32Array.from(map.keys());
  return order.sort((a, b) => map[b] - map[a] || a - b);
}

/** The stimulus at `percent` revealed: the first round(N·percent/100) pixels of the order keep their grey. */
export function revealTop(grey: Uint8Array, order: Uint32Array, percent: number): Uint8Array {
  const out = new Uint8Array(grey.length).fill(BACKGROUND_GREY);
  const shown = Math.round((grey.length * percent) / 100);
  for (let i = 0; i < shown; i++) out[order[i]] = grey[order[i]];
  return out;
}

export type SyntheticOptions = {
  out: string;
  perClass?: number;
  seed?: number;
  force?: boolean;
  onImage?: (done: number, total: number) => void;
};

export async function writeSyntheticPsychophysics(o: SyntheticOptions): Promise<StimulusManifest> {
  const perClass = o.perClass ?? MAX_PER_CLASS;
  const seed = o.seed ?? SHORTCUT_TEST_SEED;
  if (!Number.isInteger(perClass) || perClass < 1 || perClass > MAX_PER_CLASS)
    throw new RangeError(`perClass must be an integer in 1..${MAX_PER_CLASS}, got ${perClass}`);
  if (
    !o.force &&
    (await stat(o.out).then(
      () => true,
      () => false,
    ))
  )
    throw new Error(`${o.out} already exists (pass force to replace it)`);
  const tmp = `${o.out}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(path.join(tmp, SYNTHETIC_FOLDER), { recursive: true });
  const source = shortcutSceneSource("test");
  const taken = SHORTCUT_CLASSES.map(() => 0);
  const files: { name: string; bytes: number }[] = [];
  const total = perClass * SHORTCUT_CLASSES.length * LEVEL_NAMES.length;
  for (let index = 0; taken.some((t) => t < perClass); index++) {
    const scene = source.scene(seed, index);
    if (taken[scene.label] >= perClass) continue;
    const sample = taken[scene.label]++;
    const grey = toGrey(prepareImage(scene.image));
    const order = revealOrder(prepareHumanMap(scene.heatmap));
    for (const [k, level] of LEVEL_NAMES.entries()) {
      const name = `${level}_${SHORTCUT_CLASSES[scene.label]}${sample}.png`;
      const png = encodePng(revealTop(grey, order, REVEALED_PERCENT[k]), MODEL_SIZE, MODEL_SIZE, 1);
      await writeFile(path.join(tmp, SYNTHETIC_FOLDER, name), png);
      files.push({ name: `${SYNTHETIC_FOLDER}/${name}`, bytes: png.length });
      o.onImage?.(files.length, total);
    }
  }
  const manifest = await stimulusManifest(tmp, {
    source: `generated: shortcut test scenes (seed ${seed}), ${perClass} per shape, lib/datasets/psychophysics/synthetic.ts`,
    files,
    human: { scripted: [...SCRIPTED_HUMAN_CURVE], note: "scripted for the synthetic stand-in, not measured" },
  });
  await writeFile(path.join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(o.out, { recursive: true, force: true });
  await rename(tmp, o.out);
  return manifest;
}
