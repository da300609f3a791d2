import type { OnnxNode } from "../../read";
import type { GraphEmitter } from "../emitter";

/** What a rule knows about its node: attributes, the adjoints of its outputs, shapes measured by the probe run. */
export type RuleContext = {
  node: OnnxNode;
  em: GraphEmitter;
  /** The adjoint of each output (∂s/∂output), or null where s does not depend on that output. */
  dy: (string | null)[];
  /** Whether the input at this position depends on the image (only those get an adjoint). */
  needs(index: number): boolean;
  /** The shape of a value at the probe's batch of 2 (lib/models/onnx/gradient/probe.ts); throws if unknown. */
  shape(name: string): number[];
  /** Whether this axis of a value grows with the batch (its size differs between the probe's batches of 2 and 1). */
  batchAxis(name: string, axis: number): boolean;
  /** A constant input's values (an initializer or a Constant node's output), or null when it is computed. */
  constant(name: string): number[] | null;
  /** A constant float tensor's values without a copy (convolution weights), or null when it is computed. */
  weights(name: string): Float32Array | null;
  opset: number;
};

/** The adjoint of each input (null where none is needed or the contribution is zero). */
export type Rule = (c: RuleContext) => (string | null)[];

export class GradientUnsupportedError extends Error {
  constructor(readonly nodes: { op: string; node: string; why: string }[]) {
    const list = nodes.slice(0, 5).map((n) => `${n.op} (node "${n.node}": ${n.why})`).join("; ");
    super(`the input-gradient graph cannot be built: ${list}${nodes.length > 5 ? `; … ${nodes.length - 5} more` : ""}`);
    this.name = "GradientUnsupportedError";
  }
}

/** Thrown by a rule whose op is supported but not with these attributes; the builder collects them all. */
export class RuleRefusal extends Error {}

export const refuse = (why: string): never => {
  throw new RuleRefusal(why);
};

export const intAttr = (c: RuleContext, name: string, fallback: number): number => c.node.attrs.get(name)?.i ?? fallback;
export const floatAttr = (c: RuleContext, name: string, fallback: number): number => c.node.attrs.get(name)?.f ?? fallback;
export const intsAttr = (c: RuleContext, name: string): number[] | null => c.node.attrs.get(name)?.ints ?? null;

/** The single output's adjoint (rules of one-output ops). */
export const dy0 = (c: RuleContext): string => {
  const g = c.dy[0];
  if (!g) throw new Error(`node "${c.node.name}" has no adjoint on its output`);
  return g;
};

/** An axis attribute normalised against a rank. */
export const axisOf = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);
