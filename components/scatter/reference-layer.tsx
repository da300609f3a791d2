/**
 * The paper's reference points (read off its figure, approximate) and the baseline → harmonized arrows. Each
 * point is focusable (it has no page to link to) and, with JavaScript, shows its card with its source.
 */
import { arrowGeometry } from "@/lib/charts/arrows";
import { markPath, REFERENCE_RADIUS } from "@/lib/charts/marks";
import { SCATTER_COLOURS } from "@/lib/charts/palette";
import type { PlacedReference, ScatterModel } from "@/lib/charts/scatter-model";
import { applyZoom, type ZoomState } from "@/lib/charts/zoom";
import { FocusRing } from "./point-marks";

const pct = (v: number) => `${v.toFixed(1)}%`;

export function referenceLabel(r: PlacedReference): string {
  const approx = r.approximate ? ", approximate (read off the paper's figure)" : "";
  const source = r.source ? `. Source: ${r.source}` : "";
  return `Paper reference: ${r.model} ${r.variant}${approx}: top-1 ${pct(r.top1Pct)}, alignment ${pct(r.alignmentPct)}${source}`;
}

export const referenceKey = (r: Pick<PlacedReference, "model" | "variant">) => `${r.model}-${r.variant}`;

type Props = { model: ScatterModel; zoom: ZoomState; onFocusReference?: (r: PlacedReference | null) => void };

export function ReferenceLayer({ model, zoom, onFocusReference }: Props) {
  if (model.reference.length === 0) return null;
  const colour = SCATTER_COLOURS.reference;
  return (
    <>
      <g className="ref-arrows" stroke={colour} fill={colour} aria-hidden="true">
        {model.arrows.map((a) => {
          const [x1, y1] = applyZoom(zoom, a.from.px, a.from.py);
          const [x2, y2] = applyZoom(zoom, a.to.px, a.to.py);
          const g = arrowGeometry(x1, y1, x2, y2, REFERENCE_RADIUS + 2, 7);
          if (!g) return null;
          return (
            <g key={a.model}>
              <line x1={g.line[0]} y1={g.line[1]} x2={g.line[2]} y2={g.line[3]} strokeWidth={1.5} />
              <path d={g.head} stroke="none" />
            </g>
          );
        })}
      </g>
      <g className="ref-layer" role="group" aria-label="Paper reference points">
        {model.reference.map((r) => {
          const [x, y] = applyZoom(zoom, r.px, r.py);
          return (
            <g
              key={referenceKey(r)}
              className="scatter-ref"
              role="img"
              tabIndex={0}
              aria-label={referenceLabel(r)}
              data-ref={referenceKey(r)}
              onFocus={onFocusReference ? () => onFocusReference(r) : undefined}
              onBlur={onFocusReference ? () => onFocusReference(null) : undefined}
            >
              <path
                d={markPath("diamond", x, y, REFERENCE_RADIUS)}
                fill={r.variant === "harmonized" ? colour : "none"}
                stroke={colour}
                strokeWidth={1.5}
              />
              {r.variant === "baseline" && (
                <text x={x + 8} y={y + 4} fontSize={11} fill="currentColor" aria-hidden="true">
                  {r.model}
                </text>
              )}
              <FocusRing x={x} y={y} r={REFERENCE_RADIUS} />
            </g>
          );
        })}
      </g>
    </>
  );
}
