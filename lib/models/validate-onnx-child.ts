// Child process of validate-onnx.ts: reads and validates one model.onnx with the importer, prints one JSON line.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { weightsHash } from "@/lib/models/onnx/execute";
import { readOnnx, type OnnxModel } from "@/lib/models/onnx/read";
import { validateOnnx } from "@/lib/models/onnx/validate";

type Request = { file: string; numClasses?: number; outputName?: string };

const PASS_THROUGH = new Set(["Identity", "Flatten", "Reshape", "Squeeze"]);

/**
 * Saliency is the gradient of a pre-softmax logit (protocol §3) and nothing removes a softmax from an ONNX graph,
 * so an output computed by one (through reshapes) would be scored on probabilities: refused, saying what to do.
 */
function refuseSoftmaxOutput(model: OnnxModel, output: string): void {
  const producer = new Map(model.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  let node = producer.get(output);
  while (node && PASS_THROUGH.has(node.opType)) node = producer.get(node.inputs[0]);
  if (node && (node.opType === "Softmax" || node.opType === "LogSoftmax")) {
    throw new AppError("invalid_model",
      `output "${output}" is computed by ${node.opType} node "${node.name}": saliency is taken on the pre-softmax logits (protocol §3); export the model without the ${node.opType}, or name a pre-softmax graph output in logits_node`);
  }
}

function main(): void {
  const req = JSON.parse(process.argv[2] ?? "{}") as Request;
  try {
    const bytes = readFileSync(req.file);
    const model = readOnnx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path.dirname(req.file));
    const info = validateOnnx(model, { numClasses: req.numClasses, outputName: req.outputName });
    refuseSoftmaxOutput(model, info.outputName);
    const paramCount = model.initializers.filter((t) => t.data instanceof Float32Array).reduce((a, t) => a + t.data.length, 0);
    const value = {
      ...info,
      opset: model.opset,
      producer: `${model.producerName} ${model.producerVersion}`.trim() || null,
      paramCount,
      weightsHash: weightsHash(model),
    };
    process.stdout.write(`${JSON.stringify({ ok: true, value })}\n`);
  } catch (err) {
    const known = err instanceof AppError;
    process.stdout.write(`${JSON.stringify({ ok: false, known, code: known ? err.code : "invalid_model", message: (err as Error).message })}\n`);
  }
}

main();
