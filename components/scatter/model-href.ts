import { createContext, useContext } from "react";
import { withBoardFrom } from "@/components/leaderboard/board-href";

/**
 * The board the scatter sits on (its path and filters), carried as `from` by every model link of the chart so that the
 * model page's back link returns to it, as the table's links do. null: the home board or not a board (a snapshot).
 */
export const ScatterBoardContext = createContext<string | null>(null);

export function modelHref(slug: string, from: string | null = null): string {
  return withBoardFrom(`/models/${encodeURIComponent(slug)}`, from);
}

/** modelHref with the board of the surrounding chart. */
export function useModelHref(): (slug: string) => string {
  const from = useContext(ScatterBoardContext);
  return (slug) => modelHref(slug, from);
}
