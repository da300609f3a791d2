import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { encodePng } from "@/lib/images/png";
import { decodeGreyPng, PngDecodeError } from "./png-grey";
import { centreCropBox, prepareStimulus, roundHalfEven, stimulusToRgb } from "./stimulus-image";

/** PIL writes the PNG (adaptive row filters) and, with the authors' im_crop_center, the crop the model sees. */
function pilStimulus(width: number, height: number, mode: "L" | "LA" | "RGB"): { png: Buffer; crop: number[] } {
  const py = `
import io, json, sys
import numpy as np
from PIL import Image
w, h = ${width}, ${height}
y, x = np.mgrid[0:h, 0:w]
grey = ((x * 7 + y * 13 + (x * y) % 17) % 256).astype(np.uint8)
img = Image.fromarray(grey, "L").convert("${mode}")
buf = io.BytesIO(); img.save(buf, format="PNG", optimize=True)
def im_crop_center(img, w, h):
    img_width, img_height = img.size
    left, right = (img_width - w) / 2, (img_width + w) / 2
    top, bottom = (img_height - h) / 2, (img_height + h) / 2
    left, top = round(max(0, left)), round(max(0, top))
    right, bottom = round(min(img_width - 0, right)), round(min(img_height - 0, bottom))
    return img.crop((left, top, right, bottom))
crop = np.array(im_crop_center(Image.open(io.BytesIO(buf.getvalue())).convert("L"), 224, 224))
sys.stdout.write(json.dumps({"png": buf.getvalue().hex(), "crop": crop.flatten().tolist()}))`;
  const out = JSON.parse(execFileSync("/usr/bin/python3", ["-c", py], { maxBuffer: 1 << 26 }).toString());
  return { png: Buffer.from(out.png, "hex"), crop: out.crop };
}

describe("stimulus PNGs", () => {
  it("decode PIL's greyscale, grey+alpha and grey-RGB PNGs and centre-crop exactly as im_crop_center does", () => {
    for (const [w, h, mode] of [
      [256, 256, "L"],
      [227, 301, "LA"],
      [225, 224, "RGB"],
      [320, 240, "L"],
    ] as const) {
      const { png, crop } = pilStimulus(w, h, mode);
      const img = decodeGreyPng(png, `${w}x${h} ${mode}`);
      expect([img.width, img.height]).toEqual([w, h]);
      const rgb = stimulusToRgb(img);
      const red = Array.from({ length: 224 * 224 }, (_, i) => rgb[i * 3]);
      expect(red, `${w}x${h} ${mode}`).toEqual(crop);
      for (let i = 0; i < 224 * 224; i += 997) expect([rgb[i * 3 + 1], rgb[i * 3 + 2]]).toEqual([rgb[i * 3], rgb[i * 3]]);
    }
  });

  it("rounds crop edges half to even, like Python's round", () => {
    expect([0.5, 1.5, 2.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 2, 3]);
    expect(centreCropBox(225, 227)).toEqual({ left: 0, top: 2 });
    expect(() => centreCropBox(200, 300)).toThrow("the stimulus is 200×300; the protocol crops 224×224 from its centre without resizing");
  });

  it("applies the model's preprocessing after the crop", () => {
    const data = new Uint8Array(224 * 224).fill(51);
    const x = prepareStimulus(
      { width: 224, height: 224, data },
      { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
    );
    expect(x[0]).toBeCloseTo((0.2 - 0.485) / 0.229, 5);
    expect(x[1]).toBeCloseTo((0.2 - 0.456) / 0.224, 5);
    expect(x[2]).toBeCloseTo((0.2 - 0.406) / 0.225, 5);
  });

  it("refuses colour pixels, other bit depths and corrupt files with the reason", () => {
    const rgb = new Uint8Array(4 * 4 * 3).fill(9);
    rgb[5] = 200;
    expect(() => decodeGreyPng(encodePng(rgb, 4, 4, 3), "c.png")).toThrow("c.png has colour pixels (the first at x=1, y=0)");
    const grey = encodePng(new Uint8Array(16).fill(3), 4, 4, 1);
    expect(decodeGreyPng(grey).data).toEqual(new Uint8Array(16).fill(3));
    const bad = Buffer.from(grey);
    bad[bad.length - 20] ^= 0xff;
    expect(() => decodeGreyPng(bad, "b.png")).toThrow(PngDecodeError);
    expect(() => decodeGreyPng(Buffer.from("GIF89a"), "g")).toThrow("g is not a PNG file");
  });
});
