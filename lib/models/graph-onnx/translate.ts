/**
 * A TF.js graph model (converter output: GraphDef nodes in model.json, weights in shards) as an ONNX graph, so that
 * graph submissions run on the native engine too (issue #14 item 2). It reads the artifacts as loadModel prepares them
 * (prepareGraphArtifacts has already unfused _FusedConv2D, FusedDepthwiseConv2dNative and _FusedMatMul), translates the
 * nodes on the path from the image to the logits node and ignores the rest (the Softmax after it, training leftovers).
 * The NHWC image is transposed to NCHW at its first convolution; each tensor carries the layout it is stored in
 * (context.ts). A node, attribute or input it does not translate is a GraphTranslationError naming the node and op;
 * the caller then keeps the model on tfjs and records why.
 */
import * as tf from "@tensorflow/tfjs";
import { encodeModel, node, ONNX_FLOAT, valueInfo } from "@/lib/models/onnx/proto-builder";
import { Attrs, Builder, GraphTranslationError, INPUT_NAME, refuse, type Const, type GraphNode, type Val } from "./context";
import { OPS } from "./ops";
import { reshapeTarget, SHAPE_OPS } from "./shape-ops";

export { GraphTranslationError, INPUT_NAME };

/** Ops whose shape-valued input (built from tf.shape(x)[0]) is a target, not arithmetic: it reaches them as a constant with −1 for the batch. */
const TAKES_A_SHAPE = new Set(["Reshape", "BroadcastTo", "Tile"]);
export const LOGITS_NAME = "logits";

/** "name", "name:1" or "^name" (a control dependency). */
function parseRef(ref: string): { name: string; index: number; control: boolean } {
  const control = ref.startsWith("^");
  const m = /^(.*?)(?::(\d+))?$/.exec(control ? ref.slice(1) : ref)!;
  return { name: m[1], index: Number(m[2] ?? 0), control };
}

const dataInputs = (n: GraphNode) => (n.input ?? []).map(parseRef).filter((r) => !r.control);

/** The weights as typed arrays by node name (tfjs decodes, dequantizes and casts float16); the tensors are freed. */
function decodeConstants(artifacts: tf.io.ModelArtifacts): Map<string, Const> {
  const out = new Map<string, Const>();
  if (!artifacts.weightData || !artifacts.weightSpecs) return out;
  const tensors = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
  try {
    for (const [name, t] of Object.entries(tensors)) {
      const data = t.dtype === "float32" ? (t.dataSync() as Float32Array) : t.dtype === "int32" ? (t.dataSync() as Int32Array) : null;
      if (data) out.set(name, { kind: "const", name, shape: t.shape, data });
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return out;
}

/** The nodes the logits depend on, inputs before consumers (iterative: real graphs are thousands of nodes deep). */
function pathTo(logits: string, byName: Map<string, GraphNode>): GraphNode[] {
  const order: GraphNode[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: { name: string; expanded: boolean }[] = [{ name: logits, expanded: false }];
  while (stack.length) {
    const top = stack.pop()!;
    const n = byName.get(top.name);
    if (!n) throw new GraphTranslationError(`the graph has no node "${top.name}" (an input of another node, or the logits node)`);
    if (top.expanded) {
      state.set(n.name, "done");
      order.push(n);
      continue;
    }
    if (state.get(n.name) === "done") continue;
    if (state.get(n.name) === "open") throw new GraphTranslationError(`node "${n.name}" (${n.op}) is part of a cycle`);
    state.set(n.name, "open");
    stack.push({ name: n.name, expanded: true });
    for (const r of dataInputs(n)) if (state.get(r.name) !== "done") stack.push({ name: r.name, expanded: false });
  }
  return order;
}

export type GraphTranslateOptions = { logitsNode: string; inputSize: number };

/** The ONNX ModelProto computing the graph's logits node for an NHWC input of inputSize² × 3. */
export function translateGraphModel(artifacts: tf.io.ModelArtifacts, o: GraphTranslateOptions): Uint8Array {
  const nodes = (artifacts.modelTopology as { node?: GraphNode[] } | undefined)?.node ?? [];
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const logitsName = parseRef(o.logitsNode).name;
  const order = pathTo(logitsName, byName);
  const constants = decodeConstants(artifacts);
  const b = new Builder();
  const values = new Map<string, Val>();
  let input: string | null = null;
  for (const n of order) {
    const inputs = dataInputs(n).map((r) => {
      if (r.index !== 0) refuse(n, `it reads output ${r.index} of "${r.name}" (only first outputs are translated)`);
      return values.get(r.name)!;
    });
    if (n.op === "Placeholder") {
      if (input) refuse(n, `a second image input besides "${input}"`);
      input = n.name;
      values.set(n.name, { kind: "tensor", name: INPUT_NAME, shape: [null, o.inputSize, o.inputSize, 3], nchw: false });
    } else if (n.op === "Const") {
      values.set(n.name, constants.get(n.name) ?? refuse(n, "a constant that is not a float32 or int32 weight of the model"));
    } else if (n.op === "Shape" || (!TAKES_A_SHAPE.has(n.op) && inputs.some((v) => v.kind === "shape"))) {
      const fold = SHAPE_OPS[n.op] ?? refuse(n, "shape arithmetic this translator does not fold");
      values.set(n.name, fold({ b, n, a: new Attrs(n), inputs }));
    } else {
      const translate = OPS[n.op] ?? refuse(n, "this op is not translated to ONNX");
      const c = { b, n, a: new Attrs(n), inputs: [] as never[] };
      const operands = inputs.map((v) => (v.kind === "shape" ? reshapeTarget(c, v) : v));
      values.set(n.name, translate({ ...c, inputs: operands }));
    }
  }
  const out = values.get(logitsName)!;
  const logitsDef = byName.get(logitsName)!;
  if (out.kind !== "tensor") refuse(logitsDef, "the logits node does not compute a tensor from the image input");
  if (out.shape.length !== 2) refuse(logitsDef, `the logits have rank ${out.shape.length}; [batch, classes] is translated`);
  b.nodes.push(node("Identity", [b.tf(out as never).name], [LOGITS_NAME], {}, "logits_node"));
  return encodeModel({
    opset: 17,
    producer: "graph-onnx",
    inputs: [valueInfo(INPUT_NAME, ONNX_FLOAT, ["batch", o.inputSize, o.inputSize, 3])],
    outputs: [valueInfo(LOGITS_NAME, ONNX_FLOAT, ["batch", out.shape[1] ?? "classes"])],
    nodes: b.nodes,
    initializers: b.initializers,
  });
}
