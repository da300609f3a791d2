import { describe, expect, it } from "vitest";
import { buildFusedGraphFixture } from "@/lib/models/fixtures/graph-model";
import { countFusedNodes, encodeGraphString, unfuseGraphTopology, type GraphNode } from "@/lib/models/graph-rewrite";

describe("unfuseGraphTopology", () => {
  it("replaces every fused node by a plain chain whose last node keeps the fused name", () => {
    const topology = buildFusedGraphFixture(1).modelJson.modelTopology as { node: GraphNode[] };
    expect(countFusedNodes(topology)).toBe(3);
    const out = unfuseGraphTopology(topology);
    expect(countFusedNodes(out)).toBe(0);
    const byName = new Map(out.node!.map((n) => [n.name, n]));
    expect(byName.get("conv")).toMatchObject({ op: "Relu", input: ["conv/unfused_BiasAdd"] });
    expect(byName.get("conv/unfused_BiasAdd")).toMatchObject({ op: "BiasAdd", input: ["conv/unfused_Conv2D", "conv/bias"] });
    expect(byName.get("conv/unfused_Conv2D")?.attr).not.toHaveProperty("fused_ops");
    expect(byName.get("conv/unfused_Conv2D")?.attr?.strides).toEqual({ list: { i: ["1", "2", "2", "1"] } });
    expect(byName.get("dw")).toMatchObject({ op: "Relu6" });
    expect(byName.get("logits")).toMatchObject({ op: "BiasAdd", input: ["logits/unfused_MatMul", "fc/bias"] });
    expect(byName.get("logits/unfused_MatMul")?.attr?.transpose_b).toEqual({ b: false });
  });

  it("refuses a fused op it cannot unfuse, naming the supported ones", () => {
    const node: GraphNode = {
      name: "c", op: "_FusedConv2D", input: ["x", "w", "s", "o", "m", "v"],
      attr: { fused_ops: { list: { s: [encodeGraphString("FusedBatchNorm")] } } },
    };
    expect(() => unfuseGraphTopology({ node: [node] })).toThrow(/'c' \(_FusedConv2D\) fuses 'FusedBatchNorm'.*supported: BiasAdd/);
  });
});
