/**
 * The card beside a hovered or focused mark: a model point, a group of overlapping points, or a paper
 * reference point. Decorative for screen readers while it only previews (each mark's label says the same); a
 * group's card that was opened with a click ("pinned") takes pointer events, and its member links are tabbable.
 */
import type { PlacedPoint, PlacedReference } from "@/lib/charts/scatter-model";
import { formatMetric, formatWithCi } from "@/components/format";
import { METRICS } from "@/lib/metrics/registry";
import type { PointGroup } from "./point-groups";
import { useModelHref } from "./model-href";

export type HoverTarget =
  | { kind: "point"; point: PlacedPoint }
  | { kind: "group"; group: PointGroup; active?: string }
  | { kind: "reference"; reference: PlacedReference };

/** Members listed in a group's card; the rest are counted (the table lists every model). */
export const GROUP_CARD_LIMIT = 12;

type Props = { target: HoverTarget; left: number; top?: number; bottom?: number; pinned?: boolean; onClose?: () => void };

export function HoverCard({ target, left, top, bottom, pinned = false, onClose }: Props) {
  const kind = `hover-card hover-card-${target.kind}${pinned ? " is-pinned" : ""}`;
  const a11y = pinned
    ? { role: "dialog", "aria-label": target.kind === "group" ? `${target.group.members.length} overlapping models` : undefined }
    : { "aria-hidden": true as const };
  return (
    <div className={kind} style={{ left, top, bottom }} {...a11y}>
      {target.kind === "point" && <PointCard point={target.point} />}
      {target.kind === "reference" && <ReferenceCard r={target.reference} />}
      {target.kind === "group" && <GroupCard group={target.group} active={target.active} pinned={pinned} />}
      {pinned && onClose && (
        <button type="button" className="hover-card-close" onClick={onClose} aria-label="Close">
          ×
        </button>
      )}
    </div>
  );
}

function PointCard({ point }: { point: PlacedPoint }) {
  return (
    <>
      <strong>{point.name}</strong>
      {point.isDemo && <span className="badge badge-demo">demo</span>}
      <dl>
        <dt>Family</dt>
        <dd>{point.family}</dd>
        <dt>{METRICS.top1.shortLabel}</dt>
        <dd>{formatWithCi("top1", point.top1, point.top1Ci)}</dd>
        <dt>{METRICS.alignment.shortLabel}</dt>
        <dd>{formatWithCi("alignment", point.alignment, point.alignmentCi)}</dd>
        {point.humanData && (
          <>
            <dt>Human maps</dt>
            <dd>trained on them</dd>
          </>
        )}
      </dl>
      <span className="hover-hint">Click to open the model page</span>
    </>
  );
}

function ReferenceCard({ r }: { r: PlacedReference }) {
  return (
    <>
      <strong>
        {r.model} {r.variant}
      </strong>
      <span className="badge">paper reference</span>
      <dl>
        <dt>{METRICS.top1.shortLabel}</dt>
        <dd>
          {formatMetric("top1", r.top1Pct / 100)}
          {r.approximate && " (approx.)"}
        </dd>
        <dt>{METRICS.alignment.shortLabel}</dt>
        <dd>
          {formatMetric("alignment", r.alignmentPct / 100)}
          {r.approximate && " (approx.)"}
        </dd>
        <dt>Source</dt>
        <dd className="hover-card-source">{r.source || "not given"}</dd>
      </dl>
      <span className="hover-hint">
        {r.approximate ? "Read off the paper's figure: approximate, not ranked." : "From the paper; not ranked."}
      </span>
    </>
  );
}

function GroupCard({ group, active, pinned }: { group: PointGroup; active?: string; pinned: boolean }) {
  const modelHref = useModelHref();
  const shown = group.members.slice(0, GROUP_CARD_LIMIT);
  const more = group.members.length - shown.length;
  return (
    <>
      <strong>{group.members.length} models overlap here</strong>
      <ul className="hover-card-members">
        {shown.map((m) => (
          <li key={m.slug} className={m.slug === active ? "is-active" : undefined}>
            <a href={modelHref(m.slug)} tabIndex={pinned ? undefined : -1}>
              {m.name}
            </a>
            {m.isDemo && <span className="badge badge-demo">demo</span>}{" "}
            <span className="hover-card-values">
              {formatMetric("top1", m.top1)} · {formatMetric("alignment", m.alignment)}
            </span>
          </li>
        ))}
      </ul>
      {more > 0 && <span className="hover-hint">and {more} more: the table lists every model.</span>}
      <span className="hover-hint">
        {pinned
          ? "Choose a model, or zoom in to separate the points."
          : active
            ? "Tab moves to the next of them; Enter opens the one in bold."
            : "Click to list them as links; zoom in to separate them."}
      </span>
    </>
  );
}
