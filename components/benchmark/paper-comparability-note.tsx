/**
 * The one wording of "not comparable with the paper's numbers", shown on a board and on its benchmark page for every
 * benchmark whose definition says so (generated data, or data other than the paper's).
 */
import type { BenchmarkDefinition } from "@/lib/benchmarks";

export const NOT_COMPARABLE = "Not comparable with the paper's numbers";

export function PaperComparabilityNote({ benchmark }: { benchmark: Pick<BenchmarkDefinition, "comparableWithPaper" | "dataset"> }) {
  if (benchmark.comparableWithPaper) return null;
  return (
    <div className="notice notice-info" role="note">
      <strong>{NOT_COMPARABLE}.</strong> Scores on this benchmark come from {benchmark.dataset.name}, not from the paper&apos;s data.
    </div>
  );
}
