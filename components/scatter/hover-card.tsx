/** The card beside a hovered or focused point. Decorative for screen readers: the point's link label says the same. */
import type { PlacedPoint } from "@/lib/charts/scatter-model";
import { formatWithCi } from "@/components/format";
import { METRICS } from "@/lib/metrics/registry";

export function HoverCard({ point, left, top }: { point: PlacedPoint; left: number; top: number }) {
  return (
    <div className="hover-card" style={{ left, top }} aria-hidden="true">
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
    </div>
  );
}
