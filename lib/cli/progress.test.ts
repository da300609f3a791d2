import { describe, expect, it } from "vitest";
import { createProgress, formatBytes, formatDuration } from "./progress";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 100, writes, write: (s: string) => writes.push(s) };
}

describe("progress bar", () => {
  it("prints plain lines with rate and ETA when not a TTY, throttled", () => {
    let t = 0;
    const stream = fakeStream(false);
    const p = createProgress({ label: "gen", total: 100, stream, now: () => t, plainIntervalMs: 1000 });
    t = 500;
    p.update(10); // first draw
    t = 900;
    p.update(20); // throttled: 400 ms after the last line
    t = 2000;
    p.update(40);
    p.finish("done");
    expect(stream.writes).toEqual([
      "gen 10/100 10.0% 20 it/s ETA 00:05\n",
      "gen 40/100 40.0% 20 it/s ETA 00:03\n",
      "gen 40/100 40.0% 20 it/s ETA 00:03\n",
      "done\n",
    ]);
    expect(stream.writes.join("")).not.toContain("\r");
  });

  it("redraws one line with a bar on a TTY", () => {
    let t = 0;
    const stream = fakeStream(true);
    const p = createProgress({ label: "dl", total: 2048, unit: "bytes", stream, now: () => t });
    t = 1000;
    p.update(1024);
    p.finish();
    expect(stream.writes[0]).toMatch(/^\rdl \[#+-+\] 1\.0 KiB\/2\.0 KiB 50\.0% 1\.0 KiB\/s ETA 00:01\x1b\[K$/);
    expect(stream.writes.at(-1)).toBe("\n");
  });

  it("works without a total", () => {
    const stream = fakeStream(false);
    let t = 0;
    const p = createProgress({ label: "read", stream, now: () => t });
    t = 2000;
    p.tick(5);
    expect(stream.writes[0]).toBe("read 5 2.5 it/s\n");
  });

  it("formats bytes and durations", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.0 GiB");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatDuration(Infinity)).toBe("--:--");
  });
});
