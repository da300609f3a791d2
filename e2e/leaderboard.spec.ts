import { expect, test } from "@playwright/test";
import { boardTable, columnTexts, leadingPercent } from "./board-helpers";

test("opens the leaderboard with ranks, intervals and demo labels", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Which vision models see like humans?");
  await expect(page.getByRole("note", { name: "Demo data" })).toBeVisible();
  const rows = boardTable(page).locator("tbody tr");
  await expect(rows).toHaveCount(12);
  // Every seeded row is a demo row and carries its own badge.
  await expect(boardTable(page).locator("tbody tr .badge-demo")).toHaveCount(12);
  const alignment = await columnTexts(page, 5);
  for (const cell of alignment) expect(cell).toMatch(/^-?\d+\.\d% \[-?\d+\.\d, -?\d+\.\d\]$/);
  const ranks = (await columnTexts(page, 0)).map((r) => Number.parseInt(r, 10));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
});

test("sorts by a column through its header link, both ways", async ({ page }) => {
  await page.goto("/");
  await boardTable(page)
    .getByRole("link", { name: /^Top-1/ })
    .click();
  await expect(page).toHaveURL(/sort=top1/);
  const desc = (await columnTexts(page, 4)).map(leadingPercent);
  expect(desc).toEqual([...desc].sort((a, b) => b - a));
  await expect(boardTable(page).getByRole("columnheader", { name: /^Top-1/ })).toHaveAttribute("aria-sort", "descending");

  await boardTable(page)
    .getByRole("link", { name: /^Top-1/ })
    .click();
  await expect(page).toHaveURL(/sort=top1&dir=asc/);
  const asc = (await columnTexts(page, 4)).map(leadingPercent);
  expect(asc).toEqual([...desc].reverse());
});

test("filters by family and by text, keeping the filters in the URL", async ({ page }) => {
  await page.goto("/");
  const filters = page.getByRole("search", { name: "Filter the leaderboard" });
  await filters.getByRole("checkbox", { name: "ViT" }).check();
  await expect(page).toHaveURL(/family=ViT/);
  await expect(boardTable(page).locator("tbody tr")).toHaveCount(2);
  expect(new Set(await columnTexts(page, 2))).toEqual(new Set(["ViT"]));
  await expect(page.getByText("Showing 1–2 of 2 models matching the filters (12 on the board).")).toBeVisible();

  await page.goto("/");
  await filters.getByRole("searchbox", { name: "Search" }).fill("efficient");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  // The clean URL (the form's blank fields dropped by the page's redirect), not the form's first one.
  await expect(page).toHaveURL(/\/\?q=efficient$/);
  await expect(boardTable(page).locator("tbody tr")).toHaveCount(2);
  const names = await columnTexts(page, 1);
  expect(names.length).toBe(2);
  for (const n of names) expect(n).toMatch(/EfficientNet/);
});

test("pages through the board", async ({ page }) => {
  await page.goto("/?page_size=5");
  await expect(page.getByText("Showing 1–5 of 12 models.")).toBeVisible();
  const firstPage = (await columnTexts(page, 0)).map((r) => Number.parseInt(r, 10));
  const nav = page.getByRole("navigation", { name: "Pages of the leaderboard" });
  await nav.getByRole("link", { name: "Next ›" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText("Showing 6–10 of 12 models.")).toBeVisible();
  const secondPage = (await columnTexts(page, 0)).map((r) => Number.parseInt(r, 10));
  expect(Math.min(...secondPage)).toBeGreaterThanOrEqual(Math.max(...firstPage));
  await nav.getByRole("link", { name: "Last »" }).click();
  await expect(page.getByText("Showing 11–12 of 12 models.")).toBeVisible();
});

test("clamps a page past the end to the last page and says so", async ({ page }) => {
  await page.goto("/?page_size=5&page=99");
  // 12 rows at 5 a page: page 3 (rows 11–12), never "Showing 491–12 of 12".
  await expect(page.getByText("Showing 11–12 of 12 models.")).toBeVisible();
  await expect(page.getByText("There is no page 99: the board has 3 pages. Showing page 3.")).toBeVisible();
  await expect(boardTable(page).locator("tbody tr")).toHaveCount(2);
  const nav = page.getByRole("navigation", { name: "Pages of the leaderboard" });
  await expect(nav.getByText("Page 3 of 3")).toBeVisible();
  await expect(nav.locator("[aria-current=page]")).toHaveText("3");
  await nav.getByRole("link", { name: "‹ Previous" }).click();
  await expect(page).toHaveURL(/\/\?page=2&page_size=5$/);
  await expect(page.getByText("Showing 6–10 of 12 models.")).toBeVisible();
});

test("changes the page size through links kept in the URL", async ({ page }) => {
  await page.goto("/");
  const sizes = page.getByRole("navigation", { name: "Rows per page" });
  await expect(sizes.locator("[aria-current]")).toHaveText("25");
  await page.goto("/?page_size=5&page=3");
  await sizes.getByRole("link", { name: "50 rows per page" }).click();
  // Row 11 (the first on screen) is on page 1 at 50 a page: the page parameter goes.
  await expect(page).toHaveURL(/\/\?page_size=50$/);
  await expect(page.getByText("Showing 1–12 of 12 models.")).toBeVisible();
  await expect(sizes.locator("[aria-current]")).toHaveText("50");
  await sizes.getByRole("link", { name: "25 rows per page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("filter URLs carry no empty parameters", async ({ page }) => {
  await page.goto("/");
  const filters = page.getByRole("search", { name: "Filter the leaderboard" });
  await filters.getByRole("checkbox", { name: "ViT" }).check();
  await expect(page).toHaveURL(/\/\?family=ViT$/);
  await page.goto("/?q=&human_data=&params_min=&params_max=&family=ViT&page_size=");
  await expect(page).toHaveURL(/\/\?family=ViT$/);
  await expect(boardTable(page).locator("tbody tr")).toHaveCount(2);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the filter form gives a clean URL and search matches words in any order", async ({ page }) => {
    await page.goto("/");
    const filters = page.getByRole("search", { name: "Filter the leaderboard" });
    await filters.getByRole("searchbox", { name: "Search" }).fill("b16 VIT");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/\?q=b16\+VIT$/);
    const names = await columnTexts(page, 1);
    expect(names.length).toBe(2);
    for (const n of names) expect(n).toMatch(/ViT-B\/16/);
  });
});

test("ignores malformed filters and says which", async ({ page }) => {
  const response = await page.goto("/?params_min=lots&sort=bogus&human_data=maybe&benchmark=nope");
  expect(response?.status()).toBe(200);
  const notice = page.getByRole("status").filter({ hasText: "Some filters in the address were ignored" });
  await expect(notice).toBeVisible();
  for (const param of ["params_min", "sort", "human_data", "benchmark"]) {
    await expect(notice.getByText(param, { exact: true })).toBeVisible();
  }
  await expect(boardTable(page).locator("tbody tr")).toHaveCount(12);
});

test("answers unknown models and benchmarks with a 404 page that links onward", async ({ page }) => {
  for (const url of ["/models/no-such-model", "/benchmarks/no-such-benchmark"]) {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "The leaderboard" })).toHaveAttribute("href", "/");
  }
});

test("the site answers public reads through its front: rendered once, then from the response cache", async ({ request }) => {
  const url = "/api/v1/leaderboard?sort=top1&dir=desc";
  const first = await request.get(url);
  expect(first.status()).toBe(200);
  expect(["MISS", "HIT"]).toContain(first.headers()["x-cache"]);
  const second = await request.get(url);
  expect(second.headers()["x-cache"]).toBe("HIT");
  expect(second.headers().etag).toBe(first.headers().etag);
  expect(await second.json()).toEqual(await first.json());
  const notModified = await request.get(url, { headers: { "If-None-Match": first.headers().etag } });
  expect(notModified.status()).toBe(304);
});
