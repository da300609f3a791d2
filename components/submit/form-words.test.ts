/** The submit form speaks its labels, not the API's field names, and puts every error under a field it shows. */
import { describe, expect, it } from "vitest";
import { parseSubmissionFields } from "@/lib/types/submission-metadata";
import { noBenchmarkMessage } from "@/lib/benchmarks/eligibility";
import { formErrors, messageInFormWords, SUBMIT_FIELD_LABELS } from "./form-words";

const API_FIELD = new RegExp(
  `\\b(${[...Object.keys(SUBMIT_FIELD_LABELS), "previous_version"].filter((f) => f.includes("_")).join("|")})\\b`,
);

describe("submit form errors", () => {
  it("names the form's labels where the shared checks name API fields", () => {
    expect(messageInFormWords("num_classes", "num_classes must be a whole number from 2 to 100000 (ImageNet models: 1000)")).toBe(
      "Number of output classes must be a whole number from 2 to 100000 (ImageNet models: 1000)",
    );
    expect(messageInFormWords("training_data", "training_data is required (e.g. ImageNet-1k)")).toBe(
      "Training data is required (e.g. ImageNet-1k)",
    );
    expect(messageInFormWords("name", "name is required")).toBe("Name is required");
    expect(messageInFormWords("paper_url", "paper_url must be an http(s) URL")).toBe("Paper URL must be an http(s) URL");
    expect(messageInFormWords("trained_on_human_maps", "trained_on_human_maps is required: 'yes' if …, else 'no'")).toMatch(
      /^Say whether the model was trained on human attention maps: Yes if/,
    );
    expect(messageInFormWords("preprocessing", "preprocessing is required: one of identity, unit-range, custom")).toBe(
      "Choose the preprocessing your model expects (Custom… takes a scale, a mean and a std).",
    );
  });

  it("leaves no API field name in any message of an empty or a bad submission", () => {
    const empty = parseSubmissionFields({});
    const bad = parseSubmissionFields({
      name: "x",
      family: "x",
      training_data: "x",
      trained_on_human_maps: "maybe",
      preprocessing: "custom",
      scale: "0",
      mean: "1",
      std: "0",
      num_classes: "1.5",
      paper_url: "ftp://x",
      fine_tuned_from: "Not A Slug",
      logits_node: "x".repeat(201),
      visibility: "secret",
    });
    const errors = [...(empty.ok ? [] : empty.errors), ...(bad.ok ? [] : bad.errors)];
    expect(errors.length).toBeGreaterThan(8);
    for (const e of formErrors(errors)) {
      expect(e.message).not.toMatch(API_FIELD);
      expect(e.message).toMatch(/^[A-Z]/);
      expect(Object.keys(SUBMIT_FIELD_LABELS)).toContain(e.field);
    }
  });

  it("orders errors as the form does and files the server's upload refusals under the file picker", () => {
    const errors = formErrors([
      { field: "num_classes", message: noBenchmarkMessage(7) },
      { field: "name", message: "name is required" },
    ]);
    expect(errors.map((e) => e.field)).toEqual(["name", "num_classes"]);
    expect(formErrors([{ field: "form", message: "files: model.json or a .onnx model is missing; got a.txt" }], "invalid_upload")).toEqual([
      { field: "files", message: "model.json or a .onnx model is missing; got a.txt" },
    ]);
    expect(formErrors([{ field: "form", message: "files: send one .onnx model at a time; got a.onnx, b.onnx" }], "invalid_upload")).toEqual(
      [{ field: "files", message: "Send one .onnx model at a time; got a.onnx, b.onnx" }],
    );
    // A field the form does not show (the hidden previous version) is the form's own message, in words.
    expect(formErrors([{ field: "previous_version", message: "previous_version must be a model slug" }])).toEqual([
      { field: "form", message: "The model this is a new version of must be a model slug" },
    ]);
  });
});
