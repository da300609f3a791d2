import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";

/** The chart's toolbar is rendered once React has hydrated it: the URL is read and written from then on. */
async function openBoard(page: Page, query = "") {
  await page.goto(`/${query}`);
  await expect(page.getByRole("button", { name: "Zoom in" })).toBeVisible();
}

const ticks = (page: Page) => page.locator("svg.scatter-svg text").filter({ hasText: /%$/ });

test("layer toggles and zoom live in the URL, keep the board's parameters and survive a reload", async ({ page }) => {
  await openBoard(page, "?sort=alignment");
  const historyLength = await page.evaluate(() => history.length);
  const scrollBefore = await page.evaluate(() => window.scrollY);

  await page.getByRole("checkbox", { name: "Pareto front" }).uncheck();
  await expect(page).toHaveURL(/[?&]layers=models,reference,arrows(&|$)/);
  await expect(page.locator(".pareto-front")).toBeHidden();

  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(page).toHaveURL(/[?&]zoom=-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+(&|$)/);
  await expect(page).toHaveURL(/[?&]sort=alignment(&|$)/);
  expect(await page.evaluate(() => history.length)).toBe(historyLength); // replaced, not pushed
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
  const zoomedTicks = await ticks(page).allTextContents();

  await page.reload();
  await expect(page.getByRole("button", { name: "Zoom in" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Pareto front" })).not.toBeChecked();
  await expect(page.locator(".pareto-front")).toBeHidden();
  await expect.poll(async () => (await ticks(page).allTextContents()).join()).toBe(zoomedTicks.join());

  await page.getByRole("checkbox", { name: "Pareto front" }).check();
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(page).toHaveURL(/\/\?sort=alignment$/);
});

test("unreadable view parameters are ignored", async ({ page }) => {
  await openBoard(page);
  const defaultTicks = await ticks(page).allTextContents();
  await openBoard(page, "?layers=bogus&zoom=a,b,c,d&sort=alignment");
  for (const name of ["Models", "Pareto front", /Paper reference points/]) {
    await expect(page.getByRole("checkbox", { name })).toBeChecked();
  }
  expect((await ticks(page).allTextContents()).join()).toBe(defaultTicks.join());
  await expect(page.locator(".pareto-front")).toBeVisible();
});

test("a paper reference point takes keyboard focus, shows a ring and a card with its source", async ({ page }) => {
  await openBoard(page);
  const first = page.getByRole("group", { name: "Paper reference points" }).getByRole("img").first();
  // Tab from the last point link so the focus is a keyboard one (:focus-visible).
  const lastPoint = page.locator("figure.scatter-figure .scatter-point").last();
  await lastPoint.focus();
  for (let i = 0; i < 20 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(first).toBeFocused();
  const card = page.locator(".hover-card-reference");
  await expect(card).toBeVisible();
  await expect(card).toContainText("paper reference");
  await expect(card).toContainText(/Top-1\s*\d+\.\d%/);
  await expect(card).toContainText(/Source\s*Fel et al\. 2022/);
  const ring = await first.locator(".focus-ring-line").evaluate((el) => getComputedStyle(el).stroke);
  expect(ring).not.toBe("none");
});

test("the exported legend's items do not overlap as the browser draws them", async ({ page }) => {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await openBoard(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
    const svg = await readFile((await download.path())!, "utf8");
    const boxes = await page.evaluate((text) => {
      const host = document.createElement("div");
      host.innerHTML = text.replace(/^<\?xml[^>]*>/, "");
      document.body.appendChild(host);
      const root = host.querySelector("svg")!;
      const out = [...root.querySelectorAll<SVGGElement>(".scatter-svg-legend > g")].map((g) => {
        const b = g.getBBox();
        return { x: b.x, y: b.y, w: b.width, h: b.height, viewW: root.viewBox.baseVal.width, viewH: root.viewBox.baseVal.height };
      });
      host.remove();
      return out;
    }, svg);
    expect(boxes.length).toBeGreaterThan(3);
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      expect(a.x + a.w).toBeLessThanOrEqual(a.viewW);
      expect(a.y + a.h).toBeLessThanOrEqual(a.viewH);
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart, `legend items ${i} and ${boxes.indexOf(b)} overlap at ${width} px`).toBe(true);
      }
    }
  }
});
