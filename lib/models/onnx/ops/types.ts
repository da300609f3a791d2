import type * as tf from "@tensorflow/tfjs";
import { AppError } from "@/lib/errors";
import type { Attr, OnnxNode } from "../read";

export type OpCtx = {
  opset: number;
  /** A tensor computed once per model (e.g. a transposed filter), kept until dispose. */
  memo(key: string, fn: () => tf.Tensor): tf.Tensor;
  /** True for initializers and folded values: only those may be memoised or given a constant-weight gradient. */
  isConst(name: string): boolean;
};
/** Inputs in node order; an omitted optional input is undefined. */
export type OpFn = (inputs: (tf.Tensor | undefined)[], node: OnnxNode, ctx: OpCtx) => tf.Tensor[];

export function attrInt(node: OnnxNode, name: string, dflt: number): number {
  const a = node.attrs.get(name);
  return a?.i ?? dflt;
}
export function attrFloat(node: OnnxNode, name: string, dflt: number): number {
  const a = node.attrs.get(name);
  return a?.f ?? dflt;
}
export function attrInts(node: OnnxNode, name: string): number[] | undefined {
  const a: Attr | undefined = node.attrs.get(name);
  return a ? (a.ints ?? []) : undefined;
}
export function attrStr(node: OnnxNode, name: string, dflt: string): string {
  return node.attrs.get(name)?.s ?? dflt;
}
/** Small integer tensor (shape, axes, pads) read synchronously. */
export function ints(t: tf.Tensor | undefined): number[] | undefined {
  return t ? Array.from(t.dataSync(), Number) : undefined;
}
/** An attribute value or dtype the importer does not implement: refused with the submission's error, never guessed. */
export function unsupported(node: OnnxNode, what: string): never {
  throw new AppError("invalid_model", `${node.opType} node "${node.name}": ${what} is not supported`);
}
export const normAxis = (a: number, rank: number): number => (a < 0 ? a + rank : a);
