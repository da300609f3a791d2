/**
 * Which onnxruntime execution providers this machine can run. The npm package bundles the CPU provider; CUDA's
 * libraries are installed separately on GPU nodes (deploy/README.md), so whether it works is only known by opening
 * a session with it: a one-node model is enough.
 */
import { onnxSchema } from "@/lib/models/onnx/read";
import { loadOnnxRuntime } from "./runtime";

function identityModel(): Uint8Array {
  const M = onnxSchema().lookupType("onnx.ModelProto");
  const tensor = { elemType: 1, shape: { dim: [{ dimValue: 1 }] } };
  return M.encode(M.fromObject({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 13 }],
    graph: { name: "probe", node: [{ opType: "Identity", input: ["x"], output: ["y"] }], input: [{ name: "x", type: { tensorType: tensor } }], output: [{ name: "y", type: { tensorType: tensor } }] },
  })).finish();
}

/** null when onnxruntime's CUDA provider opens a session here; else why not (the first line of its error). */
export async function cudaUnavailableReason(): Promise<string | null> {
  let ort;
  try {
    ort = loadOnnxRuntime();
  } catch (err) {
    return (err as Error).message;
  }
  if (!ort.listSupportedBackends().some((b) => b.name === "cuda")) return "this onnxruntime-node build has no CUDA provider";
  try {
    // The failed provider load is reported through this error; onnxruntime would also print it to stderr as an error
    // on every CPU-only evaluation. Its log level is fixed when its environment starts, so it stays at "fatal".
    ort.env.logLevel = "fatal";
    const session = await ort.InferenceSession.create(identityModel(), { executionProviders: ["cuda"], logSeverityLevel: 4 });
    await session.release();
    return null;
  } catch (err) {
    return (err as Error).message.split("\n")[0].replace(/\u001b\[[0-9;]*m/g, "").slice(0, 300);
  }
}

/** null when onnxruntime-node loads (its CPU provider is always bundled); else the install hint. */
export function cpuUnavailableReason(): string | null {
  try {
    loadOnnxRuntime();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
