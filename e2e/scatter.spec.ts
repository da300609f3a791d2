import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

test("a scatter point leads to its model page", async ({ page }) => {
  await page.goto("/");
  const figure = page.locator("figure.scatter-figure");
  const point = figure.getByRole("link", { name: /^VGG-16 harmonized \(demo\)/ });
  await expect(point).toHaveAttribute("href", "/models/demo-vgg16-harmonized");
  await point.click();
  await expect(page).toHaveURL(/\/models\/demo-vgg16-harmonized$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("VGG-16 harmonized (demo)");
});

test("hovering a point shows its card", async ({ page }) => {
  await page.goto("/");
  const point = page.locator("figure.scatter-figure").getByRole("link", { name: /^ResNet-50 \(demo\)/ });
  await point.hover();
  const card = page.locator(".hover-card");
  await expect(card).toContainText("ResNet-50 (demo)");
  await expect(card).toContainText(/Alignment\s*\d+\.\d% \[/);
});

test("the paper's reference layer and its arrows can be switched off", async ({ page }) => {
  await page.goto("/");
  const layer = page.getByRole("group", { name: "Paper reference points" });
  await expect(layer).toBeVisible();
  await expect(layer.getByRole("img")).toHaveCount(8);
  await page.getByRole("checkbox", { name: /Paper reference points/ }).uncheck();
  await expect(layer).toBeHidden();
  await page.getByRole("checkbox", { name: /Paper reference points/ }).check();
  await expect(layer).toBeVisible();
});

test("exports the chart as SVG with the points and the legend", async ({ page }) => {
  await page.goto("/");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
  expect(download.suggestedFilename()).toBe("clickme-accuracy-vs-alignment.svg");
  const svg = await readFile((await download.path())!, "utf8");
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).toContain("data-export-points");
  expect(svg).toContain("Pareto front");
  expect(svg).not.toContain("scatter-overlay");
});

test("zoom buttons rescale the axes", async ({ page }) => {
  await page.goto("/");
  const ticks = page.locator("svg.scatter-svg text").filter({ hasText: /%$/ });
  const before = await ticks.allTextContents();
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect.poll(async () => (await ticks.allTextContents()).join()).not.toBe(before.join());
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect.poll(async () => (await ticks.allTextContents()).join()).toBe(before.join());
});
