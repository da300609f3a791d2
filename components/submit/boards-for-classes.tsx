// Before upload: which boards a model with N output classes will be evaluated on (the registry's own rule).
import { benchmarksForClassCount, describeClassCounts } from "@/lib/benchmarks/eligibility";

export function BoardsForClasses({ value }: { value: string }) {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 1) {
    return <>1000 for ImageNet classifiers. Each board takes models of exactly its class count: {describeClassCounts()}.</>;
  }
  const boards = benchmarksForClassCount(n);
  if (!boards.length) {
    return (
      <>
        No board takes {n} classes; the boards take {describeClassCounts()}.
      </>
    );
  }
  return (
    <span aria-live="polite">
      A model with {n} classes will be evaluated on: {boards.map((b) => `${b.title} (${b.classSpace}, v${b.version})`).join(", ")}.
    </span>
  );
}
