/**
 * Shared value types: the one pure module every layer may import (app, components, db, lib/*, jobs, scripts).
 * Types and frozen constants only; it imports nothing but type-only re-exports from the pure registries.
 */
export type { MetricId } from "@/lib/metrics/registry";

/** A model's input preprocessing: x' = (x·scale − mean) / std per RGB channel, as declared at submission. */
export type Preprocessing = { scale: number; mean: [number, number, number]; std: [number, number, number] };

/**
 * The same preprocessing as it comes back from JSON (stored provenance, API payloads, worker claims): the arrays
 * are not known to hold exactly three numbers.
 */
export type PreprocessingRecord = { scale: number; mean: number[]; std: number[] };

/** How a model's weights are stored. */
export type ModelFormat = "layers" | "graph" | "onnx";

/**
 * Who sees a model or a result: "hidden" is set by a moderator, never chosen at submission; "withdrawn" (models only)
 * is off the live boards, searches and new snapshots, its pages still reachable by everyone and marked.
 */
export type Visibility = "public" | "private" | "hidden" | "withdrawn";

/** A submitter's choice of visibility. */
export type SubmittedVisibility = Extract<Visibility, "public" | "private">;

/** A benchmark's published id (its registry file name under lib/benchmarks: "clickme", "synthetic", …). */
export type BenchmarkId = string;

/**
 * The evaluate CLI's and the worker's --backend values: auto, onnxruntime on the gradient graph (CPU or CUDA), or a
 * TensorFlow.js backend (lib/evaluation/engine.ts).
 */
export const ENGINE_CHOICES = ["auto", "ort", "ort-cuda", "tensorflow", "wasm", "cpu"] as const;
export type EngineChoice = (typeof ENGINE_CHOICES)[number];
