import { expect, it } from "vitest";
import { decodeJpeg } from "./index";
import { readFixture } from "./test-helpers";

// Measured in CPU time so a busy machine does not fail it; the bound is ~5x what was measured (about 4.5 ms).
it("decodes a 256x256 q95 4:2:0 JPEG in a few ms of CPU", () => {
  const bytes = readFixture("photo-256-q95-420.jpg");
  for (let i = 0; i < 30; i++) decodeJpeg(bytes);
  const start = process.cpuUsage();
  const n = 50;
  for (let i = 0; i < n; i++) decodeJpeg(bytes);
  const used = process.cpuUsage(start);
  const msPerDecode = (used.user + used.system) / 1000 / n;
  console.log(`decodeJpeg 256x256 q95 4:2:0: ${msPerDecode.toFixed(2)} ms CPU per decode`);
  expect(msPerDecode).toBeLessThan(25);
});
