/** Says which URL parameters were malformed and ignored, so a bad link never silently shows the wrong board. */
import Link from "next/link";

export type IgnoredParam = { param: string; message: string };

export function IgnoredFilters({ errors, clearHref }: { errors: IgnoredParam[]; clearHref: string }) {
  if (errors.length === 0) return null;
  return (
    <div className="notice notice-warning" role="status">
      <strong>Some filters in the address were ignored:</strong>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.param}-${i}`}>
            <code>{e.param}</code>: {e.message}
          </li>
        ))}
      </ul>
      <Link href={clearHref}>Show the board without them</Link>
    </div>
  );
}
