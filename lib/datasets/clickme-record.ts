/** The ClickMe record: a tf.train.Example with `image` (JPEG bytes), `heatmap` (JPEG bytes) and `label` (int64). */
import { decodeExample, encodeExample, type FeatureValue } from "./example-proto";

export type ClickMeRecord = { image: Uint8Array; heatmap: Uint8Array; label: number };

export function encodeClickMeRecord(r: ClickMeRecord): Uint8Array {
  return encodeExample({
    image: { kind: "bytes", value: [r.image] },
    heatmap: { kind: "bytes", value: [r.heatmap] },
    label: { kind: "int64", value: [BigInt(r.label)] },
  });
}

function single(features: Map<string, FeatureValue>, key: string, kind: FeatureValue["kind"]): unknown {
  const f = features.get(key);
  if (!f) throw new Error(`feature '${key}' is missing (have: ${[...features.keys()].join(", ") || "none"})`);
  if (f.kind !== kind) throw new Error(`feature '${key}' is a ${f.kind} list, expected ${kind}`);
  if (f.value.length !== 1) throw new Error(`feature '${key}' has ${f.value.length} values, expected exactly 1`);
  return f.value[0];
}

/** Parses and checks the three features; `numClasses` bounds the label (1000 for ImageNet). */
export function decodeClickMeRecord(buf: Uint8Array, numClasses: number): ClickMeRecord {
  const features = decodeExample(buf);
  const image = single(features, "image", "bytes") as Uint8Array;
  const heatmap = single(features, "heatmap", "bytes") as Uint8Array;
  const label = single(features, "label", "int64") as bigint;
  if (label < 0n || label >= BigInt(numClasses)) {
    throw new Error(`label ${label} is outside 0..${numClasses - 1}`);
  }
  return { image, heatmap, label: Number(label) };
}
