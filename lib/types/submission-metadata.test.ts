import { describe, expect, it } from "vitest";
import { parseSubmissionFields } from "./submission-metadata";

const BASE = { name: "M", family: "CNN", training_data: "ImageNet-1k", trained_on_human_maps: "yes", preprocessing: "keras-tf" };

describe("submission metadata", () => {
  it("maps presets to exact transforms: Keras 'tf' mode is x/127.5 − 1", () => {
    const r = parseSubmissionFields(BASE);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const p = r.value.preprocessing;
    for (const x of [0, 127.5, 255]) expect((x * p.scale - p.mean[0]) / p.std[0]).toBeCloseTo(x / 127.5 - 1, 12);
    expect(r.value).toMatchObject({ trainedOnHumanMaps: true, numClasses: 1000, visibility: "public", paperUrl: null });
  });

  it("parses custom scale as a fraction and names each bad field in form order", () => {
    const ok = parseSubmissionFields({
      ...BASE,
      preprocessing: "custom",
      scale: "1/255",
      mean: "0.485, 0.456,0.406",
      std: "0.229,0.224,0.225",
    });
    expect(ok.ok && ok.value.preprocessing).toEqual({ scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
    const bad = parseSubmissionFields({ ...BASE, preprocessing: "custom", scale: "-1", mean: "a,b,c", std: "1,0,1" });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(["scale", "mean", "std"]);
    for (const std of ["5e-324,1,1", "1,1,1e300", "0.229,NaN,0.225"]) {
      const tiny = parseSubmissionFields({ ...BASE, preprocessing: "custom", scale: "1/255", mean: "0,0,0", std });
      expect(tiny.ok ? null : tiny.errors[0].message, std).toBe(
        "std must be three numbers 'r,g,b' from 0.0001 to 10000, e.g. 0.229,0.224,0.225",
      );
    }
    const missing = parseSubmissionFields({
      family: "CNN",
      preprocessing: "zca",
      paper_url: "ftp://x",
      num_classes: "1.5",
      trained_on_human_maps: "maybe",
    });
    expect(missing.ok ? [] : missing.errors.map((e) => e.field)).toEqual([
      "name",
      "training_data",
      "trained_on_human_maps",
      "paper_url",
      "preprocessing",
      "num_classes",
    ]);
  });
});
