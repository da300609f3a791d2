import { PREPROCESSING_PRESETS, type PreprocessingPreset, type PreprocessingValue } from "@/lib/types/submission-metadata";
import type { SubmittedVisibility } from "@/lib/types";

/** Initial values of the submit form: empty, or the model being resubmitted as a new version. */
export type SubmitDefaults = {
  name: string;
  description: string;
  family: string;
  training_data: string;
  trained_on_human_maps: "yes" | "no" | "";
  fine_tuned_from: string;
  paper_url: string;
  licence: string;
  preprocessing: PreprocessingPreset | "custom" | "";
  scale: string;
  mean: string;
  std: string;
  logits_node: string;
  num_classes: string;
  visibility: SubmittedVisibility;
  previous_version: string;
};

export const EMPTY_DEFAULTS: SubmitDefaults = {
  name: "",
  description: "",
  family: "",
  training_data: "",
  trained_on_human_maps: "",
  fine_tuned_from: "",
  paper_url: "",
  licence: "",
  preprocessing: "",
  scale: "",
  mean: "",
  std: "",
  logits_node: "",
  num_classes: "1000",
  visibility: "public",
  previous_version: "",
};

/** The preset whose transform equals `p` exactly, else "custom" (with the numbers filled in). */
export function preprocessingDefaults(p: PreprocessingValue): Pick<SubmitDefaults, "preprocessing" | "scale" | "mean" | "std"> {
  const same = (a: readonly number[], b: readonly number[]) => a.every((v, i) => v === b[i]);
  for (const [id, preset] of Object.entries(PREPROCESSING_PRESETS)) {
    const v = preset.value;
    if (v.scale === p.scale && same(v.mean, p.mean) && same(v.std, p.std))
      return { preprocessing: id as PreprocessingPreset, scale: "", mean: "", std: "" };
  }
  return { preprocessing: "custom", scale: String(p.scale), mean: p.mean.join(","), std: p.std.join(",") };
}
