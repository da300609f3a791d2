import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = ["/", "/?family=ViT&params_min=bad", "/models/demo-vgg16", "/benchmarks/clickme", "/benchmarks", "/about", "/models/missing"];

for (const url of PAGES) {
  test(`no serious or critical axe violations on ${url}`, async ({ page }) => {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join("; ")})`,
      ),
    ).toEqual([]);
  });
}

test("the keyboard reaches the content, sorts the table and opens a scatter point", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);

  // Tab forward until the Alignment sort link has focus, then follow it with Enter.
  const sortLink = page.getByRole("table").getByRole("link", { name: /^Alignment/ });
  for (let i = 0; i < 200 && !(await sortLink.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(sortLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=alignment/);

  // Shift+Tab back up into the chart: its point links are focusable and Enter opens the model page.
  const point = page.locator("figure.scatter-figure").getByRole("link").first();
  for (let i = 0; i < 200 && !(await point.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Shift+Tab");
  }
  await expect(point).toBeFocused();
  await expect(page.locator(".hover-card")).toBeVisible();
  const href = await point.getAttribute("href");
  await page.keyboard.press("Enter");
  // The link carries the sorted board as ?from=, so the href is matched literally.
  await expect(page).toHaveURL(new RegExp(`${href!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
});
