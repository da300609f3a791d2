import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { initBackend, wasmDistDir } from "@/lib/tf/backend";

describe("initBackend", () => {
  it("throws a clear error when the requested native backend cannot initialise", async () => {
    await expect(initBackend("tensorflow")).rejects.toThrow(/Backend 'tensorflow' could not be initialised.*tfjs-node/);
  });

  it("rejects an unknown backend name, listing the allowed ones", async () => {
    await expect(initBackend("gpu" as never)).rejects.toThrow(/Unknown backend 'gpu'. Allowed: auto, tensorflow, wasm, cpu/);
  });

  it("initialises wasm from an absolute dist dir, and auto falls back to wasm without tfjs-node", async () => {
    expect(wasmDistDir()).toMatch(/^\/.*tfjs-backend-wasm\/dist\/$/);
    expect(await initBackend("wasm")).toEqual({ name: "wasm", version: tf.version.tfjs });
    expect(tf.getBackend()).toBe("wasm");
    await initBackend("cpu");
    expect((await initBackend("auto")).name).toBe("wasm");
  });
});
