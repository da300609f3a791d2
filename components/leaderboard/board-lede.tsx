/** The home board's opening line: what is ranked, next to which accuracy (the benchmark's own words), and its comparability. */
import Link from "next/link";
import type { BenchmarkDefinition } from "@/lib/benchmarks";
import { PaperComparabilityNote } from "@/components/benchmark/paper-comparability-note";

export function BoardLede({ def }: { def: BenchmarkDefinition }) {
  return (
    <>
      <p className="lede">
        Models ranked by how well their saliency agrees with where people look for evidence (ClickMe maps), as a percentage of the agreement
        between people, next to their {def.accuracyLabel}. The protocol is that of <Link href="/about">Fel et al., NeurIPS 2022</Link>.
      </p>
      <PaperComparabilityNote benchmark={def} />
    </>
  );
}
