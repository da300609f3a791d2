/**
 * Where two engines part ways: the ModelProto is re-encoded with every node output as a graph output (external data
 * inlined) for onnxruntime, the importer's OnnxExecutor computes the same tensors, and the first node in graph order
 * whose float output differs beyond tolerance is named.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { LOGITS_RELATIVE_TOLERANCE } from "@/lib/models/ort/compare-logits";
import { inputLayout, toNchw, type OrtModule } from "@/lib/models/ort/runtime";
import { OnnxExecutor } from "@/lib/models/onnx/execute";
import type { Msg } from "@/lib/models/onnx/gradient/emitter";
import { decodeModelProto, encodeModelProto, inlineExternalData } from "@/lib/models/onnx/gradient/proto";
import { readOnnx } from "@/lib/models/onnx/read";
import { validateOnnx } from "@/lib/models/onnx/validate";

import type { DivergingNode } from "@/lib/types/cross-check";


/** The file's ModelProto with all node outputs exposed and external data inlined (paths were checked by the importer). */
export function exposeIntermediates(bytes: Uint8Array, baseDir: string): { proto: Uint8Array; outputs: string[] } {
  const m: Msg = decodeModelProto(bytes);
  inlineExternalData(m, baseDir);
  const have = new Set((m.graph.output ?? []).map((o: Msg) => o.name));
  const outputs: string[] = [];
  for (const node of m.graph.node ?? []) {
    for (const o of node.output ?? []) {
      if (!o) continue;
      outputs.push(o);
      if (!have.has(o)) m.graph.output.push({ name: o });
    }
  }
  return { proto: encodeModelProto(m), outputs };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    diff = Number.isNaN(d) ? Infinity : Math.max(diff, d);
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return { diff, scale };
}

/** Our tensor in ONNX's layout: as is when shapes agree, NHWC → NCHW when the importer kept a 4-D tensor channels-last. */
function inOnnxLayout(t: tf.Tensor, shape: readonly number[]): Float32Array | null {
  const same = t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i]);
  if (same) return t.dataSync() as Float32Array;
  const s = t.shape;
  if (s.length === 4 && s[0] === shape[0] && s[3] === shape[1] && s[1] === shape[2] && s[2] === shape[3]) {
    return tf.tidy(() => tf.transpose(t, [0, 3, 1, 2]).dataSync() as Float32Array);
  }
  return null;
}

export async function firstDivergingNode(o: {
  ortFile: string; importedFile: string; image: Float32Array; size: number; ort: OrtModule;
}): Promise<DivergingNode | null> {
  const { proto, outputs } = exposeIntermediates(readFileSync(o.ortFile), path.dirname(o.ortFile));
  const session = await o.ort.InferenceSession.create(proto, { executionProviders: ["cpu"], intraOpNumThreads: 1 });
  let theirs: Record<string, { type: string; dims: readonly number[]; data: unknown }>;
  try {
    const nchw = inputLayout(session) === "nchw";
    const dims = nchw ? [1, 3, o.size, o.size] : [1, o.size, o.size, 3];
    const x = new o.ort.Tensor("float32", nchw ? toNchw(o.image, 1, o.size) : o.image, dims);
    theirs = await session.run({ [session.inputNames[0]]: x }, outputs);
  } finally {
    await session.release();
  }
  const bytes = readFileSync(o.importedFile);
  const model = readOnnx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path.dirname(o.importedFile));
  const info = validateOnnx(model);
  const exec = new OnnxExecutor(model);
  try {
    let found: DivergingNode | null = null;
    tf.tidy(() => {
      const x = tf.tensor4d(o.image, [1, o.size, o.size, 3]);
      const feed = info.layout === "NCHW" ? tf.transpose(x, [0, 3, 1, 2]) : x;
      const known = outputs.filter((n) => theirs[n]?.type === "float32");
      const computed = exec.run({ [info.inputName]: feed }, known);
      const ours = new Map(known.map((n, i) => [n, computed[i]] as const));
      for (const node of model.nodes) {
        for (const out of node.outputs) {
          const ref = theirs[out];
          const mine = ours.get(out);
          if (!ref || !mine || ref.type !== "float32") continue;
          const values = inOnnxLayout(mine, ref.dims);
          const { diff, scale } = values ? maxAbsDiff(values, ref.data as Float32Array) : { diff: Infinity, scale: 0 };
          const tolerance = LOGITS_RELATIVE_TOLERANCE * Math.max(1, scale);
          if (!(diff <= tolerance)) {
            found = { name: node.name, op_type: node.opType, output: out, max_abs_diff: diff, tolerance };
            return;
          }
        }
      }
    });
    return found;
  } finally {
    exec.dispose();
  }
}
