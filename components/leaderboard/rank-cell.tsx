/** A rank with its statistical tie: "3" plus "tied 1–3" when the 95% intervals admit a better rank. */
import type { BoardRow } from "./types";

export function RankCell({ row }: { row: Pick<BoardRow, "rank" | "rankBest" | "tied" | "tiedWith" | "isDemo"> }) {
  const range = row.rankBest < row.rank;
  const others = `${row.tiedWith} other ${row.tiedWith === 1 ? "model" : "models"}`;
  return (
    <span className="rank">
      <span className="rank-number">{row.rank}</span>
      {range ? (
        <span className="tie" title={`The 95% interval overlaps ${others}: any rank from ${row.rankBest} to ${row.rank} is plausible.`}>
          {" "}
          (tied {row.rankBest}–{row.rank})
        </span>
      ) : row.tied ? (
        <span className="tie" title={`The 95% interval overlaps ${others} ranked below.`}>
          {" "}
          <span aria-hidden="true">≈</span>
          <span className="visually-hidden">statistically tied with {others}</span>
        </span>
      ) : null}
      {row.isDemo && <span className="visually-hidden"> (demo ranking)</span>}
    </span>
  );
}
