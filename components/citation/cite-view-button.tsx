/**
 * "Cite this view": a plain form (works without JavaScript) that freezes the current view as a snapshot and
 * lands on its page; an identical earlier snapshot is reused, so citing twice gives the same id.
 */
type Props = {
  /** The view's URL query string, as leaderboardQueryToSearchParams writes it. */
  query: string;
};

export function CiteViewButton({ query }: Props) {
  return (
    <form method="post" action="/api/v1/snapshots" className="cite-view">
      <input type="hidden" name="query" value={query} />
      <button type="submit" className="button">
        Cite this view
      </button>
      <span className="muted"> Freezes this table and chart under a permanent, content-hashed link with BibTeX.</span>
    </form>
  );
}
