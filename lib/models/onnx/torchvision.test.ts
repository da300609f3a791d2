/**
 * Forward matrix: the smallest model of each torchvision 0.14 classification family, exported at opsets 13 and 17
 * with random weights (BatchNorm calibrated on noise), run by the importer on tfjs wasm and by onnxruntime-node on
 * the same file and inputs; the logits must agree within compare-logits' tolerance (1e-3 of the largest logit), and
 * the input gradient must exist and be finite.
 * The large ones (export and run take a minute or more each on two cores) run only with ONNX_LARGE_MODELS=1.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { compareLogits } from "@/lib/models/ort/compare-logits";
import { openOrtSession, runOrtLogits } from "@/lib/models/ort/runtime";
import { initBackend } from "@/lib/tf/backend";
import { inputGradient } from "@/lib/tf/input-gradient";
import { loadOnnxForSaliency } from "./execute";
import { exportTorchvision, pseudoImages } from "./testing/torchvision-export";

const SMALL = ["resnet18", "mobilenet_v2", "mobilenet_v3_small", "squeezenet1_0", "shufflenet_v2_x0_5", "mnasnet0_5", "efficientnet_b0", "regnet_x_400mf", "googlenet", "alexnet"];
const LARGE = ["densenet121", "vgg11", "convnext_tiny", "swin_t", "vit_b_16", "efficientnet_v2_s", "inception_v3"];
const MODELS = process.env.ONNX_LARGE_MODELS === "1" ? [...SMALL, ...LARGE] : SMALL;
const OPSETS = [13, 17];
const N = 2;

/** |∂ logit 0 / ∂x| for one image: the gradient exists (tfjs has no gradient for some ops) and is finite. */
function gradientNorm(logits: (x: tf.Tensor4D) => tf.Tensor2D, image: Float32Array, size: number): number {
  return tf.tidy(() => {
    const g = inputGradient((t: tf.Tensor4D) => tf.sum(tf.slice(logits(t), [0, 0], [1, 1])) as tf.Scalar, tf.tensor4d(image, [1, size, size, 3]));
    return tf.norm(g).dataSync()[0];
  });
}

beforeAll(async () => {
  await initBackend("wasm");
});

describe.each(OPSETS)("torchvision at opset %i: importer vs onnxruntime", (opset) => {
  it.each(MODELS)("%s", async (name) => {
    const file = exportTorchvision(name, opset);
    const model = await loadOnnxForSaliency(file, { numClasses: 1000 });
    const session = await openOrtSession(file);
    try {
      expect(model.opset).toBe(opset);
      const images = pseudoImages(N, model.inputSize, opset * 100 + name.length);
      const ours = tf.tidy(() => model.logits(tf.tensor4d(images, [N, model.inputSize, model.inputSize, 3])).dataSync() as Float32Array);
      const theirs = await runOrtLogits(session, images, N, model.inputSize);
      const agreement = compareLogits(ours, theirs, N, model.numClasses);
      console.info(`[forward] ${name} opset ${opset}: max |Δ| ${agreement.max_abs_diff.toExponential(2)} of max |logit| ${agreement.max_abs_logit.toFixed(3)}`);
      expect(agreement, JSON.stringify(agreement)).toMatchObject({ passed: true, top1_agreement: 1 });
      // compareLogits floors its scale at 1, which is loose for random-weight logits of 0.03 (alexnet): relative to
      // the logits' own scale, float32 reordering measured ≤ 7e-6 (regnet), so 1e-4 keeps 10× headroom.
      expect(agreement.max_abs_logit).toBeGreaterThan(0);
      expect(agreement.max_abs_diff).toBeLessThan(1e-4 * agreement.max_abs_logit);
      // Its values are checked against PyTorch autograd in saliency.test.ts.
      const gradNorm = gradientNorm(model.logits, images.subarray(0, model.inputSize ** 2 * 3), model.inputSize);
      expect(Number.isFinite(gradNorm) && gradNorm > 0, `|g| = ${gradNorm}`).toBe(true);
    } finally {
      model.dispose();
      await session.release();
    }
  }, 600_000);
});
