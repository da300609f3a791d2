/** The paper's reference points (read off its figure, approximate) and the baseline → harmonized arrows. */
import { arrowGeometry } from "@/lib/charts/arrows";
import { markPath, REFERENCE_RADIUS } from "@/lib/charts/marks";
import { SCATTER_COLOURS } from "@/lib/charts/palette";
import type { PlacedReference, ScatterModel } from "@/lib/charts/scatter-model";
import { applyZoom, type ZoomState } from "@/lib/charts/zoom";

const pct = (v: number) => `${v.toFixed(1)}%`;

export function referenceLabel(r: PlacedReference): string {
  const approx = r.approximate ? ", approximate (read off the paper's figure)" : "";
  return `Paper reference: ${r.model} ${r.variant}${approx}: top-1 ${pct(r.top1Pct)}, alignment ${pct(r.alignmentPct)}`;
}

export function ReferenceLayer({ model, zoom }: { model: ScatterModel; zoom: ZoomState }) {
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
            <g key={`${r.model}-${r.variant}`} role="img" aria-label={referenceLabel(r)}>
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
            </g>
          );
        })}
      </g>
    </>
  );
}
