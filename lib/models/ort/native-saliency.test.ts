/**
 * The native engine (onnxruntime on the gradient graph) against PyTorch autograd in float64 on torchvision exports
 * (tools/onnx/torch_reference.py: random weights, BatchNorm calibrated on noise), image by image, with the same bound
 * as the tfjs importer's test (lib/models/onnx/saliency.test.ts): float32 rounding moves a pre-activation across a
 * ReLU boundary now and then, which costs MobileNetV2 up to 2e-3 in ρ; a wrong rule drops ρ to the level of another
 * image's map (the negative control).
 */
import { describe, expect, it } from "vitest";
import { spearman } from "@/lib/metrics/spearman";
import { compareLogits } from "./compare-logits";
import { loadNativeOnnxModel } from "./native-saliency";
import { torchReference } from "./testing/torch-reference";

const MIN_RHO = 0.999;
/** flipped:resnet18 sees the image mirrored with its channels reversed (torch.flip: a Slice with negative steps). */
const CI_CASES: [string, number][] = [["resnet18", 13], ["resnet18", 17], ["mobilenet_v2", 13], ["mobilenet_v2", 17], ["flipped:resnet18", 17]];
/** Every other family the importer's test covers, with ONNX_LARGE_MODELS=1 (their float64 references take minutes). */
const OTHERS = ["mobilenet_v3_small", "squeezenet1_0", "shufflenet_v2_x0_5", "mnasnet0_5", "efficientnet_b0", "regnet_x_400mf", "googlenet", "alexnet",
  "densenet121", "vgg11", "convnext_tiny", "swin_t", "vit_b_16", "efficientnet_v2_s", "inception_v3"];
const CASES = process.env.ONNX_LARGE_MODELS === "1" ? [...CI_CASES, ...OTHERS.map((m): [string, number] => [m, 17])] : CI_CASES;

describe("native engine: onnxruntime on the gradient graph vs PyTorch float64 autograd", () => {
  it.each(CASES)("%s at opset %i", async (name, opset) => {
    const ref = torchReference(name, { opset, images: 2 });
    const model = await loadNativeOnnxModel(ref.modelPath, { numClasses: ref.classes, threads: 2, provider: "cpu" });
    try {
      const { saliency, logits } = await model.computeSaliency(ref.inputs, ref.labels, ref.n);
      // The same session at another batch size (the batch dimension is free) gives each image the same map.
      const single = await model.computeSaliency(ref.inputs.subarray(0, ref.size * ref.size * 3), ref.labels.subarray(0, 1), 1);
      const plane = ref.size * ref.size;
      const map = (a: Float32Array | Float64Array, i: number) => a.subarray(i * plane, (i + 1) * plane);
      expect(spearman(single.saliency, map(saliency, 0))!).toBeGreaterThan(0.99999);
      // Forward only (psychophysics): onnxruntime runs just the nodes the logits need, and they are the same logits.
      const forward = await model.computeLogits!(ref.inputs, ref.n);
      expect(compareLogits(forward, logits, ref.n, ref.classes).max_abs_diff).toBeLessThan(1e-5 * Math.max(1, Math.max(...logits.map(Math.abs))));
      const agreement = compareLogits(logits, ref.logits, ref.n, ref.classes);
      expect(agreement, JSON.stringify(agreement)).toMatchObject({ passed: true, top1_agreement: 1 });
      const relative = name === "efficientnet_v2_s" ? 1e-3 : 1e-4;
      expect(agreement.max_abs_diff).toBeLessThan(relative * Math.max(1, agreement.max_abs_logit));
      const rhos = Array.from({ length: ref.n }, (_, i) => spearman(map(saliency, i), map(ref.saliency, i))!);
      const crossed = spearman(map(saliency, 0), map(ref.saliency, 1))!;
      console.info(`[native] ${name} opset ${opset}: rho ${rhos.map((r) => r.toFixed(6)).join(", ")}; other image's map ${crossed.toFixed(3)}`);
      for (const r of rhos) expect(r).toBeGreaterThanOrEqual(MIN_RHO);
      expect(crossed).toBeLessThan(0.9);
    } finally {
      model.dispose();
    }
  }, 600_000);
});
