type AttrValue = Record<string, unknown>;
export type GraphNode = { name: string; op: string; input?: string[]; attr?: Record<string, AttrValue>; device?: string };

const FUSED_OPS: Record<string, string> = {
  _FusedConv2D: "Conv2D",
  FusedDepthwiseConv2dNative: "DepthwiseConv2dNative",
  _FusedMatMul: "MatMul",
};
const ACTIVATIONS = ["Relu", "Relu6", "Elu", "Selu", "Sigmoid", "Tanh", "LeakyRelu", "Prelu"];
const FUSION_ATTRS = ["fused_ops", "num_args", "epsilon", "leakyrelu_alpha", "num_host_args"];

const decode = (s: string) => Buffer.from(s, "base64").toString("utf8");
const encode = (s: string) => Buffer.from(s, "utf8").toString("base64");

function fusedOpNames(node: GraphNode): string[] {
  const list = (node.attr?.fused_ops?.list as { s?: string[] } | undefined)?.s ?? [];
  return list.map(decode);
}

/**
 * Rewrites one fused converter node into its plain op chain. The last node of the chain keeps the fused node's
 * name, so every consumer (and a logitsNode naming it) still finds it.
 */
function unfuse(node: GraphNode): GraphNode[] {
  const ops = fusedOpNames(node);
  const [x, w, ...extra] = node.input ?? [];
  const baseAttr = Object.fromEntries(Object.entries(node.attr ?? {}).filter(([k]) => !FUSION_ATTRS.includes(k)));
  const chain: GraphNode[] = [{ name: `${node.name}/unfused_${FUSED_OPS[node.op]}`, op: FUSED_OPS[node.op], input: [x, w], attr: baseAttr }];
  const type: Record<string, AttrValue> = node.attr?.T ? { T: node.attr.T } : {};
  let argIndex = 0;
  for (const op of ops) {
    const prev = chain[chain.length - 1].name;
    if (op === "BiasAdd") {
      chain.push({ name: `${node.name}/unfused_BiasAdd`, op: "BiasAdd", input: [prev, extra[argIndex++]], attr: { ...type } });
    } else if (op === "Prelu") {
      chain.push({ name: `${node.name}/unfused_Prelu`, op: "Prelu", input: [prev, extra[argIndex++]], attr: { ...type } });
    } else if (ACTIVATIONS.includes(op)) {
      const alpha: Record<string, AttrValue> =
        op === "LeakyRelu" && node.attr?.leakyrelu_alpha ? { alpha: node.attr.leakyrelu_alpha } : {};
      chain.push({ name: `${node.name}/unfused_${op}`, op, input: [prev], attr: { ...type, ...alpha } });
    } else {
      throw new Error(
        `Graph node '${node.name}' (${node.op}) fuses '${op}', which cannot be unfused; supported: BiasAdd, ${ACTIVATIONS.join(", ")}`,
      );
    }
  }
  const last = chain[chain.length - 1];
  chain[chain.length - 1] = { ...last, name: node.name };
  return chain;
}

/**
 * Replaces the converter's fused nodes (_FusedConv2D, FusedDepthwiseConv2dNative, _FusedMatMul) by plain op chains.
 * Their kernels' gradients compute the filter gradient eagerly (missing on wasm, slow on cpu); the plain ops have
 * lazy per-input gradients, so differentiating w.r.t. the image only computes the image gradient.
 */
export function unfuseGraphTopology<T extends { node?: GraphNode[] }>(topology: T): T {
  if (!Array.isArray(topology.node)) return topology;
  return { ...topology, node: topology.node.flatMap((n) => (n.op in FUSED_OPS ? unfuse(n) : [n])) };
}

export function countFusedNodes(topology: { node?: GraphNode[] }): number {
  return (topology.node ?? []).filter((n) => n.op in FUSED_OPS).length;
}

export { encode as encodeGraphString };
