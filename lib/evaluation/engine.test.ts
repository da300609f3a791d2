import os from "node:os";
import { describe, expect, it } from "vitest";
import { cudaUnavailableReason } from "@/lib/models/ort/providers";
import { defaultThreads, engineInfo, initEngine } from "./engine";

describe("initEngine", () => {
  it("a tfjs backend runs everything on tfjs", async () => {
    const e = await initEngine("wasm", 1);
    expect(e).toEqual({ tfjs: { name: "wasm", version: expect.any(String) }, native: null });
  });

  it("ort: onnxruntime's CPU provider with the given threads, tfjs kept for what cannot run natively", async () => {
    const e = await initEngine("ort", 2);
    expect(e.native).toEqual({ provider: "cpu", threads: 2 });
    expect(["tensorflow", "wasm", "cpu"]).toContain(e.tfjs.name);
  });

  it("ort-cuda without the CUDA provider fails and says how to install it; auto then takes the CPU provider", async () => {
    const why = await cudaUnavailableReason();
    // This machine has no GPU: the probe session cannot load the CUDA provider's libraries.
    expect(why).toMatch(/CUDA|cuda|providers_shared|shared library/);
    await expect(initEngine("ort-cuda", 1)).rejects.toThrow(/--backend ort-cuda: .*deploy\/README\.md.*--backend ort/);
    expect((await initEngine("auto", 1)).native).toEqual({ provider: "cpu", threads: 1 });
  });

  it("refuses unknown engines and thread counts", async () => {
    await expect(initEngine("gpu" as never, 1)).rejects.toThrow(
      /Unknown backend 'gpu'. Allowed: auto, ort, ort-cuda, tensorflow, wasm, cpu/,
    );
    await expect(initEngine("ort", 0)).rejects.toThrow(/threads must be a positive integer, got 0/);
  });

  it("splits the cores between processes, at least one thread each", () => {
    expect(defaultThreads(1)).toBe(os.cpus().length);
    expect(defaultThreads(os.cpus().length * 4)).toBe(1);
  });
});

describe("engineInfo", () => {
  const engine = { tfjs: { name: "wasm", version: "4.22.0" }, native: { provider: "cpu" as const, threads: 2 } };
  it("is the model's native engine when it ran on one", () => {
    const ort = { name: "ort", version: "onnxruntime-node 1.30.0", threads: 2 };
    expect(engineInfo(engine, { engine: ort })).toEqual(ort);
  });
  it("is the tfjs backend, with the reason, when the native engine was asked for but not used", () => {
    expect(engineInfo(engine, { nativeFallback: "no gradient rule for op 'Einsum'" })).toEqual({
      name: "wasm",
      version: "4.22.0",
      native_fallback: "no gradient rule for op 'Einsum'",
    });
    expect(engineInfo({ ...engine, native: null }, {})).toEqual({ name: "wasm", version: "4.22.0" });
  });
});
