/**
 * Runs an ONNX graph as tfjs ops (differentiable with tf.grad). Nodes whose inputs are all constants are folded once
 * at load. Nodes that depend on the graph input only through its shape (Shape → Gather → Concat → Reshape chains,
 * Swin's attention mask, ViT's expanded class token) are computed once per input shape and cached, so the batch
 * size stays free; the rest runs per call.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { AppError } from "@/lib/errors";
import { OPS } from "./ops";
import { LAYOUT_RULES, layoutFree, runNHWC } from "./ops/layout";
import type { OpCtx } from "./ops/types";
import { constToTensor } from "./ops/shape";
import { DT, dtypeName, readOnnx, type OnnxModel, type OnnxNode } from "./read";
import { validateOnnx } from "./validate";

/** Ops never folded (none are random today; kept explicit for RandomNormal & co. should they be added). */
const NO_FOLD = new Set<string>([]);

/** Graph input types a tfjs tensor can hold exactly (bfloat16 and strings cannot). */
const FEEDABLE = new Set<number>([DT.FLOAT, DT.FLOAT16, DT.DOUBLE, DT.INT8, DT.UINT8, DT.INT16, DT.UINT16, DT.INT32, DT.INT64, DT.UINT32, DT.UINT64, DT.BOOL]);

export class OnnxExecutor {
  readonly consts = new Map<string, tf.Tensor>();
  private readonly memos = new Map<string, tf.Tensor>();
  readonly runtimeNodes: OnnxNode[] = [];
  /** Runtime nodes whose outputs depend on the feeds' shapes only. */
  readonly shapeNodes = new Set<OnnxNode>();
  private readonly shapeCache = new Map<string, Map<string, tf.Tensor>>();
  readonly ctx: OpCtx;

  constructor(readonly model: OnnxModel, opts: { fold?: boolean } = {}) {
    this.ctx = {
      opset: model.opset,
      memo: (key, fn) => {
        let t = this.memos.get(key);
        if (!t) {
          t = tf.keep(tf.tidy(fn));
          this.memos.set(key, t);
        }
        return t;
      },
      isConst: (name) => this.consts.has(name),
    };
    for (const v of model.inputs) {
      if (v.kind !== "tensor") throw new AppError("invalid_model", `graph input "${v.name}" is ${v.kind === "optionalType" ? "an" : "a"} ${v.kind.replace("Type", "")}; only tensors are supported`);
      if (!FEEDABLE.has(v.elemType)) throw new AppError("invalid_model", `graph input "${v.name}" is ${dtypeName(v.elemType)}; inputs must be float, float16, double, integer or bool tensors`);
    }
    for (const init of model.initializers) this.consts.set(init.name, constToTensor(init));
    const fold = opts.fold ?? true;
    for (const node of model.nodes) {
      const foldable = fold && !NO_FOLD.has(node.opType) && node.inputs.every((n) => n === "" || this.consts.has(n));
      if (!foldable) {
        this.runtimeNodes.push(node);
        continue;
      }
      const outs = tf.tidy(() => this.runNode(node, this.consts));
      outs.forEach((t, i) => {
        if (node.outputs[i]) this.consts.set(node.outputs[i], tf.keep(t));
        else t.dispose();
      });
    }
    const fromShapes = new Set<string>();
    const graphOutputs = new Set(model.outputs.map((o) => o.name));
    for (const node of this.runtimeNodes) {
      const shapeOnly = node.opType === "Shape" || node.opType === "Size" || node.inputs.every((n) => n === "" || this.consts.has(n) || fromShapes.has(n));
      // A graph output is handed to the caller, who may dispose it: never cached.
      if (fold && shapeOnly && !node.outputs.some((o) => graphOutputs.has(o))) {
        this.shapeNodes.add(node);
        for (const o of node.outputs) fromShapes.add(o);
      }
    }
  }

  /**
   * The inputs for running `node` in NHWC (ops/layout.ts), or null to run it in NCHW: Conv always when 2-D; the
   * elementwise ops when their input(s) exist only NHWC (so no transpose is added for them).
   */
  private layoutInputs(
    node: OnnxNode,
    env: Map<string, tf.Tensor>,
    nhwc: Map<string, tf.Tensor>,
    onlyNHWC: (name: string) => boolean,
    toNHWC: (name: string) => tf.Tensor | undefined,
    nchw: (name: string) => tf.Tensor | undefined,
  ): (tf.Tensor | undefined)[] | null {
    const rule = LAYOUT_RULES[node.opType];
    if (!rule) return null;
    const [x, ...rest] = node.inputs;
    const get = (n: string) => (n === "" ? undefined : (nhwc.get(n) ?? env.get(n)));
    if (rule.kind === "conv") {
      // Filter and bias are taken as ONNX gives them (NCHW, should one be computed by a convolution).
      const w = node.inputs[1] ? nchw(node.inputs[1]) : undefined;
      const xr = x && get(x);
      if (!xr || xr.rank !== 4 || !w || w.rank !== 4) return null;
      return [toNHWC(x), ...rest.map((n) => (n === "" ? undefined : nchw(n)))];
    }
    if (rule.kind === "unary") {
      if (!x || !onlyNHWC(x)) return null;
      const others = rest.map(get);
      return others.every((t) => !t || layoutFree(t)) ? [nhwc.get(x), ...others] : null;
    }
    const names = node.inputs.filter((n) => n !== "");
    if (!names.some(onlyNHWC)) return null;
    const ok = names.every((n) => {
      const t = nhwc.get(n) ?? env.get(n);
      return t !== undefined && (nhwc.has(n) ? t.rank === 4 : layoutFree(t));
    });
    return ok ? node.inputs.map(get) : null;
  }

  private runNode(node: OnnxNode, env: Map<string, tf.Tensor>, given?: (tf.Tensor | undefined)[], inNHWC = false): tf.Tensor[] {
    const impl = inNHWC ? (inputs: (tf.Tensor | undefined)[]) => runNHWC(node, inputs, this.ctx) : OPS[node.opType];
    if (!impl) throw new AppError("invalid_model", `unsupported op ${node.opType} (node "${node.name}")`);
    const inputs =
      given ??
      node.inputs.map((n) => {
        if (n === "") return undefined;
        const t = env.get(n);
        if (!t) throw new Error(`node "${node.name}" (${node.opType}): input "${n}" is not computed`);
        return t;
      });
    try {
      return impl(inputs, node, this.ctx);
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new Error(`node "${node.name}" (${node.opType}): ${(e as Error).message}`);
    }
  }

  /** Feeds → requested outputs. Call inside tf.tidy (or dispose the results); constants are never disposed here. */
  run(feeds: Record<string, tf.Tensor>, outputs: string[]): tf.Tensor[] {
    const env = new Map(this.consts);
    for (const [k, v] of Object.entries(feeds)) env.set(k, v);
    const key = Object.entries(feeds).map(([k, v]) => `${k}:${v.shape.join("x")}`).join(";");
    const cached = this.shapeCache.get(key);
    if (cached) for (const [k, v] of cached) env.set(k, v);
    const fresh = new Map<string, tf.Tensor>();
    const feedsAndConsts = new Set<tf.Tensor>(cached || !this.shapeNodes.size ? [] : [...this.consts.values(), ...Object.values(feeds)]);
    // Values held NHWC (ops/layout.ts); a name in `nhwc` but not in `env` exists only NHWC until an NCHW consumer
    // asks for it.
    const nhwc = new Map<string, tf.Tensor>();
    const nchw = (name: string): tf.Tensor | undefined => {
      let t = env.get(name);
      const h = nhwc.get(name);
      if (!t && h) {
        t = tf.transpose(h, [0, 3, 1, 2]);
        env.set(name, t);
      }
      return t;
    };
    const toNHWC = (name: string): tf.Tensor | undefined => {
      let h = nhwc.get(name);
      const t = env.get(name);
      if (!h && t && t.rank === 4) {
        h = tf.transpose(t, [0, 2, 3, 1]);
        nhwc.set(name, h);
      }
      return h;
    };
    const onlyNHWC = (name: string) => nhwc.has(name) && !env.has(name);
    for (const node of this.runtimeNodes) {
      if (cached && this.shapeNodes.has(node)) continue;
      const nhwcInputs = this.shapeNodes.has(node) ? null : this.layoutInputs(node, env, nhwc, onlyNHWC, toNHWC, nchw);
      if (nhwcInputs) {
        const outs = this.runNode(node, env, nhwcInputs, true);
        outs.forEach((t, i) => node.outputs[i] && nhwc.set(node.outputs[i], t));
        continue;
      }
      for (const n of node.inputs) if (n !== "") nchw(n);
      const outs = this.runNode(node, env);
      outs.forEach((t, i) => {
        if (!node.outputs[i]) return;
        env.set(node.outputs[i], t);
        if (!cached && this.shapeNodes.has(node) && !feedsAndConsts.has(t)) fresh.set(node.outputs[i], t);
      });
    }
    if (!cached && this.shapeNodes.size) {
      // A few input shapes at most (batch sizes); the oldest goes when a fifth arrives.
      if (this.shapeCache.size >= 4) {
        const [oldest, values] = this.shapeCache.entries().next().value!;
        for (const t of values.values()) t.dispose();
        this.shapeCache.delete(oldest);
      }
      for (const t of fresh.values()) tf.keep(t);
      this.shapeCache.set(key, fresh);
    }
    return outputs.map((o) => {
      const t = nchw(o);
      if (!t) throw new Error(`output "${o}" was not computed`);
      return t;
    });
  }

  dispose(): void {
    for (const t of this.consts.values()) t.dispose();
    for (const t of this.memos.values()) t.dispose();
    for (const m of this.shapeCache.values()) for (const t of m.values()) t.dispose();
    this.shapeCache.clear();
    this.consts.clear();
    this.memos.clear();
  }
}

export function weightsHash(model: OnnxModel): string {
  const h = createHash("sha256");
  for (const t of model.initializers) {
    h.update(`${t.dataType}:${t.dims.join(",")}:${t.bytes.length}\n`);
    h.update(t.bytes);
  }
  return h.digest("hex");
}

export type OnnxSaliencyModel = {
  logits: (x: tf.Tensor4D) => tf.Tensor2D;
  inputSize: number;
  numClasses: number;
  paramCount: number;
  weightsHash: string;
  opset: number;
  producer: string;
  dispose(): void;
};

export async function loadOnnxForSaliency(modelPath: string, opts: { numClasses?: number; outputName?: string } = {}): Promise<OnnxSaliencyModel> {
  const bytes = readFileSync(modelPath);
  const model = readOnnx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path.dirname(path.resolve(modelPath)));
  const info = validateOnnx(model, opts);
  const exec = new OnnxExecutor(model);
  const nchw = info.layout === "NCHW";
  const logits = (x: tf.Tensor4D): tf.Tensor2D => {
    const input = nchw ? tf.transpose(x, [0, 3, 1, 2]) : x;
    const [out] = exec.run({ [info.inputName]: input }, [info.outputName]);
    return (out.rank === 2 ? out : tf.reshape(out, [out.shape[0], -1])) as tf.Tensor2D;
  };
  // One forward pass at load: the graph is known to run before any evaluation, and the per-model caches (transposed
  // filters) exist from here on, so evaluation calls allocate nothing that outlives them.
  let outClasses: number;
  try {
    outClasses = tf.tidy(() => logits(tf.zeros([1, info.inputSize, info.inputSize, 3]) as tf.Tensor4D).shape[1]);
  } catch (e) {
    exec.dispose();
    throw e;
  }
  const numClasses = info.numClasses ?? outClasses;
  if (outClasses !== numClasses || (opts.numClasses != null && opts.numClasses !== numClasses)) {
    exec.dispose();
    throw new AppError("invalid_model", `the model outputs ${outClasses} classes; expected ${opts.numClasses ?? numClasses}`);
  }
  const paramCount = model.initializers.filter((t) => t.data instanceof Float32Array).reduce((a, t) => a + t.data.length, 0);
  return {
    logits,
    inputSize: info.inputSize,
    numClasses,
    paramCount,
    weightsHash: weightsHash(model),
    opset: model.opset,
    producer: `${model.producerName} ${model.producerVersion}`.trim(),
    dispose: () => exec.dispose(),
  };
}
