// Worker threads do not inherit the parent's TypeScript loader: register tsx (with the repository's tsconfig, for the
// @/ paths) before the thread's module loads.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
await import("./cpu-thread.ts");
