import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BoardsForClasses } from "./boards-for-classes";

// The submit form's hint under "Number of output classes", as the browser first renders it for each value.
const text = (value: string) => renderToStaticMarkup(<BoardsForClasses value={value} />).replace(/<[^>]+>/g, "");

describe("BoardsForClasses", () => {
  it("names the boards a model with N classes will be evaluated on, before upload", () => {
    expect(text("1000")).toBe(
      "A model with 1000 classes will be evaluated on: ClickMe human alignment (ImageNet-1k, v1), " +
        "Psychophysics (rapid categorisation) (ImageNet-1k (decision: animal 0–397 vs non-animal 398–999), v1).",
    );
    expect(text("4")).toBe(
      "A model with 4 classes will be evaluated on: Shortcut demo (synthetic) (4 synthetic shapes (circle, square, triangle, cross), v1), " +
        "Psychophysics stand-in (synthetic) (4 synthetic shapes (decision: circle, square vs triangle, cross), v1).",
    );
  });

  it("says when no board takes the count, and what the boards take when nothing is entered", () => {
    expect(text("7")).toBe(
      "No board takes 7 classes; the boards take 1000 (ClickMe human alignment; Psychophysics (rapid categorisation)), 10 (Synthetic ClickMe-format set), 4 (Shortcut demo (synthetic); Psychophysics stand-in (synthetic)).",
    );
    expect(text("")).toMatch(/^1000 for ImageNet classifiers\. Each board takes models of exactly its class count: 1000 \(ClickMe/);
  });
});
