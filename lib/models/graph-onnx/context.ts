/**
 * What the graph translator works with: TF GraphDef nodes in the converter's JSON (attributes as protobuf JSON, strings
 * base64), values that are either constants (weights, decoded) or ONNX tensors, and the layout each tensor is stored in.
 * A rank-4 tensor produced by a convolution, pooling or batch norm is stored NCHW (ONNX's layout) while the graph still
 * means it as NHWC; `nchw` says so, and a consumer that needs TF's layout gets one Transpose, made once per tensor.
 */
import { GraphWriter } from "@/lib/models/onnx/proto-builder";

export type GraphNode = { name: string; op: string; input?: string[]; attr?: Record<string, Record<string, unknown>> };

/** The ONNX graph's image input (NHWC); its first dimension is the batch size of every batch axis in the graph. */
export const INPUT_NAME = "input";

/** null: the batch dimension (or any size not known when translating). */
export type Dim = number | null;
export type Const = { kind: "const"; name: string; shape: number[]; data: Float32Array | Int32Array };
export type Tensor = { kind: "tensor"; name: string; shape: Dim[]; nchw: boolean };
/**
 * Shape arithmetic on the image's shape (Shape → StridedSlice → Pack, as Keras writes tf.shape(x)[0]): integer values
 * known when translating, null standing for the batch size; shape is this value's own shape ([] or [k]).
 */
export type ShapeVal = { kind: "shape"; name: string; shape: number[]; values: Dim[] };
/** What an op's translation reads: shape values never reach it (translate.ts folds them first). */
export type Operand = Const | Tensor;
export type Val = Operand | ShapeVal;

export class GraphTranslationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraphTranslationError";
  }
}

export const refuse = (n: GraphNode, why: string): never => {
  throw new GraphTranslationError(`node "${n.name}" (${n.op}): ${why}`);
};

/** Physical axis of logical (NHWC) axis a in an NCHW-stored tensor. */
export const NCHW_AXIS = [0, 2, 3, 1];
const TO_NCHW = [0, 3, 1, 2];

export const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Reorders a constant's data by perm (out axis i = in axis perm[i]). */
export function permuteData<T extends Float32Array | Int32Array>(data: T, shape: number[], perm: number[]): T {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]);
  const inStrides = shape.map((_, i) => size(shape.slice(i + 1)));
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const idx = new Array(rank).fill(0);
  for (let o = 0; o < data.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += idx[i] * inStrides[perm[i]];
    out[o] = data[src];
    for (let i = rank - 1; i >= 0; i--) {
      if (++idx[i] < outShape[i]) break;
      idx[i] = 0;
    }
  }
  return out;
}

/** Node attributes as the converter writes them (protobuf JSON: ints as strings, strings base64). */
export class Attrs {
  constructor(private readonly n: GraphNode) {}
  private get(key: string) {
    return this.n.attr?.[key];
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  str(key: string, fallback?: string): string {
    const v = this.get(key)?.s;
    if (typeof v === "string") return Buffer.from(v, "base64").toString("utf8");
    return fallback ?? refuse(this.n, `attribute '${key}' is missing`);
  }
  int(key: string, fallback?: number): number {
    const v = this.get(key)?.i;
    if (v !== undefined) return Number(v);
    return fallback ?? refuse(this.n, `attribute '${key}' is missing`);
  }
  float(key: string, fallback?: number): number {
    const v = this.get(key)?.f;
    if (v !== undefined) return Number(v);
    return fallback ?? refuse(this.n, `attribute '${key}' is missing`);
  }
  bool(key: string, fallback = false): boolean {
    const v = this.get(key)?.b;
    return v === undefined ? fallback : v === true || v === "true";
  }
  ints(key: string, fallback?: number[]): number[] {
    const list = this.get(key)?.list as { i?: (string | number)[] } | undefined;
    if (list) return (list.i ?? []).map(Number);
    return fallback ?? refuse(this.n, `attribute '${key}' is missing`);
  }
}

/** The ONNX graph being written: nodes, initializers, and each tensor's layout conversions (made once). */
export class Builder extends GraphWriter {
  private readonly converted = new Map<string, string>();
  private readonly constNames = new Map<string, string>();
  /** A float constant as an initializer, in TF's layout or (rank ≤ 4, left-padded with 1s) NCHW; one per layout. */
  constant(c: Const, n: GraphNode, nchw: boolean): string {
    if (!(c.data instanceof Float32Array)) refuse(n, `the constant '${c.name}' is not float32 where a float tensor is needed`);
    const key = `${c.name}|${nchw}`;
    let name = this.constNames.get(key);
    if (!name) {
      if (nchw && c.shape.length > 0) {
        if (c.shape.length > 4) refuse(n, `a rank-${c.shape.length} constant broadcast against a rank-4 tensor`);
        const shape = [...new Array(4 - c.shape.length).fill(1), ...c.shape];
        name = this.floats(TO_NCHW.map((p) => shape[p]), permuteData(c.data as Float32Array, shape, TO_NCHW));
      } else {
        name = this.floats(c.shape, c.data);
      }
      this.constNames.set(key, name);
    }
    return name;
  }
  /** The tensor in TF's layout. */
  tf(t: Tensor): Tensor {
    if (!t.nchw) return t;
    return { ...t, name: this.once(`${t.name}|tf`, () => this.op("Transpose", [t.name], { perm: [0, 2, 3, 1] })), nchw: false };
  }
  /** A rank-4 tensor stored NCHW. */
  nchw(t: Tensor): Tensor {
    if (t.nchw) return t;
    return { ...t, name: this.once(`${t.name}|nchw`, () => this.op("Transpose", [t.name], { perm: TO_NCHW })), nchw: true };
  }
  private once(key: string, make: () => string): string {
    let name = this.converted.get(key);
    if (!name) this.converted.set(key, (name = make()));
    return name;
  }
}
