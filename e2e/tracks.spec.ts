// Tracks against each other and the comparison page (issue #13 item 4), on the embedded default's seeded board:
// the axes live in the URL, every plotted point is a row of the table, and a comparison is linkable and citable.
import { expect, test } from "@playwright/test";

test("two tracks at a time, then a comparison of the plotted models across every track", async ({ page }) => {
  await page.goto("/tracks");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("also aligned on");
  const options = await page.getByLabel("Horizontal axis").locator("option").allTextContents();
  expect(options.length).toBeGreaterThanOrEqual(4);

  await page.getByLabel("Horizontal axis").selectOption("clickme:top1");
  await page.getByLabel("Vertical axis").selectOption("clickme:alignment");
  await page.getByRole("button", { name: "Plot" }).click();
  await expect(page).toHaveURL(/[?&]x=clickme%3Atop1&y=clickme%3Aalignment$/);
  const rows = page.getByRole("table", { name: "The plotted models" }).locator("tbody tr");
  const n = await rows.count();
  expect(n).toBeGreaterThanOrEqual(2);
  await expect(page.locator("svg.tracks-scatter .track-point")).toHaveCount(n);
  await expect(page.getByText(/Spearman's ρ across the \d+ models/)).toBeVisible();

  // An unknown axis falls back to the default and says so.
  await page.goto("/tracks?x=nope:nothing");
  await expect(page.getByText("Unknown axis 'nope:nothing'")).toBeVisible();

  await page.goto("/tracks?x=clickme:top1&y=clickme:alignment");
  await page.getByRole("link", { name: "comparison page" }).click();
  await expect(page).toHaveURL(/\/compare\?models=[a-z0-9-]+(,[a-z0-9-]+)+$/);
  const models = await page.getByRole("heading", { level: 2, name: "Models" }).locator("..").getByRole("listitem").count();
  expect(models).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole("heading", { level: 2, name: /ClickMe/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Cite this comparison" })).toBeVisible();
  await expect(page.locator(".citation-text").first()).toContainText("result ");

  // Remove one model; add it back through the search.
  const first = page.getByRole("link", { name: /^Remove / }).first();
  const name = (await first.getAttribute("aria-label"))!.replace(/^Remove /, "");
  await first.click();
  await expect(page.getByRole("link", { name: `Remove ${name}` })).toHaveCount(0);
  await page.getByLabel("Add a model (name or id)").fill(name.split(/\s+/)[0]);
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByRole("link", { name: `Add ${name}` }).click();
  await expect(page.getByRole("link", { name: `Remove ${name}` })).toBeVisible();
});
