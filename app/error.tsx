"use client";
// Error boundary of every page (Next.js requires it to be a client component): a plain message, no details.
import Link from "next/link";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p className="lede">The page could not be shown. This is our fault, not yours; it has been logged.</p>
      <p>
        <button type="button" onClick={() => reset()}>
          Try again
        </button>{" "}
        or go back to <Link href="/">the leaderboard</Link>.
      </p>
    </>
  );
}
