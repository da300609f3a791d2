import { describe, expect, it } from "vitest";
import { parseProgress } from "./run-evaluation";

describe("parseProgress", () => {
  it("reads the CLI's progress lines", () => {
    expect(parseProgress("evaluate  12/50 images")).toEqual({ done: 12, total: 50 });
    expect(parseProgress("evaluate 50 / 50")).toEqual({ done: 50, total: 50 });
  });

  it("ignores look-alikes the site would refuse as a heartbeat (done > total, total 0), which would stop the job", () => {
    expect(parseProgress("started 2026/12/02")).toBeNull();
    expect(parseProgress("3/0")).toBeNull();
    expect(parseProgress("no numbers here")).toBeNull();
  });
});
