/**
 * Appends ONNX nodes and constants to a ModelProto message (protobufjs), in the forms the model's opset takes: the
 * gradient graph is emitted into the submitted model itself, so it must speak that model's opset (11–18).
 */
import { DT } from "../read";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Msg = any;

/** An attribute value: an integer, { f } a float, an int list, { floats } a float list, a string, { t } a tensor. */
export type AttrValue = number | { f: number } | number[] | { floats: number[] } | string | { t: Msg };

export const PREFIX = "__saliency/";

function attribute(name: string, v: AttrValue): Msg {
  if (typeof v === "number") return { name, type: 2, i: v };
  if (typeof v === "string") return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  if ("f" in v) return { name, type: 1, f: v.f };
  if ("floats" in v) return { name, type: 6, floats: v.floats };
  return { name, type: 4, t: v.t };
}

export function floatTensorMsg(name: string, dims: number[], values: ArrayLike<number>): Msg {
  return { name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(Float32Array.from(values).buffer) };
}

export function int64TensorMsg(name: string, dims: number[], values: number[]): Msg {
  return { name, dims, dataType: DT.INT64, rawData: new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer) };
}

export class GraphEmitter {
  readonly nodes: Msg[] = [];
  readonly initializers: Msg[] = [];
  private count = 0;
  private readonly constants = new Map<string, string>();

  constructor(readonly opset: number) {}

  fresh(hint: string): string {
    return `${PREFIX}${hint}_${this.count++}`;
  }

  /** One node; returns its outputs' names (fresh unless given). */
  node(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs: number | string[] = 1): string[] {
    const names = typeof outputs === "number" ? Array.from({ length: outputs }, () => this.fresh(opType)) : outputs;
    this.nodes.push({
      name: this.fresh(`${opType}_node`),
      opType,
      domain: "",
      input: inputs,
      output: names,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return names;
  }

  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    return this.node(opType, inputs, attrs)[0];
  }

  /** A float32 constant (scalars have dims []); equal constants are shared. */
  floats(values: ArrayLike<number>, dims: number[] = []): string {
    return this.constant("f", values, dims, (name) => floatTensorMsg(name, dims, values));
  }

  ints(values: number[], dims: number[] = [values.length]): string {
    return this.constant("i", values, dims, (name) => int64TensorMsg(name, dims, values));
  }

  /** Small constants (scalars, axes, shapes) are shared by value; weights are not compared. */
  private constant(kind: string, values: ArrayLike<number>, dims: number[], make: (name: string) => Msg): string {
    const key = values.length <= 64 ? `${kind}${dims.join("x")}:${Array.from(values).join(",")}` : null;
    const known = key && this.constants.get(key);
    if (known) return known;
    const name = this.fresh("const");
    this.initializers.push(make(name));
    if (key) this.constants.set(key, name);
    return name;
  }

  shape(x: string): string {
    return this.op("Shape", [x]);
  }

  /** x reshaped to the runtime shape of `like` (the batch dimension is free, so static shapes would not do). */
  reshapeLike(x: string, like: string): string {
    return this.op("Reshape", [x, this.shape(like)]);
  }

  /** ReduceSum / ReduceMean / ReduceMax over constant axes: axes became an input in opset 13 (Sum) and 18 (the rest). */
  reduce(op: "ReduceSum" | "ReduceMean" | "ReduceMax", x: string, axes: number[], keepdims: boolean): string {
    const asInput = op === "ReduceSum" ? this.opset >= 13 : this.opset >= 18;
    return asInput
      ? this.op(op, [x, this.ints(axes)], { keepdims: keepdims ? 1 : 0 })
      : this.op(op, [x], { axes, keepdims: keepdims ? 1 : 0 });
  }

  /** The sum of several adjoint contributions (one needs no node). */
  sum(terms: string[]): string {
    return terms.length === 1 ? terms[0] : this.op("Sum", terms);
  }

  /** Float zeros of x's runtime shape. */
  zerosLike(x: string): string {
    return this.op("ConstantOfShape", [this.shape(x)], { value: { t: floatTensorMsg("", [1], [0]) } });
  }
}
