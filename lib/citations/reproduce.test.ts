import { describe, expect, it } from "vitest";
import { reproduceRecipe } from "./reproduce";

describe("reproduceRecipe", () => {
  it("writes the exact evaluate command with the declared preprocessing and backend", () => {
    const r = reproduceRecipe({
      benchmarkId: "clickme",
      preprocessing: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
      backendName: "tensorflow",
      codeVersion: "abc1234",
      dataset: { fingerprint: "sha256:feed", nImages: 17_581, name: "ClickMe validation split" },
    });
    expect(r.command).toBe(
      "npm run evaluate -- --model PATH --data DIR --benchmark clickme --scale 0.00392156862745098 " +
        "--mean 0.485,0.456,0.406 --std 0.229,0.224,0.225 --backend tensorflow",
    );
    expect(r.steps.join(" ")).toContain("sha256:feed (17581 images)");
  });

  it("falls back to --backend auto for a backend the CLI does not know", () => {
    const base = {
      benchmarkId: "synthetic",
      preprocessing: { scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
      codeVersion: null,
      dataset: null,
    };
    expect(reproduceRecipe({ ...base, backendName: "webgl" }).backend).toBe("auto");
    expect(reproduceRecipe({ ...base, backendName: "WASM" }).backend).toBe("wasm");
    // A result computed by onnxruntime on the gradient graph reproduces on the same engine.
    expect(reproduceRecipe({ ...base, backendName: "ort" }).command).toMatch(/--backend ort$/);
    expect(reproduceRecipe({ ...base, backendName: null }).command).toMatch(/--backend auto$/);
  });
});
