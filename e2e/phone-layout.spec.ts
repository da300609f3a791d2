// At 360×780 (a small phone) no page scrolls sideways (a wide table or code block scrolls inside its own box), the
// board keeps its score column in view, and every button, field and check box label is a touch target ≥ 44 px tall.
import { expect, test, type Page } from "@playwright/test";
import { freshEmail, signUpByApi } from "./account-helpers";
import { boardTable } from "./board-helpers";

test.use({ viewport: { width: 360, height: 780 } });

const MIN_TARGET_PX = 44;

/** The page has no horizontal overflow; on failure, the elements sticking out name the culprit. */
async function expectNoSidewaysScroll(page: Page) {
  const result = await page.evaluate(() => {
    const root = document.scrollingElement!;
    const width = root.clientWidth;
    const scrolls = (el: Element) => {
      const s = getComputedStyle(el);
      return s.overflowX === "auto" || s.overflowX === "scroll" || s.overflowX === "hidden";
    };
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true;
      return false;
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}` +
      ` (right ${Math.round(el.getBoundingClientRect().right)} px): ${(el.textContent ?? "").trim().slice(0, 60)}`;
    const sticking = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !inScroller(el))
      // The innermost culprits: drop an element whose child also sticks out.
      .filter((el, _, all) => !all.some((other) => other !== el && el.contains(other)))
      .slice(0, 8)
      .map(describe);
    return { scrollWidth: root.scrollWidth, clientWidth: width, sticking };
  });
  expect(result.sticking, "elements wider than the phone's screen").toEqual([]);
  expect(result.scrollWidth).toBeLessThanOrEqual(result.clientWidth);
}

/** Every visible button, field and select, and the label of every check box and radio button, is ≥ 44 px tall. */
async function expectTouchTargets(page: Page) {
  const small = await page.evaluate((min) => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      if (el.closest(".visually-hidden, [hidden]")) return false;
      return getComputedStyle(el).visibility !== "hidden";
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("button, input, select, textarea")) {
      if (el instanceof HTMLInputElement && el.type === "hidden") continue;
      const isCheck = el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio");
      const target = isCheck ? (el.closest("label") ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null) ?? el) : el;
      if (!visible(target)) continue;
      const h = target.getBoundingClientRect().height;
      if (h + 0.5 < min) {
        const name = (target.textContent ?? "").trim().slice(0, 40) || el.getAttribute("name") || el.getAttribute("aria-label") || "";
        out.push(
          `${target.tagName.toLowerCase()}${isCheck ? ` (${(el as HTMLInputElement).type})` : el instanceof HTMLInputElement ? ` [${el.type}]` : ""} "${name}": ${h.toFixed(1)} px`,
        );
      }
    }
    return out;
  }, MIN_TARGET_PX);
  expect(small, `touch targets under ${MIN_TARGET_PX} px`).toEqual([]);
}

async function expectPhoneLayout(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectTouchTargets(page);
}

/** The board's ranked score column (header and rows) lies on screen without scrolling the table. */
async function expectScoreColumnOnScreen(page: Page) {
  const table = boardTable(page);
  const header = table.locator("thead th").filter({ hasText: /\[95% CI\]/ });
  await expect(header).toBeVisible();
  const cells = table.locator("tbody td.alignment-cell");
  expect(await cells.count()).toBeGreaterThan(0);
  // The model's name stays too. (Boxes are in page coordinates: the table is below the fold, but never off to the side.)
  const names = table.locator("tbody th.model-cell");
  const boxes = [header, cells.first(), cells.last(), names.first(), names.last()].map((l) => l.boundingBox());
  for (const box of await Promise.all(boxes)) {
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  }
}

test("the board fits a phone and keeps the score column in view", async ({ page }) => {
  await expectPhoneLayout(page, "/");
  await expectScoreColumnOnScreen(page);
  // A filtered, paged view (the notices, the page links) fits too.
  await expectPhoneLayout(page, "/?page_size=5&page=99&q=resnet");
});

test("a benchmark's own board fits a phone and keeps the score column in view", async ({ page }) => {
  await expectPhoneLayout(page, "/benchmarks/clickme");
  await expectScoreColumnOnScreen(page);
});

for (const url of [
  "/benchmarks",
  "/about",
  "/docs/api",
  "/docs/pytorch",
  "/signin",
  "/signup",
  "/models/demo-vgg16",
  "/tracks",
  "/tracks?x=clickme:top1&y=clickme:alignment",
  "/compare?models=demo-vgg16,demo-resnet50",
]) {
  test(`${url} fits a phone`, async ({ page }) => {
    await expectPhoneLayout(page, url);
  });
}

test("a result page fits a phone", async ({ page }) => {
  const model = await (await page.request.get("/api/v1/models/demo-vgg16")).json();
  const id = model.evaluations[0].id;
  await expectPhoneLayout(page, `/results/${id}`);
});

test("a snapshot and the snapshot list fit a phone", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Cite this view" }).click();
  await expect(page).toHaveURL(/\/snapshots\/[0-9a-f]+/);
  await expectPhoneLayout(page, page.url());
  await expectPhoneLayout(page, "/snapshots");
});

test.describe("signed in", () => {
  test.beforeEach(async ({ page, baseURL }) => {
    await signUpByApi(page.request, baseURL!, freshEmail("phone"));
  });

  test("/submit fits a phone", async ({ page }) => {
    await expectPhoneLayout(page, "/submit");
    // With the custom preprocessing fields open, and with the errors of an empty submission shown.
    await page.getByLabel(/^Preprocessing/).selectOption("custom");
    await page.getByRole("button", { name: "Submit model" }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectTouchTargets(page);
  });

  test("/account fits a phone, with a token shown", async ({ page }) => {
    await expectPhoneLayout(page, "/account");
    await page.getByLabel("New token name").fill("phone");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByRole("status").locator("code")).toHaveText(/^hlp_/);
    await expectNoSidewaysScroll(page);
    await expectTouchTargets(page);
    await page.reload();
    await expectNoSidewaysScroll(page);
    await expectTouchTargets(page);
  });

  test("/submissions fits a phone", async ({ page }) => {
    await expectPhoneLayout(page, "/submissions");
  });
});
