// Route: /benchmarks — every benchmark in the registry, with its versions and how many results each holds.
import type { Metadata } from "next";
import Link from "next/link";
import { NOT_COMPARABLE } from "@/components/benchmark/paper-comparability-note";
import { getDb, listBenchmarks } from "@/lib/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Benchmarks" };

export default async function BenchmarksPage() {
  const benchmarks = await listBenchmarks(await getDb());
  return (
    <>
      <h1>Benchmarks</h1>
      <p className="lede">What each board measures. Every score carries the benchmark version it was computed under.</p>
      <ul className="benchmark-list">
        {benchmarks.map(({ definition: d, versions }) => (
          <li key={d.id} className="card">
            <h2>
              <Link href={`/benchmarks/${d.id}`}>{d.title}</Link>
            </h2>
            <p>{d.summary}</p>
            <p className="muted">
              Current version {d.version}.{" "}
              {versions.map((v) => `v${v.version}: ${v.measured} measured${v.demo ? `, ${v.demo} demo` : ""}`).join(" · ")}
              {d.comparableWithPaper ? "" : ` · ${NOT_COMPARABLE}.`}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
