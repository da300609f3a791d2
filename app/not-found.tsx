// Shown for unknown routes, models and benchmarks (HTTP 404), with links onward.
import Link from "next/link";
import { BENCHMARKS } from "@/lib/benchmarks";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="lede">There is no page at this address: the model or benchmark may have been renamed, hidden, or never existed.</p>
      <ul className="link-list">
        <li>
          <Link href="/">The leaderboard</Link>
        </li>
        <li>
          <Link href="/benchmarks">All benchmarks</Link>:{" "}
          {BENCHMARKS.map((b, i) => (
            <span key={b.id}>
              {i > 0 && ", "}
              <Link href={`/benchmarks/${b.id}`}>{b.title}</Link>
            </span>
          ))}
        </li>
        <li>
          <Link href="/about">About the method and how to cite it</Link>
        </li>
      </ul>
    </>
  );
}
