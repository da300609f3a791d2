/**
 * The native engine's graph (issue #14): the submitted ONNX model plus the reverse-mode derivative of
 * s = Σᵢ logits[i, labels[i]] with respect to the image input only, emitted as ONNX nodes, and the protocol's saliency
 * max_c |∂s/∂x| — so that one onnxruntime session returns the logits and the saliency map of a batch.
 *
 * Only nodes on a path from the image to the logits get adjoints (weights, shape arithmetic and constants do not); a
 * node on that path without a rule, or with attributes its rule does not cover, makes the build fail with every such
 * node named, and the caller falls back to the tfjs engine: a graph is never built around an op it cannot
 * differentiate.
 */
import { readOnnx, DT, type OnnxModel } from "../read";
import { validateOnnx } from "../validate";
import { GraphEmitter, type Msg } from "./emitter";
import { PROBE_BATCH, probe } from "./probe";
import type { ExternalFiles } from "@/lib/models/ort/session-files";
import { decodeModelProto, encodeModelProto, externalizeInitializers, inlineExternalData } from "./proto";
import { RULES, NON_DIFFERENTIABLE } from "./rules";
import { GradientUnsupportedError, RuleRefusal, type RuleContext } from "./rules/types";

export { GradientUnsupportedError };

export type SaliencyGraph = {
  /** The ModelProto to open in onnxruntime: inputs (image, labels), outputs (logits, saliency, and grad if asked). */
  proto: Uint8Array;
  /** The files its external data lives in (empty: the proto stands alone); open it with openGraphSession. */
  externalFiles: ExternalFiles;
  inputName: string;
  labelsName: string;
  logitsName: string;
  saliencyName: string;
  /** ∂s/∂x itself, when `exposeGradient` was asked (tests compare it with finite differences). */
  gradientName: string | null;
  layout: "NCHW" | "NHWC";
  inputSize: number;
  opset: number;
  /** Nodes that received an adjoint (the path from the image to the logits). */
  differentiatedNodes: number;
};

/** parsed: the same bytes already read by readOnnx (a large model is not decoded twice). */
export type BuildOptions = { outputName?: string; numClasses?: number; exposeGradient?: boolean; parsed?: OnnxModel };

export const LABELS_INPUT = "__saliency/labels";
export const SALIENCY_OUTPUT = "__saliency/saliency";
export const GRADIENT_OUTPUT = "__saliency/input_gradient";

/** Constant values by name: initializers and Constant nodes (torch.onnx.export writes slice bounds and axes as these). */
function constantValues(model: OnnxModel): Map<string, { dims: number[]; data: Float32Array | number[] }> {
  const out = new Map<string, { dims: number[]; data: Float32Array | number[] }>();
  for (const t of model.initializers) out.set(t.name, { dims: t.dims, data: t.data });
  for (const n of model.nodes) {
    if (n.opType !== "Constant") continue;
    const t = n.attrs.get("value")?.t;
    const ints = n.attrs.get("value_ints")?.ints;
    const int = n.attrs.get("value_int")?.i;
    const floats = n.attrs.get("value_floats")?.floats;
    const float = n.attrs.get("value_float")?.f;
    const value = t ? { dims: t.dims, data: t.data }
      : ints ? { dims: [ints.length], data: ints }
      : int !== undefined ? { dims: [], data: [int] }
      : floats ? { dims: [floats.length], data: floats }
      : float !== undefined ? { dims: [], data: [float] } : null;
    if (value) out.set(n.outputs[0], value);
  }
  return out;
}

/** Values computed from the image: forward from the input through every op that has a derivative. */
function imageDependent(model: OnnxModel, inputName: string): Set<string> {
  const dep = new Set([inputName]);
  for (const n of model.nodes) {
    if (NON_DIFFERENTIABLE.has(n.opType)) continue;
    if (n.opType === "Cast" && n.attrs.get("to")?.i !== DT.FLOAT) continue;
    if (n.inputs.some((i) => dep.has(i))) for (const o of n.outputs) if (o) dep.add(o);
  }
  return dep;
}

/** Of those, the values the logits depend on: the path whose nodes need adjoints. */
function onPathToLogits(model: OnnxModel, dep: Set<string>, logits: string): Set<string> {
  const need = new Set([logits]);
  for (let k = model.nodes.length - 1; k >= 0; k--) {
    const n = model.nodes[k];
    if (!n.outputs.some((o) => need.has(o))) continue;
    if (NON_DIFFERENTIABLE.has(n.opType)) continue;
    for (const i of n.inputs) if (dep.has(i)) need.add(i);
  }
  return need;
}

/** The submitted ModelProto as a message to append to, and the files its weights are read from (see proto.ts). */
export type GraphSource = { m: Msg; externalFiles: ExternalFiles };

/**
 * sourceFile: the file `bytes` were read from; its large weights then stay there (external data) instead of being
 * copied into every session's proto, and the message keeps no view of `bytes`, which can be freed.
 */
export function decodeGraphSource(bytes: Uint8Array, baseDir: string, sourceFile?: string): GraphSource {
  const m: Msg = decodeModelProto(bytes);
  if (!sourceFile) {
    inlineExternalData(m, baseDir);
    return { m, externalFiles: new Map() };
  }
  return { m, externalFiles: externalizeInitializers(m, { bytes, file: sourceFile }, baseDir) };
}

export async function buildSaliencyGraph(bytes: Uint8Array, baseDir: string, opts: BuildOptions = {}): Promise<SaliencyGraph> {
  return buildSaliencyGraphFrom(decodeGraphSource(bytes, baseDir), opts.parsed ?? readOnnx(bytes, baseDir), opts);
}

/** model: the same ModelProto as read by readOnnx (constants and weights for the rules). */
export async function buildSaliencyGraphFrom(
  { m, externalFiles }: GraphSource,
  model: OnnxModel,
  opts: Omit<BuildOptions, "parsed"> = {},
): Promise<SaliencyGraph> {
  const info = validateOnnx(model, { numClasses: opts.numClasses, outputName: opts.outputName });
  const logits = info.outputName;
  const dep = imageDependent(model, info.inputName);
  const need = onPathToLogits(model, dep, logits);
  const pathNodes = model.nodes.filter((n) => !NON_DIFFERENTIABLE.has(n.opType) && n.outputs.some((o) => need.has(o)) && n.inputs.some((i) => need.has(i) && dep.has(i)));

  const missing = pathNodes.filter((n) => !(n.domain === "" || n.domain === "ai.onnx") || !RULES[n.opType]);
  if (missing.length) {
    throw new GradientUnsupportedError(missing.map((n) => ({ op: n.domain ? `${n.domain}.${n.opType}` : n.opType, node: n.name, why: "no gradient rule for this op" })));
  }

  const size = info.inputSize;
  const inputDims = info.layout === "NCHW" ? [PROBE_BATCH, 3, size, size] : [PROBE_BATCH, size, size, 3];
  const constants = constantValues(model);
  // Probed: every image-dependent value, and the computed (non-constant) arguments of the path's nodes.
  const computedArgs = pathNodes.flatMap((n) => n.inputs.filter((i) => i && !dep.has(i) && !constants.has(i)));
  const valuesOf = [...new Set(computedArgs)];
  const shapesOf = [...new Set([...dep, ...valuesOf])].filter((v) => v !== info.inputName);
  const probed = await probe(m, externalFiles, { inputName: info.inputName, inputDims, shapesOf, valuesOf });
  probed.shapes.set(info.inputName, inputDims);
  probed.shapesAtOne.set(info.inputName, [1, ...inputDims.slice(1)]);
  const shapeOf = (name: string): number[] => {
    const s = probed.shapes.get(name) ?? constants.get(name)?.dims;
    if (!s) throw new RuleRefusal(`the shape of "${name}" is unknown (computed from constants by nodes the probe does not run)`);
    return s;
  };

  const em = new GraphEmitter(model.opset);
  const adjoints = new Map<string, string[]>();
  const addAdjoint = (name: string, g: string) => adjoints.set(name, [...(adjoints.get(name) ?? []), g]);
  const adjointOf = (name: string): string | null => {
    const terms = adjoints.get(name);
    return terms?.length ? em.sum(terms) : null;
  };

  // The seed: ∂s/∂logits = onehot(labels), in the logits' own shape ([N, C], or [N, C, 1, 1] for a convolutional head).
  const onehot = em.op("OneHot", [LABELS_INPUT, em.ints([info.numClasses ?? shapeOf(logits)[1]], []), em.floats([0, 1], [2])], { axis: -1 });
  addAdjoint(logits, shapeOf(logits).length === 2 ? onehot : em.reshapeLike(onehot, logits));

  const refusals: { op: string; node: string; why: string }[] = [];
  for (let k = pathNodes.length - 1; k >= 0; k--) {
    const node = pathNodes[k];
    const dy = node.outputs.map((o) => (need.has(o) ? adjointOf(o) : null));
    if (dy.every((g) => g === null)) continue;
    const context: RuleContext = {
      node, em, dy, opset: model.opset,
      needs: (i) => !!node.inputs[i] && need.has(node.inputs[i]) && dep.has(node.inputs[i]),
      shape: shapeOf,
      batchAxis: (name, axis) => {
        const two = probed.shapes.get(name);
        const one = probed.shapesAtOne.get(name);
        return !!two && !!one && two[axis] !== one[axis];
      },
      constant: (name) => {
        const v = constants.get(name);
        return v ? Array.from(v.data) : (probed.integers.get(name) ?? null);
      },
      weights: (name) => {
        const v = constants.get(name);
        return v && v.data instanceof Float32Array ? v.data : null;
      },
    };
    let grads: (string | null)[];
    try {
      grads = RULES[node.opType](context);
    } catch (err) {
      if (!(err instanceof RuleRefusal)) throw err;
      refusals.push({ op: node.opType, node: node.name, why: err.message });
      continue;
    }
    grads.forEach((g, i) => {
      if (g && context.needs(i)) addAdjoint(node.inputs[i], g);
    });
  }
  if (refusals.length) throw new GradientUnsupportedError(refusals);

  const gradient = adjointOf(info.inputName) ?? em.zerosLike(info.inputName);
  const channelAxis = info.layout === "NCHW" ? 1 : 3;
  const saliency = em.reduce("ReduceMax", em.op("Abs", [gradient]), [channelAxis], false);
  em.node("Identity", [saliency], {}, [SALIENCY_OUTPUT]);
  if (opts.exposeGradient) em.node("Identity", [gradient], {}, [GRADIENT_OUTPUT]);

  m.graph.node.push(...em.nodes);
  m.graph.initializer.push(...em.initializers);
  m.graph.input.push({ name: LABELS_INPUT, type: { tensorType: { elemType: DT.INT64, shape: { dim: [{ dimParam: "batch" }] } } } });
  m.graph.output = [
    { name: logits },
    { name: SALIENCY_OUTPUT },
    ...(opts.exposeGradient ? [{ name: GRADIENT_OUTPUT }] : []),
  ];
  return {
    proto: encodeModelProto(m),
    externalFiles,
    inputName: info.inputName,
    labelsName: LABELS_INPUT,
    logitsName: logits,
    saliencyName: SALIENCY_OUTPUT,
    gradientName: opts.exposeGradient ? GRADIENT_OUTPUT : null,
    layout: info.layout,
    inputSize: size,
    opset: model.opset,
    differentiatedNodes: pathNodes.length,
  };
}
