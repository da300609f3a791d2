/**
 * The count badge of a group of overlapping points, and the layer of badges. Colours are attributes (white
 * pill, currentColor text and edge) so an exported SVG keeps them; app/globals.css themes them on screen.
 */
import { POINT_RADIUS } from "@/lib/charts/marks";
import { applyZoom, type ZoomState } from "@/lib/charts/zoom";
import type { PointGroup } from "./point-groups";

const r2 = (n: number) => Math.round(n * 100) / 100;

/** A pill whose left end is at (x, y): wide enough for the count's digits. */
export function GroupBadge({ x, y, count }: { x: number; y: number; count: number }) {
  const label = count > 999 ? "999+" : String(count);
  const width = 7 + label.length * 5.6;
  return (
    <g className="scatter-group-badge">
      <rect x={r2(x)} y={r2(y - 6.5)} width={r2(width)} height={13} rx={6.5} fill="#ffffff" stroke="currentColor" strokeWidth={1} />
      <text x={r2(x + width / 2)} y={r2(y + 3.2)} textAnchor="middle" fontSize={9} fontWeight={700} fill="currentColor">
        {label}
      </text>
    </g>
  );
}

/** One badge up and to the right of each group's centroid, at `zoom` (the zoom the groups were formed at). */
export function GroupBadges({ groups, zoom }: { groups: readonly PointGroup[]; zoom: ZoomState }) {
  if (groups.length === 0) return null;
  return (
    <g className="scatter-groups" aria-hidden="true" pointerEvents="none">
      {groups.map((g) => {
        const [x, y] = applyZoom(zoom, g.px, g.py);
        return <GroupBadge key={g.key} x={x + POINT_RADIUS + 1} y={y - POINT_RADIUS - 3} count={g.members.length} />;
      })}
    </g>
  );
}
