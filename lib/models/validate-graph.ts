import { ModelValidationError, isRecord, listForMessage } from "@/lib/models/validate-error";
import type { WeightSpec } from "@/lib/models/validate-manifest";

type Node = { name: string; op: string; input: string[]; attr: Record<string, unknown> };
export type GraphCheck = { inputShape: (number | null)[]; numClasses: number | null; lastLayerSoftmax: boolean; logitsNode: string };

const EXPECTED_INPUT = "[-1, 224, 224, 3] (batch, height, width, RGB channels; -1 marks an unknown size)";
const LOGIT_OPS = ["BiasAdd", "Add", "AddV2", "MatMul", "_FusedMatMul", "Identity"];

const tensorNodeName = (ref: string) => ref.replace(/^\^/, "").replace(/:\d+$/, "");

function parseNodes(topology: Record<string, unknown>): Node[] {
  const raw = topology.node;
  if (!Array.isArray(raw) || raw.length === 0)
    throw new ModelValidationError("model.json: a graph model's modelTopology.node must be a non-empty array of nodes");
  return raw.map((n, i) => {
    if (!isRecord(n) || typeof n.name !== "string" || typeof n.op !== "string")
      throw new ModelValidationError(`model.json: modelTopology.node[${i}] must be an object with string 'name' and 'op'`);
    const input = Array.isArray(n.input) ? n.input.filter((s): s is string => typeof s === "string") : [];
    return { name: n.name, op: n.op, input, attr: isRecord(n.attr) ? n.attr : {} };
  });
}

/** TensorFlow shape proto `{dim: [{size: "-1"}, …]}` or `{unknownRank: true}` → sizes with null for unknown. */
function protoShape(shape: unknown): (number | null)[] | "invalid" {
  if (!isRecord(shape)) return "invalid";
  if (shape.unknownRank === true) return [null, null, null, null];
  if (!Array.isArray(shape.dim)) return [];
  return shape.dim.map((d) => {
    const size = Number(isRecord(d) ? (d.size ?? 0) : NaN);
    return size === -1 ? null : size;
  });
}

function findInputShape(modelJson: Record<string, unknown>, nodes: Node[]): { name: string; shape: (number | null)[] | "invalid" } {
  const signature = isRecord(modelJson.signature) && isRecord(modelJson.signature.inputs) ? modelJson.signature.inputs : null;
  if (signature) {
    const inputs = Object.entries(signature);
    if (inputs.length !== 1)
      throw new ModelValidationError(`model.json: signature.inputs has ${inputs.length} inputs (${listForMessage(inputs.map(([k]) => k))}); the model must take exactly one RGB image input`);
    const [name, spec] = inputs[0];
    return { name, shape: protoShape(isRecord(spec) ? spec.tensorShape : undefined) };
  }
  const placeholders = nodes.filter((n) => n.op === "Placeholder");
  if (placeholders.length !== 1)
    throw new ModelValidationError(`model.json: the graph has ${placeholders.length} Placeholder nodes (${listForMessage(placeholders.map((n) => n.name))}); it must have exactly one, the RGB image input`);
  const shape = isRecord(placeholders[0].attr.shape) ? placeholders[0].attr.shape.shape : undefined;
  return { name: placeholders[0].name, shape: protoShape(shape) };
}

function checkInput(name: string, shape: (number | null)[] | "invalid"): (number | null)[] {
  const ok = shape !== "invalid" && shape.length === 4 && shape[0] === null && (shape[3] === 3 || shape[3] === null) &&
    [shape[1], shape[2]].every((d) => d === null || d === 224);
  if (!ok) {
    const shown = shape === "invalid" ? "missing" : JSON.stringify(shape.map((d) => d ?? -1));
    throw new ModelValidationError(
      `model.json: the graph input '${name}' has shape ${shown}; it must be ${EXPECTED_INPUT}: the ClickMe protocol feeds 224×224 RGB images, channels last`);
  }
  return shape;
}

function logitsCandidates(modelJson: Record<string, unknown>, nodes: Node[]): string[] {
  const fromSoftmax = nodes.filter((n) => n.op === "Softmax").flatMap((n) => n.input.slice(0, 1).map(tensorNodeName));
  const outputs = isRecord(modelJson.signature) && isRecord(modelJson.signature.outputs)
    ? Object.values(modelJson.signature.outputs).flatMap((o) => (isRecord(o) && typeof o.name === "string" ? [tensorNodeName(o.name)] : []))
    : [];
  const late = nodes.filter((n) => LOGIT_OPS.includes(n.op)).slice(-3).map((n) => n.name);
  return [...new Set([...fromSoftmax, ...outputs, ...late])].slice(0, 6);
}

/** Class count read from the weights feeding the logits node (a bias or a matmul kernel), when it has them. */
function inferClasses(node: Node, weights: Map<string, WeightSpec>): number | null {
  const transposeB = isRecord(node.attr.transpose_b) && node.attr.transpose_b.b === true;
  for (const ref of node.input.slice(1)) {
    const w = weights.get(tensorNodeName(ref));
    if (w?.shape.length === 1) return w.shape[0];
    if (w?.shape.length === 2 && node.op.includes("MatMul")) return w.shape[transposeB ? 0 : 1];
  }
  return null;
}

/** Checks a graph model: one 224×224 RGB input, and a named logits node that exists and is not a Softmax. */
export function checkGraphTopology(
  modelJson: Record<string, unknown>, weights: WeightSpec[], numClasses: number, logitsNode: string | undefined,
): GraphCheck {
  const nodes = parseNodes(modelJson.modelTopology as Record<string, unknown>);
  const { name, shape } = findInputShape(modelJson, nodes);
  const inputShape = checkInput(name, shape);
  const candidates = () => listForMessage(logitsCandidates(modelJson, nodes));
  if (!logitsNode)
    throw new ModelValidationError(
      `a graph model needs logitsNode: the name of the node that outputs the pre-softmax class logits; candidates in this graph: ${candidates()}`);
  const nodeName = tensorNodeName(logitsNode);
  const node = nodes.find((n) => n.name === nodeName);
  if (!node)
    throw new ModelValidationError(`logitsNode '${logitsNode}' is not a node of this graph; candidates: ${candidates()}`);
  if (node.op === "Softmax")
    throw new ModelValidationError(
      `logitsNode '${nodeName}' is a Softmax; name the node feeding it (${listForMessage(node.input.map(tensorNodeName))}) — the protocol needs pre-softmax logits`);
  const classes = inferClasses(node, new Map(weights.map((w) => [w.name, w])));
  if (classes !== null && classes !== numClasses)
    throw new ModelValidationError(
      `logitsNode '${nodeName}' produces ${classes} classes (from its weights); this benchmark needs ${numClasses} (one logit per class)`);
  const lastLayerSoftmax = nodes.some((n) => n.op === "Softmax" && n.input.some((ref) => tensorNodeName(ref) === nodeName));
  return { inputShape, numClasses: classes, lastLayerSoftmax, logitsNode: nodeName };
}
