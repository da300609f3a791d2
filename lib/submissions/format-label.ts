/** How a model's format reads on pages and in the API: "ONNX opset 17 · pytorch 1.13.1", "TF.js layers", "TF.js graph". */
export type FormatFields = { format: string; onnxOpset: number | null; onnxProducer: string | null };

export function formatLabel(m: FormatFields): string {
  if (m.format === "onnx") {
    const opset = m.onnxOpset != null ? ` opset ${m.onnxOpset}` : "";
    return `ONNX${opset}${m.onnxProducer ? ` · ${m.onnxProducer}` : ""}`;
  }
  return m.format === "layers" || m.format === "graph" ? `TF.js ${m.format}` : m.format;
}
