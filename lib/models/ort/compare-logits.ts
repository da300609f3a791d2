/**
 * Agreement of two float32 engines' logits on the same inputs. The tolerance is relative to the largest logit:
 * engines that sum in different orders differ by float32 rounding, which grows with depth but stays far below
 * 1e-3 of the logits' scale (measured on the torchvision models, docs/onnx.md), while a wrong layout, padding
 * or attribute moves logits by their own order of magnitude.
 */
export const LOGITS_RELATIVE_TOLERANCE = 1e-3;

export type LogitsAgreement = {
  images: number;
  max_abs_diff: number;
  max_abs_logit: number;
  tolerance: number;
  top1_agreement: number;
  passed: boolean;
};

function argmax(values: Float32Array | Float64Array, from: number, count: number): number {
  let best = 0;
  for (let k = 1; k < count; k++) if (values[from + k] > values[from + best]) best = k;
  return best;
}

/** Compares n rows of numClasses logits; NaN anywhere fails. */
export function compareLogits(ours: Float32Array, theirs: Float32Array | Float64Array, n: number, numClasses: number): LogitsAgreement {
  if (ours.length < n * numClasses || theirs.length < n * numClasses) {
    throw new Error(`logits hold ${ours.length} and ${theirs.length} values; expected ${n}·${numClasses}`);
  }
  let maxDiff = 0;
  let maxLogit = 0;
  let agree = 0;
  let finite = true;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < numClasses; k++) {
      const a = ours[i * numClasses + k];
      const b = theirs[i * numClasses + k];
      if (!Number.isFinite(a) || !Number.isFinite(b)) finite = false;
      maxDiff = Math.max(maxDiff, Math.abs(a - b));
      maxLogit = Math.max(maxLogit, Math.abs(b));
    }
    if (argmax(ours, i * numClasses, numClasses) === argmax(theirs, i * numClasses, numClasses)) agree++;
  }
  const tolerance = LOGITS_RELATIVE_TOLERANCE * Math.max(1, maxLogit);
  return {
    images: n,
    max_abs_diff: maxDiff,
    max_abs_logit: maxLogit,
    tolerance,
    top1_agreement: n === 0 ? 1 : agree / n,
    passed: finite && maxDiff <= tolerance,
  };
}

/** Merges the agreement of consecutive batches into one. */
export function mergeAgreements(a: LogitsAgreement | null, b: LogitsAgreement): LogitsAgreement {
  if (!a) return b;
  const images = a.images + b.images;
  const maxLogit = Math.max(a.max_abs_logit, b.max_abs_logit);
  const maxDiff = Math.max(a.max_abs_diff, b.max_abs_diff);
  const tolerance = LOGITS_RELATIVE_TOLERANCE * Math.max(1, maxLogit);
  return {
    images,
    max_abs_diff: maxDiff,
    max_abs_logit: maxLogit,
    tolerance,
    top1_agreement: (a.top1_agreement * a.images + b.top1_agreement * b.images) / images,
    passed: a.passed && b.passed && maxDiff <= tolerance,
  };
}
