/** "Compare with now": what changed on a view between a snapshot and the live board, model by model. */
import type { BoardRecord } from "./columns";

export type RowChange = {
  slug: string;
  displayName: string;
  then: { rank: number; alignment: number | null; top1: number | null; evaluationId: number };
  now: { rank: number; alignment: number | null; top1: number | null; evaluationId: number };
  /** Positive: the model moved up (a smaller rank number). */
  rankDelta: number;
  /** True when the model's result itself was re-run (another evaluation id), not only re-ranked. */
  reevaluated: boolean;
};

export type SnapshotDiff = {
  added: BoardRecord[];
  removed: BoardRecord[];
  changed: RowChange[];
  unchanged: number;
};

const pick = (r: BoardRecord) => ({
  rank: r.rank as number,
  alignment: r.alignment as number | null,
  top1: r.top1 as number | null,
  evaluationId: r.evaluation_id as number,
});

export function diffBoardRecords(then: readonly BoardRecord[], now: readonly BoardRecord[]): SnapshotDiff {
  const before = new Map(then.map((r) => [r.slug as string, r]));
  const after = new Map(now.map((r) => [r.slug as string, r]));
  const added = now.filter((r) => !before.has(r.slug as string));
  const removed = then.filter((r) => !after.has(r.slug as string));
  const changed: RowChange[] = [];
  let unchanged = 0;
  for (const r of now) {
    const old = before.get(r.slug as string);
    if (!old) continue;
    const a = pick(old);
    const b = pick(r);
    if (a.rank === b.rank && a.alignment === b.alignment && a.top1 === b.top1 && a.evaluationId === b.evaluationId) {
      unchanged += 1;
      continue;
    }
    changed.push({
      slug: r.slug as string,
      displayName: r.display_name as string,
      then: a,
      now: b,
      rankDelta: a.rank - b.rank,
      reevaluated: a.evaluationId !== b.evaluationId,
    });
  }
  changed.sort((x, y) => Math.abs(y.rankDelta) - Math.abs(x.rankDelta) || x.now.rank - y.now.rank);
  return { added, removed, changed, unchanged };
}
