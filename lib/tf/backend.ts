import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { installGradientPatches } from "@/lib/tf/gradient-patches";

export type BackendChoice = "auto" | "tensorflow" | "wasm" | "cpu";
export const BACKEND_CHOICES: readonly BackendChoice[] = ["auto", "tensorflow", "wasm", "cpu"];

const require = createRequire(import.meta.url);

/** Absolute dist directory of tfjs-backend-wasm: the default relative path breaks inside bundles. */
export function wasmDistDir(): string {
  return path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm")) + path.sep;
}

// Computed names keep bundlers from resolving the optional native packages at build time.
const NATIVE_PACKAGES = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"];

async function tryNative(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const reasons: string[] = [];
  for (const name of NATIVE_PACKAGES) {
    try {
      await import(/* webpackIgnore: true */ name);
      if (await tf.setBackend("tensorflow")) return { ok: true };
      reasons.push(`${name}: loaded but setBackend("tensorflow") returned false`);
    } catch (err) {
      reasons.push(`${name}: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  return { ok: false, reason: reasons.join("; ") };
}

async function trySet(name: "wasm" | "cpu"): Promise<boolean> {
  if (name === "wasm") setWasmPaths(wasmDistDir());
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Chooses and initialises the TensorFlow.js backend, then installs the gradient patches for it.
 * auto: tfjs-node-gpu → tfjs-node → wasm → cpu. An explicitly requested backend that fails throws.
 */
export async function initBackend(choice: BackendChoice): Promise<{ name: string; version: string }> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new Error(`Unknown backend '${String(choice)}'. Allowed: ${BACKEND_CHOICES.join(", ")}`);
  }
  let name: string;
  if (choice === "tensorflow") {
    const native = await tryNative();
    if (!native.ok) {
      throw new Error(
        `Backend 'tensorflow' could not be initialised (${native.reason}). ` +
          `Install @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu (needs internet), or choose wasm or cpu.`,
      );
    }
    name = "tensorflow";
  } else if (choice === "wasm" || choice === "cpu") {
    if (!(await trySet(choice))) throw new Error(`Backend '${choice}' could not be initialised`);
    name = choice;
  } else {
    if ((await tryNative()).ok) name = "tensorflow";
    else if (await trySet("wasm")) name = "wasm";
    else if (await trySet("cpu")) name = "cpu";
    else throw new Error("No TensorFlow.js backend could be initialised (tried tensorflow, wasm, cpu)");
  }
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`Backend '${name}' was requested but '${tf.getBackend()}' is active`);
  installGradientPatches(name);
  console.info(`[tf] backend=${name} tfjs=${tf.version.tfjs}`);
  return { name, version: tf.version.tfjs };
}
