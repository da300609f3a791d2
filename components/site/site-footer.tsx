/** Site footer: where the method comes from and how to cite it. */
import Link from "next/link";
import { HARMONIZATION_PAPER } from "@/lib/benchmarks/citations";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>
          Alignment follows the protocol of Fel, Felipe, Linsley &amp; Serre,{" "}
          <a href={HARMONIZATION_PAPER.url}>
            <cite>Harmonizing the object recognition strategies of deep neural networks with humans</cite>
          </a>{" "}
          (NeurIPS 2022). <Link href="/about#cite">How to cite</Link> · <Link href="/about#limitations">Limitations</Link> ·{" "}
          <a href="/api/v1/leaderboard">JSON API</a> · <Link href="/docs/pytorch">Submit a PyTorch model</Link>
        </p>
      </div>
    </footer>
  );
}
