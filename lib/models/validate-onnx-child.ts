// Child process of validate-onnx.ts: reads and validates one model.onnx with the importer, prints one JSON line.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { weightsHash } from "@/lib/models/onnx/execute";
import { readOnnx } from "@/lib/models/onnx/read";
import { validateOnnx } from "@/lib/models/onnx/validate";

type Request = { file: string; numClasses?: number; outputName?: string };

function main(): void {
  const req = JSON.parse(process.argv[2] ?? "{}") as Request;
  try {
    const bytes = readFileSync(req.file);
    const model = readOnnx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path.dirname(req.file));
    const info = validateOnnx(model, { numClasses: req.numClasses, outputName: req.outputName });
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
