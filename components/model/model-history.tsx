/** A model's dated history: display edits (field, from → to), withdrawals with their reason, reinstatements. */
import type { HistoryEntryView } from "./types";

const FIELD_LABELS: Record<string, string> = {
  name: "name",
  description: "description",
  paper_url: "paper link",
  code_url: "code link",
  weights_url: "weights link",
  licence: "licence",
};

const shown = (v: string | null) => (v === null || v === "" ? <em>empty</em> : <q>{v.length > 160 ? `${v.slice(0, 160)}…` : v}</q>);

function utc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function ModelHistory({ rows }: { rows: HistoryEntryView[] }) {
  if (rows.length === 0) return <p className="muted">No edits since submission.</p>;
  return (
    <ol className="history-list" data-testid="model-history">
      {rows.map((h) => {
        const by = h.actorRole === "owner" ? (h.actorName ?? "the owner") : "an admin";
        return (
          <li key={h.id}>
            <time dateTime={h.createdAt.toISOString()}>{utc(h.createdAt)}</time> — {by}{" "}
            {h.action === "edit" && (
              <>
                edited{" "}
                {h.changes.map((c, i) => (
                  <span key={c.field}>
                    {i > 0 && "; "}
                    {FIELD_LABELS[c.field] ?? c.field}: {shown(c.from)} → {shown(c.to)}
                  </span>
                ))}
              </>
            )}
            {h.action === "withdraw" && <>withdrew it from the boards: {shown(h.reason)}</>}
            {h.action === "reinstate" && <>reinstated it on the boards</>}
          </li>
        );
      })}
    </ol>
  );
}

/** The mark on every page of a withdrawn model: when, why. Its results stay readable and citable. */
export function WithdrawnBanner({ at, reason, what }: { at: Date; reason: string | null; what: string }) {
  return (
    <p className="notice" role="note" data-testid="withdrawn-banner">
      <strong>Withdrawn on {at.toISOString().slice(0, 10)}</strong>
      {reason ? <> — {reason}</> : null}. {what} is no longer on the live boards; earlier snapshots that cite it are unchanged.
    </p>
  );
}
