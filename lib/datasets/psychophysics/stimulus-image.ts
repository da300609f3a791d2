/**
 * The model's view of a stimulus (docs/protocol.md §6): centre-crop 224×224 without resizing, exactly as the authors'
 * im_crop_center (PIL crop at Python-rounded edges), grey replicated to RGB in [0, 255], then the model's own
 * preprocessing.
 */
import { applyModelPreprocessing, MODEL_SIZE, type Preprocessing } from "../preprocess";
import type { GreyImage } from "./png-grey";

/** Python 3's round(): halves go to the even neighbour (round(0.5) = 0, round(1.5) = 2). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** The crop box of im_crop_center(img, size, size); an image smaller than the crop is refused (PIL would pad it). */
export function centreCropBox(width: number, height: number, size = MODEL_SIZE): { left: number; top: number } {
  if (width < size || height < size)
    throw new RangeError(`the stimulus is ${width}×${height}; the protocol crops ${size}×${size} from its centre without resizing`);
  const left = roundHalfEven((width - size) / 2);
  const top = roundHalfEven((height - size) / 2);
  // Both edges round the same way when (width − size) is odd, so the box keeps its size; check rather than assume.
  const right = roundHalfEven((width + size) / 2);
  const bottom = roundHalfEven((height + size) / 2);
  if (right - left !== size || bottom - top !== size) throw new RangeError(`crop box of a ${width}×${height} image is not ${size}×${size}`);
  return { left, top };
}

/** 224×224×3 float32 in [0, 255] (HWC), grey copied into R, G and B. */
export function stimulusToRgb(img: GreyImage, size = MODEL_SIZE): Float32Array {
  const { left, top } = centreCropBox(img.width, img.height, size);
  const out = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = img.data[(top + y) * img.width + left + x];
      const o = (y * size + x) * 3;
      out[o] = out[o + 1] = out[o + 2] = v;
    }
  }
  return out;
}

export function prepareStimulus(img: GreyImage, preprocessing: Preprocessing): Float32Array {
  return applyModelPreprocessing(stimulusToRgb(img), preprocessing);
}
