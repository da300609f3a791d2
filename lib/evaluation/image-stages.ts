import { applyModelPreprocessing, prepareHumanMap, prepareImage, type Preprocessing } from "@/lib/datasets/preprocess";
import type { Sample } from "./types";

/** What scoring needs to know of an image besides its maps. */
export type ImageMeta = Pick<Sample, "index" | "shard" | "recordInShard" | "label">;

/** One image after the protocol's CPU stages: the model's 224×224×3 input and the 224×224 blurred human map. */
export type PreparedImage = { meta: ImageMeta; input: Float32Array; human: Float32Array };

/** Image 256→224 then the model's transform; human map 256→64→blur→224 (../shared/docs/protocol.md). */
export function prepareSample(s: Sample, preprocessing: Preprocessing): PreparedImage {
  return {
    meta: { index: s.index, shard: s.shard, recordInShard: s.recordInShard, label: s.label },
    input: applyModelPreprocessing(prepareImage(s.image), preprocessing),
    human: prepareHumanMap(s.heatmap),
  };
}
