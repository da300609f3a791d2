/**
 * Workaround: lib/models/onnx/read.ts locates onnx.proto through `__dirname`, which does not exist in ES modules
 * (tsx runs this package as ESM: the worker, the evaluate CLI, the upload validator), so it threw at import. A global
 * `__dirname` pointing at that folder makes it resolve; import this before the importer. Remove once read.ts no
 * longer uses `__dirname` (vitest defines it per module, which is why the importer's own tests pass).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const g = globalThis as { __dirname?: string };
if (typeof g.__dirname !== "string") g.__dirname = path.join(path.dirname(fileURLToPath(import.meta.url)), "onnx");
