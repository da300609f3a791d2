/** Gathering and scattering by index. Indices are read on the host to wrap negative values as ONNX allows. */
import * as tf from "@tensorflow/tfjs";
import { attrInt, attrStr, normAxis, unsupported, type OpFn } from "./types";

/** A scalar or a run of consecutive indices is a slice: a gather's gradient (UnsortedSegmentSum) is slow on wasm. */
const gather: OpFn = ([x, idx], node) => {
  const axis = normAxis(attrInt(node, "axis", 0), x!.rank);
  const dim = x!.shape[axis];
  const fixed = Array.from(idx!.dataSync(), (v) => (v < 0 ? v + dim : v));
  const consecutive = fixed.length > 0 && fixed.every((v, i) => v === fixed[0] + i) && fixed[0] >= 0 && fixed[fixed.length - 1] < dim;
  if (consecutive && idx!.rank <= 1) {
    const begin = x!.shape.map((_, i) => (i === axis ? fixed[0] : 0));
    const size = x!.shape.map((d, i) => (i === axis ? fixed.length : d));
    const s = tf.slice(x!, begin, size);
    return [idx!.rank === 0 ? tf.reshape(s, x!.shape.filter((_, i) => i !== axis)) : s];
  }
  return [tf.gather(x!, tf.tensor(Int32Array.from(fixed), idx!.shape, "int32"), axis)];
};

/**
 * ScatterND as tfjs's (which sums duplicates, on zeros) plus a mask of the written cells. With reduction "none",
 * ONNX leaves duplicate indices undefined; torch exports them only from slice assignments, which never repeat.
 */
const scatterND: OpFn = ([data, indices, updates], node) => {
  const reduction = attrStr(node, "reduction", "none");
  if (reduction !== "none" && reduction !== "add") unsupported(node, `reduction "${reduction}"`);
  const k = indices!.shape[indices!.rank - 1];
  const fixed = Array.from(indices!.dataSync(), (v, i) => (v < 0 ? v + data!.shape[i % k] : v));
  const idx = tf.tensor(Int32Array.from(fixed), indices!.shape, "int32");
  const scattered = tf.scatterND(idx, updates!, data!.shape);
  if (reduction === "add") return [tf.add(data!, scattered)];
  const written = tf.scatterND(idx, tf.ones(updates!.shape, "int32"), data!.shape);
  return [tf.where(tf.equal(written, 0), data!, scattered)];
};

export const indexingOps: Record<string, OpFn> = { Gather: gather, ScatterND: scatterND };
