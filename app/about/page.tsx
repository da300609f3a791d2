// Route: /about — methodology, how to cite the paper, limitations.
import type { Metadata } from "next";
import Link from "next/link";
import { BENCHMARKS, DEFAULT_BENCHMARK_ID, getBenchmark } from "@/lib/benchmarks";
import { HARMONIZATION_PAPER } from "@/lib/benchmarks/citations";

export const metadata: Metadata = { title: "About, methodology and citation" };

export default function AboutPage() {
  const main = getBenchmark(DEFAULT_BENCHMARK_ID);
  return (
    <article>
      <h1>About this leaderboard</h1>
      <p className="lede">
        A public, reproducible leaderboard of how closely vision models&apos; visual strategies agree with humans&apos;, following{" "}
        <a href={HARMONIZATION_PAPER.url}>Fel et al. (NeurIPS 2022)</a>. The paper found that as ImageNet accuracy rose, models came to rely
        on different image features than people do, and that training with human importance maps (the &ldquo;harmonizer&rdquo;) reverses
        this without costing accuracy.
      </p>

      <h2 id="method">Methodology</h2>
      <p>
        For each model and each image of the ClickMe validation split, the site computes the gradient of the true class&apos;s logit with
        respect to the input (the saliency map) and compares it with the human ClickMe map by Spearman rank correlation. The mean
        correlation, divided by the human inter-rater ceiling ({main.ceiling}), is the model&apos;s <strong>alignment</strong>: 100% means
        as consistent with people as people are with each other. The exact protocol:
      </p>
      <ol className="protocol">
        {main.protocol.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p>
        Ranks come from the alignment; top-1 accuracy is shown beside it. Every number has a 95% bootstrap interval over images. Two models
        whose intervals overlap are shown as tied: the rank column gives the range of ranks the intervals admit. All benchmarks:{" "}
        {BENCHMARKS.map((b, i) => (
          <span key={b.id}>
            {i > 0 && ", "}
            <Link href={`/benchmarks/${b.id}`}>{b.title}</Link>
          </span>
        ))}
        .
      </p>

      <h2 id="cite">How to cite</h2>
      <p>If you use these results, cite the paper that defined the benchmark:</p>
      <p>{HARMONIZATION_PAPER.text}</p>
      <pre aria-label="BibTeX entry">
        <code>{HARMONIZATION_PAPER.bibtex}</code>
      </pre>

      <h2 id="limitations">Limitations</h2>
      <ul className="link-list">
        <li>
          Alignment is measured with one explainer (plain input gradients). Other attribution methods give other maps and other scores.
        </li>
        <li>
          ClickMe maps record where people found evidence under the game&apos;s rules, on ImageNet images; they are not eye-tracking and do
          not cover other datasets.
        </li>
        <li>The ceiling comes from the paper; on the synthetic benchmark it is only a shared scale, not a measured human agreement.</li>
        <li>
          Reference points on the chart are read off the paper&apos;s figure by eye: approximate, unranked, and never mixed with measured
          rows.
        </li>
        <li>
          Demo rows are generated placeholders, labelled as such on every page; they are not measurements of the models they are named
          after.
        </li>
        <li>
          Scores depend on the preprocessing each submitter declares; a wrong declaration gives a wrong score (see Harmonization issue #8).
        </li>
      </ul>
    </article>
  );
}
