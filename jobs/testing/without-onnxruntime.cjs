// Preloaded with `node --require` by tests: makes onnxruntime-node unresolvable, as on a machine where the optional
// dependency did not install, so the real code path for its absence runs.
// A --require preload is CommonJS, and runtime.ts loads onnxruntime-node through require, which ESM hooks do not see.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "onnxruntime-node" || request.startsWith("onnxruntime-node/")) {
    const err = new Error(`Cannot find module '${request}'`);
    err.code = "MODULE_NOT_FOUND";
    throw err;
  }
  return resolve.call(this, request, ...rest);
};
