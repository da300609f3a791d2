import type { SceneSource } from "@/lib/datasets/synthetic/write-dataset";
import { SHORTCUT_CLASSES, type ShortcutSplit } from "./render";
import { shortcutSample } from "./samples";

/** The published shortcut test split (benchmark `shortcut`): `data:synthetic --variant shortcut --split test`. */
export const SHORTCUT_TEST_SEED = 20221128;
export const SHORTCUT_TEST_IMAGES = 400;
/** Bump when the same (split, n, seed) would produce different bytes. */
export const SHORTCUT_GENERATOR_VERSION = 1;

/** The shortcut scenes of one split as a ClickMe-format scene source (scene i = `shortcutSample(seed, split, i)`). */
export function shortcutSceneSource(split: ShortcutSplit): SceneSource {
  if (split !== "train" && split !== "test") throw new RangeError(`split must be train or test, got ${String(split)}`);
  return {
    generator: `clickme-synthetic-shortcut-${split}`,
    version: SHORTCUT_GENERATOR_VERSION,
    classes: SHORTCUT_CLASSES.map((name, label) => ({ label, name })),
    scene(seed, index) {
      const s = shortcutSample(seed, split, index);
      return { image: s.image, heatmap: s.heatmap, label: s.label };
    },
  };
}
