/** Site header: the name, what it is, the main sections, and the account links (a client leaf). */
import Link from "next/link";
import { NavAccount } from "@/components/account/nav-account";

const NAV = [
  { href: "/", label: "Leaderboard" },
  { href: "/benchmarks", label: "Benchmarks" },
  { href: "/tracks", label: "Tracks" },
  { href: "/about", label: "About & citation" },
];

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◐
          </span>
          <span>
            <span className="brand-name">Harmonization Leaderboard</span>
            <span className="brand-tag">human-aligned vision models</span>
          </span>
        </Link>
        <nav aria-label="Main" className="site-nav">
          <ul className="nav-list">
            {NAV.map((n) => (
              <li key={n.href}>
                <Link href={n.href}>{n.label}</Link>
              </li>
            ))}
          </ul>
          <NavAccount />
        </nav>
      </div>
    </header>
  );
}
