import { mkdirSync } from "node:fs";
import { expect, test } from "@playwright/test";

const DIR = "artifacts/screenshots";
const SIZES = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 360, height: 780 },
];
const PAGES = [
  { name: "leaderboard", url: "/" },
  { name: "model", url: "/models/demo-resnet50-harmonized" },
  { name: "benchmark", url: "/benchmarks/clickme" },
  { name: "about", url: "/about" },
];

for (const size of SIZES) {
  for (const p of PAGES) {
    test(`${p.name} at ${size.width} px`, async ({ page }) => {
      mkdirSync(DIR, { recursive: true });
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(p.url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Nothing may push the page sideways: wide tables scroll inside their own region.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${DIR}/${p.name}-${size.name}-${size.width}.png`, fullPage: true });
    });
  }
}
