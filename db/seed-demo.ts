/**
 * Demo models so a fresh site is not empty. Every one is labelled: slug `demo-…`, name "… (demo)", isDemo on
 * the model and its evaluations, owner "Demo data", no provenance, zero images. Their numbers come from a
 * seeded RNG around plausible ranges: they are not measurements and deliberately not the paper's values.
 */
import type { MetricScore, NewEvaluationRow, NewModelRow } from "./schema";
import { mulberry32 } from "@/lib/metrics/prng";

type DemoSpec = {
  key: string;
  name: string;
  family: string;
  params: number;
  parent?: string;
  onSynthetic?: boolean;
};

const SPECS: DemoSpec[] = [
  { key: "resnet50", name: "ResNet-50", family: "ResNet", params: 25_557_032, onSynthetic: true },
  { key: "resnet50-harmonized", name: "ResNet-50 harmonized", family: "ResNet", params: 25_557_032, parent: "resnet50", onSynthetic: true },
  { key: "vit-b16", name: "ViT-B/16", family: "ViT", params: 86_567_656 },
  { key: "vit-b16-harmonized", name: "ViT-B/16 harmonized", family: "ViT", params: 86_567_656, parent: "vit-b16" },
  { key: "vgg16", name: "VGG-16", family: "VGG", params: 138_357_544, onSynthetic: true },
  { key: "vgg16-harmonized", name: "VGG-16 harmonized", family: "VGG", params: 138_357_544, parent: "vgg16", onSynthetic: true },
  { key: "efficientnet-b0", name: "EfficientNet-B0", family: "EfficientNet", params: 5_330_571 },
  {
    key: "efficientnet-b0-harmonized",
    name: "EfficientNet-B0 harmonized",
    family: "EfficientNet",
    params: 5_330_571,
    parent: "efficientnet-b0",
  },
  { key: "convnext-tiny", name: "ConvNeXt-T", family: "ConvNeXt", params: 28_589_128 },
  { key: "mobilenet-v2", name: "MobileNetV2", family: "MobileNet", params: 3_538_984, onSynthetic: true },
  { key: "densenet121", name: "DenseNet-121", family: "DenseNet", params: 8_062_504 },
  { key: "inception-v3", name: "Inception-v3", family: "Inception", params: 23_851_784, onSynthetic: true },
];

/** A deterministic generator, so every seed run writes the same numbers. */
const rng = mulberry32;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const DEMO_DATE = new Date("2026-01-15T12:00:00Z");

export const demoSlug = (key: string) => `demo-${key}`;

export function demoModels(): (NewModelRow & { parentSlug: string | null })[] {
  return SPECS.map((s, i) => {
    const harmonized = s.parent !== undefined;
    return {
      slug: demoSlug(s.key),
      displayName: `${s.name} (demo)`,
      description:
        "Demo data: a placeholder so the site is not empty. Its scores are generated, not measured, and say " +
        "nothing about the real architecture.",
      ownerName: "Demo data",
      family: s.family,
      paramCount: s.params,
      // Not a trained model: naming a dataset would put "ImageNet" on the synthetic board, where these rows also stand.
      trainingData: harmonized ? "none (demo row, harmonized)" : "none (demo row)",
      trainedOnHumanMaps: harmonized,
      preprocessing: { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
      isDemo: true,
      parentSlug: s.parent ? demoSlug(s.parent) : null,
      createdAt: new Date(DEMO_DATE.getTime() + i * 86_400_000),
      updatedAt: new Date(DEMO_DATE.getTime() + i * 86_400_000),
    };
  });
}

type DemoEvaluation = Omit<NewEvaluationRow, "modelId"> & { slug: string };

export function demoEvaluations(): DemoEvaluation[] {
  const out: DemoEvaluation[] = [];
  for (const benchmarkId of ["clickme", "synthetic"]) {
    const next = rng(benchmarkId === "clickme" ? 20221 : 20222);
    for (const [i, s] of SPECS.entries()) {
      const draws = [next(), next(), next(), next()];
      if (benchmarkId === "synthetic" && !s.onSynthetic) continue;
      const harmonized = s.parent !== undefined;
      const alignment = round4(0.22 + 0.2 * draws[0] + (harmonized ? 0.2 + 0.1 * draws[1] : 0));
      const top1 = round4(0.64 + 0.16 * draws[2]);
      const aHalf = round4(0.008 + 0.02 * draws[3]);
      const tHalf = round4(0.004 + 0.006 * draws[1]);
      const score = (v: number, h: number): MetricScore => ({ value: v, ci95: [round4(v - h), round4(v + h)] });
      const date = new Date(DEMO_DATE.getTime() + (i + 20) * 86_400_000);
      out.push({
        slug: demoSlug(s.key),
        benchmarkId,
        benchmarkVersion: 1,
        isDemo: true,
        isCurrent: true,
        scores: { alignment: score(alignment, aHalf), top1: score(top1, tHalf) },
        alignment,
        alignmentLo: round4(alignment - aHalf),
        alignmentHi: round4(alignment + aHalf),
        top1,
        top1Lo: round4(top1 - tHalf),
        top1Hi: round4(top1 + tHalf),
        nImages: 0,
        nUndefined: 0,
        provenance: null,
        publishedAt: date,
        createdAt: date,
      });
    }
  }
  return out;
}
