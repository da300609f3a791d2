/**
 * A full garbage collection now. Loading a large model drops hundreds of megabytes at known points (the file's bytes
 * once decoded, the parsed weights once the gradient graph is built), but V8 only collects when its own heap fills,
 * and these buffers live outside it: left to itself it keeps them while onnxruntime allocates the next session, and a
 * ViT-B/16's load peaked 0.3–0.5 GB higher. Only the evaluation processes load models natively.
 */
import v8 from "node:v8";
import vm from "node:vm";

let gc: (() => void) | null = null;

export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  }
  gc();
}
