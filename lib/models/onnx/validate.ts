import { AppError } from "@/lib/errors";
import { SUPPORTED_OPS, OPS } from "./ops";
import { DT, dtypeName, type OnnxModel } from "./read";
import { ONNX_OPSET_RANGE } from "./supported-ops";

export const MIN_OPSET = ONNX_OPSET_RANGE.min;
export const MAX_OPSET = ONNX_OPSET_RANGE.max;

export type OnnxModelInfo = { inputName: string; outputName: string; layout: "NCHW" | "NHWC"; inputSize: number; numClasses?: number };

const fail = (m: string): never => { throw new AppError("invalid_model", m); };
const fmtShape = (s: (number | string | null)[]) => `[${s.map((d) => (d == null ? "?" : d)).join(", ")}]`;

export function validateOnnx(model: OnnxModel, opts: { numClasses?: number; outputName?: string } = {}): OnnxModelInfo {
  if (!(model.opset >= MIN_OPSET && model.opset <= MAX_OPSET)) {
    fail(`ONNX opset ${model.opset || "(none for the default domain)"} is not supported; export with opset ${MIN_OPSET}–${MAX_OPSET}`);
  }
  const unsupported = new Map<string, string[]>();
  for (const n of model.nodes) {
    const op = n.domain && n.domain !== "ai.onnx" ? `${n.domain}.${n.opType}` : n.opType;
    if (!(op in OPS)) unsupported.set(op, [...(unsupported.get(op) ?? []), n.name]);
  }
  if (unsupported.size) {
    const list = [...unsupported].map(([op, names]) => `${op} (nodes: ${names.slice(0, 5).join(", ")}${names.length > 5 ? `, … ${names.length - 5} more` : ""})`);
    fail(`unsupported ONNX ops: ${list.join("; ")}. Supported ops: ${SUPPORTED_OPS.join(", ")}`);
  }
  const initNames = new Set(model.initializers.map((t) => t.name));
  const inputs = model.inputs.filter((i) => !initNames.has(i.name));
  if (inputs.length !== 1) fail(`the model must have exactly one input (not an initializer); it has ${inputs.length}: ${inputs.map((i) => i.name).join(", ") || "none"}`);
  const input = inputs[0];
  if (input.elemType !== DT.FLOAT) fail(`input "${input.name}" must be float32; it is ${dtypeName(input.elemType)}`);
  const s = input.shape;
  const batchOk = (d: number | string | null) => d === 1 || typeof d === "string" || d == null;
  let layout: "NCHW" | "NHWC" | null = null;
  if (s && s.length === 4 && batchOk(s[0])) {
    if (s[1] === 3 && typeof s[2] === "number" && typeof s[3] === "number") layout = "NCHW";
    else if (s[3] === 3 && typeof s[1] === "number" && typeof s[2] === "number") layout = "NHWC";
  }
  if (!layout) fail(`input "${input.name}" must have shape [N,3,H,W] or [N,H,W,3] with N symbolic or 1 and H, W fixed; it is ${s ? fmtShape(s) : "unknown"}`);
  const h = layout === "NCHW" ? (s![2] as number) : (s![1] as number);
  const w = layout === "NCHW" ? (s![3] as number) : (s![2] as number);
  if (h !== w) fail(`input "${input.name}" must be square; it is ${h}×${w}`);
  let output = model.outputs[0];
  if (opts.outputName) {
    const o = model.outputs.find((x) => x.name === opts.outputName);
    if (!o) fail(`output "${opts.outputName}" not found; the model's outputs are ${model.outputs.map((x) => x.name).join(", ")}`);
    output = o!;
  } else if (model.outputs.length !== 1) {
    fail(`the model has ${model.outputs.length} outputs (${model.outputs.map((x) => x.name).join(", ")}); name the logits output`);
  }
  const os = output.shape;
  const classes = os && os.length >= 2 && typeof os[1] === "number" ? os[1] : undefined;
  if (opts.numClasses != null && classes != null && classes !== opts.numClasses) {
    fail(`output "${output.name}" has ${classes} classes; expected ${opts.numClasses}`);
  }
  for (const t of model.initializers) checkFinite(t.name, t.data);
  for (const n of model.nodes) {
    const t = n.attrs.get("value")?.t;
    if (n.opType === "Constant" && t) checkFinite(`${n.name} (Constant)`, t.data);
  }
  return { inputName: input.name, outputName: output.name, layout: layout!, inputSize: h, numClasses: classes };
}

function checkFinite(name: string, data: Float32Array | number[]): void {
  if (!(data instanceof Float32Array)) return;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) fail(`weight "${name}" contains ${Number.isNaN(data[i]) ? "NaN" : "Infinity"} at index ${i}`);
  }
}
