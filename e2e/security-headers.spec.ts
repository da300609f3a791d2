// Security headers on pages, API reads and cached answers, and pages that still work under the policy.
import { expect, test } from "@playwright/test";

const EXPECTED = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

test("pages and API answers carry the CSP, anti-framing, nosniff and referrer headers (cache hits too)", async ({ request }) => {
  for (const url of ["/", "/", "/about", "/api/v1/leaderboard", "/api/v1/leaderboard"]) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    const h = res.headers();
    expect(h, url).toMatchObject(EXPECTED);
    expect(h["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], url).toContain("object-src 'none'");
  }
});

test("the board and its scatter run without a single CSP violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The hover card appears only once React has hydrated the chart: the inline bootstrapping scripts ran.
  // Focus may come before hydration, so refocus until the handler that shows the card is attached.
  const point = page.locator("figure.scatter-figure").getByRole("link").first();
  await expect(async () => {
    await point.blur();
    await point.focus();
    await expect(page.locator(".hover-card")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.goto("/about");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});
