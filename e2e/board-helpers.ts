import type { Locator, Page } from "@playwright/test";

/** The leaderboard table (its caption names the benchmark version). */
export function boardTable(page: Page): Locator {
  return page.getByRole("table").filter({ has: page.getByText(/Ranks are global/) });
}

/** The text of one column of the board's body rows. Columns: 0 rank, 1 model, 2 family, 3 params, 4 top-1, 5 alignment. */
export async function columnTexts(page: Page, index: number): Promise<string[]> {
  const rows = boardTable(page).locator("tbody tr");
  return rows.evaluateAll((trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement).innerText.trim()), index);
}

/** "61.5% [59.8, 63.1]" → 61.5 */
export const leadingPercent = (s: string) => Number(/^(-?\d+(?:\.\d+)?)%/.exec(s)?.[1] ?? Number.NaN);
