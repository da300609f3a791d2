// Which benchmarks a model is queued on: those whose label space is exactly the model's output (no tfjs, so the
// submit form computes the same answer in the browser before anything is uploaded).
import { BENCHMARKS, type BenchmarkDefinition } from "./index";
import { AppError } from "@/lib/errors";

/** Benchmarks for a model with `numClasses` logits, optionally narrowed to `only` (ids, e.g. the demo models' list). */
export function benchmarksForClassCount(numClasses: number, only?: readonly string[]): BenchmarkDefinition[] {
  return BENCHMARKS.filter((b) => b.numClasses === numClasses && (!only || only.includes(b.id)));
}

/** "1000 (ClickMe human alignment; Psychophysics …), 10 (Synthetic …), 4 (Shortcut …; …)": the class counts the boards take. */
export function describeClassCounts(): string {
  const titles = new Map<number, string[]>();
  for (const b of BENCHMARKS) titles.set(b.numClasses, [...(titles.get(b.numClasses) ?? []), b.title]);
  return [...titles].map(([n, t]) => `${n} (${t.join("; ")})`).join(", ");
}

/** Why a model with this many classes runs nowhere, in words for the submitter. */
export function noBenchmarkMessage(numClasses: number, only?: readonly string[]): string {
  const narrowed = only ? ` among the benchmarks asked for (${only.join(", ")})` : "";
  return (
    `No benchmark${narrowed} takes a model with ${numClasses} output classes: each board evaluates models whose ` +
    `logits are exactly its label space. The boards take ${describeClassCounts()} classes.`
  );
}

/** The benchmarks a submission is queued on; none is a 400 saying which class counts the boards take. */
export function eligibleBenchmarksOrThrow(numClasses: number, only?: readonly string[]): BenchmarkDefinition[] {
  const targets = benchmarksForClassCount(numClasses, only);
  if (!targets.length) {
    const message = noBenchmarkMessage(numClasses, only);
    throw new AppError("bad_request", message, { fields: [{ field: "num_classes", message }] });
  }
  return targets;
}
