/** "← Back to the leaderboard": to the board the visitor came from (a validated `from`), else the page's own board. */
import Link from "next/link";

export function BackToBoard({ href }: { href: string }) {
  return (
    <p className="back-to-board">
      <Link href={href}>← Back to the leaderboard</Link>
    </p>
  );
}
