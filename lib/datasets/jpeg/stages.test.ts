import { describe, expect, it } from "vitest";
import { yccToRgb } from "./color";
import { idctBlock, makeIdctWorkspace, makeIfastTable } from "./idct-ifast";
import { upsample } from "./upsample";

describe("IFAST IDCT (hand-computed)", () => {
  it("IFAST multipliers are round(q * aanscale / 4096)", () => {
    const t = makeIfastTable(new Uint16Array(64).fill(16));
    expect(t[0]).toBe(64); // 16 * 16384 / 4096
    expect(t[1]).toBe(89); // 16 * 22725 / 4096 = 88.77
    expect(t[63]).toBe(5); // 16 * 1247 / 4096 = 4.87
  });

  it("a DC-only block is flat at floor(DC * q / 8) + 128, saturated", () => {
    const table = makeIfastTable(new Uint16Array(64).fill(16));
    const out = new Uint8Array(64);
    const coefs = new Int16Array(64);
    for (const [dc, want] of [
      [10, 148],
      [-3, 122],
      [-100, 0],
      [200, 255],
    ]) {
      coefs[0] = dc;
      idctBlock(coefs, 0, table, out, 0, 8, makeIdctWorkspace());
      expect(new Set(out)).toEqual(new Set([want]));
    }
  });

  it("one AC coefficient gives the AAN cosine ramp with truncating shifts", () => {
    // coef[0][1] = 8 with q = 1: multiplier round(22725/4096) = 6, so pass 1 puts 48 in row 0 column 1;
    // pass 2 then evaluates the odd part per row: z11 = z12 = 48, tmp7 = 48, tmp11 = 67,
    // z5 = (48*473)>>8 = 88, tmp10 = ((48*277)>>8) - 88 = -37, tmp12 = 88, tmp6 = 40, tmp5 = 27, tmp4 = -10;
    // outputs (tmp ± …) >> 5 + 128 for row 0: [48, 40, 27, 10, -10, -27, -40, -48] >> 5.
    const table = makeIfastTable(new Uint16Array(64).fill(1));
    const coefs = new Int16Array(64);
    coefs[1] = 8;
    const out = new Uint8Array(64);
    idctBlock(coefs, 0, table, out, 0, 8, makeIdctWorkspace());
    const row = [48, 40, 27, 10, -10, -27, -40, -48].map((v) => (v >> 5) + 128);
    for (let r = 0; r < 8; r++) expect([...out.subarray(r * 8, r * 8 + 8)]).toEqual(row);
  });
});

describe("fancy upsampling (hand-computed)", () => {
  it("h2v1: 3/4 nearer + 1/4 further with alternating +1/+2 bias, edges copied", () => {
    const p = upsample({ data: new Uint8Array([0, 100, 200]), width: 3, height: 1, stride: 3 }, 2, 1);
    // (0*3+100+2)>>2 = 25, (300+0+1)>>2 = 75, (300+200+2)>>2 = 125, (600+100+1)>>2 = 175
    expect([...p.data]).toEqual([0, 25, 75, 125, 175, 200]);
  });

  it("h2v2: 9/3/3/1 weights with biases 8 and 7, top and bottom rows replicated", () => {
    const p = upsample({ data: new Uint8Array([0, 0, 160, 160, 80, 80, 80, 80, 0]), width: 3, height: 3, stride: 3 }, 2, 2);
    expect(p.width).toBe(6);
    // Output row 0 pairs input row 0 with itself: column sums 0, 0, 640 → (0*4+8)>>4=0, (0+0+7)>>4=0,
    // (0*3+0+8)>>4=0, (0*3+640+7)>>4=40, (640*3+0+8)>>4=120, (640*4+7)>>4=160.
    expect([...p.data.subarray(0, 6)]).toEqual([0, 0, 0, 40, 120, 160]);
  });

  it("h1v2: biases 1 (above) and 2 (below)", () => {
    const p = upsample({ data: new Uint8Array([10, 20, 30]), width: 1, height: 3, stride: 1 }, 1, 2);
    // row 2i: (3*x[i] + x[i-1] + 1) >> 2, row 2i+1: (3*x[i] + x[i+1] + 2) >> 2; e.g. (60+10+1)>>2 = 17
    expect([...p.data]).toEqual([10, 13, 17, 23, 27, 30]);
  });
});

describe("YCbCr → RGB (jdcolor.c tables)", () => {
  it("matches hand-rounded BT.601 values", () => {
    const out = new Uint8Array(9);
    const plane = (v: number[]) => ({ data: new Uint8Array(v), stride: 3 });
    yccToRgb(plane([128, 0, 255]), plane([128, 255, 0]), plane([128, 128, 255]), 3, 1, out);
    // grey stays grey; Y=0 Cb=255: B = round(1.772*127) = 225, G = floor(-0.34414*127 + 0.5) clamps to 0;
    // Y=255 Cr=255: R clamps, G = 255 + ((-0.34414*-128 - 0.71414*127) * 65536 + 32768 >> 16) = 255 - 47 = 208.
    expect([...out]).toEqual([128, 128, 128, 0, 0, 225, 255, 208, 28]);
  });
});
