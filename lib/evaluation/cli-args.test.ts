import { describe, expect, it } from "vitest";
import { parseEvaluateArgs } from "./cli-args";
import { resolveBatchSize } from "./batch-size";
import { defaultThreads } from "./engine";

const base = ["--model", "m", "--data", "d"];

describe("parseEvaluateArgs", () => {
  it("applies defaults", () => {
    expect(parseEvaluateArgs(base)).toEqual({
      model: "m",
      logitsNode: null,
      data: "d",
      benchmark: "clickme",
      limit: null,
      batchSize: "auto",
      backend: "auto",
      workers: 1,
      threads: defaultThreads(1),
      cpuThreads: "auto",
      preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
      output: null,
      thumbnails: null,
      crossCheck: 0,
      help: false,
    });
  });

  it("parses every flag", () => {
    const a = parseEvaluateArgs([
      ...base,
      "--benchmark",
      "synthetic",
      "--limit",
      "8",
      "--batch-size",
      "4",
      "--backend",
      "wasm",
      "--workers",
      "2",
      "--scale",
      "0.00392156862745098",
      "--mean",
      "0.485,0.456,0.406",
      "--std",
      "0.229,0.224,0.225",
      "--output",
      "o.json",
    ]);
    expect(a).toMatchObject({ benchmark: "synthetic", limit: 8, batchSize: 4, backend: "wasm", workers: 2, output: "o.json" });
    expect(parseEvaluateArgs([...base, "--thumbnails", "t"]).thumbnails).toBe("t");
    expect(parseEvaluateArgs([...base, "--logits-node", "logits"]).logitsNode).toBe("logits");
    expect(parseEvaluateArgs([...base, "--cross-check", "2"]).crossCheck).toBe(2);
    expect(parseEvaluateArgs([...base, "--backend", "ort", "--threads", "3"])).toMatchObject({ backend: "ort", threads: 3 });
    expect(parseEvaluateArgs([...base, "--backend", "ort-cuda"]).backend).toBe("ort-cuda");
    // The cores are split between the processes unless --threads says otherwise.
    expect(parseEvaluateArgs([...base, "--workers", "2"]).threads).toBe(defaultThreads(2));
    expect(a.preprocessing).toEqual({ scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
  });

  it.each([
    [["--data", "d"], /--model is required/],
    [["--model", "m"], /--data is required/],
    [[...base, "--benchmark", "imagenet"], /unknown benchmark 'imagenet'. Available: clickme, synthetic/],
    [[...base, "--limit", "0"], /--limit must be an integer from 1/],
    [[...base, "--batch-size", "2.5"], /--batch-size must be an integer/],
    [[...base, "--batch-size", "automatic"], /--batch-size must be an integer/],
    [[...base, "--workers", "65"], /--workers must be an integer from 1 to 64/],
    [[...base, "--cross-check", "1.5"], /--cross-check must be an integer/],
    [[...base, "--backend", "gpu"], /--backend must be one of auto, ort, ort-cuda, tensorflow, wasm, cpu, got 'gpu'/],
    [[...base, "--threads", "0"], /--threads must be an integer from 1 to 256/],
    [[...base, "--mean", "1,2"], /--mean must be three comma-separated numbers/],
    [[...base, "--std", "1,0,1"], /--std values must be non-zero/],
    [[...base, "--scale", "abc"], /--scale must be a finite number/],
    [[...base, "--logits-node", " "], /--logits-node must name a graph node/],
    [[...base, "--frobnicate"], /Unknown option '--frobnicate'/],
    [[...base, "--thumbnails", "t", "--workers", "2"], /--thumbnails works with one process only/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseEvaluateArgs(argv as string[])).toThrow(message);
  });

  it("takes --batch-size auto, resolved by model size: 2 under 10M parameters, else 1", () => {
    expect(parseEvaluateArgs([...base, "--batch-size", "auto"]).batchSize).toBe("auto");
    expect(resolveBatchSize("auto", 3_538_984)).toBe(2); // MobileNetV2
    expect(resolveBatchSize("auto", 9_999_999)).toBe(2);
    expect(resolveBatchSize("auto", 25_636_712)).toBe(1); // ResNet-50
    expect(resolveBatchSize(5, 25_636_712)).toBe(5);
  });
});
