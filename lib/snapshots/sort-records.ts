/** Re-sorts a frozen view's rows in memory with the live board's own comparator, so both sort alike. */
import { searchTextOf, sortBoard, type BoardEntry } from "@/lib/leaderboard/board";
import type { SortDir, SortKey } from "@/lib/leaderboard/filters";
import type { BoardRecord } from "./columns";
import { recordToBoardRow } from "./content";

export function sortRecords(records: readonly BoardRecord[], sort: SortKey, dir: SortDir): BoardRecord[] {
  const byId = new Map(records.map((r) => [r.evaluation_id as number, r]));
  const entries: BoardEntry[] = records.map((r) => {
    const row = recordToBoardRow(r);
    return {
      ...row,
      evaluationId: r.evaluation_id as number,
      modelId: 0,
      fineTunedFromId: null,
      alignment: row.alignment ?? Number.NEGATIVE_INFINITY,
      nImages: r.n_images as number,
      nUndefined: r.n_undefined as number,
      searchText: searchTextOf(row),
    };
  });
  return sortBoard(entries, sort, dir).map((e) => byId.get(e.evaluationId)!);
}
