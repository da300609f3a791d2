import { describe, expect, it } from "vitest";
import type { BoardRecord } from "./columns";
import { diffBoardRecords } from "./compare";

const rec = (slug: string, rank: number, alignment: number, evaluationId: number, top1 = 0.7): BoardRecord => ({
  slug,
  display_name: slug.toUpperCase(),
  rank,
  alignment,
  top1,
  evaluation_id: evaluationId,
});

describe("diffBoardRecords", () => {
  it("finds added, removed, re-ranked and re-evaluated models", () => {
    const then = [rec("a", 1, 0.6, 1), rec("b", 2, 0.5, 2), rec("c", 3, 0.4, 3), rec("d", 4, 0.3, 4)];
    const now = [rec("e", 1, 0.9, 9), rec("a", 2, 0.6, 1), rec("c", 3, 0.45, 7), rec("d", 4, 0.3, 4)];
    const d = diffBoardRecords(then, now);
    expect(d.added.map((r) => r.slug)).toEqual(["e"]);
    expect(d.removed.map((r) => r.slug)).toEqual(["b"]);
    expect(d.unchanged).toBe(1);
    expect(d.changed).toEqual([
      {
        slug: "a",
        displayName: "A",
        then: { rank: 1, alignment: 0.6, top1: 0.7, evaluationId: 1 },
        now: { rank: 2, alignment: 0.6, top1: 0.7, evaluationId: 1 },
        rankDelta: -1,
        reevaluated: false,
      },
      {
        slug: "c",
        displayName: "C",
        then: { rank: 3, alignment: 0.4, top1: 0.7, evaluationId: 3 },
        now: { rank: 3, alignment: 0.45, top1: 0.7, evaluationId: 7 },
        rankDelta: 0,
        reevaluated: true,
      },
    ]);
  });

  it("reports nothing for an identical board", () => {
    const rows = [rec("a", 1, 0.6, 1), rec("b", 2, 0.5, 2)];
    expect(
      diffBoardRecords(
        rows,
        rows.map((r) => ({ ...r })),
      ),
    ).toEqual({ added: [], removed: [], changed: [], unchanged: 2 });
  });
});
