/**
 * A label's class name, from the benchmark's own definition: the names a manifest benchmark lists, the class names of
 * a psychophysics track or the definition itself (the synthetic boards), the ImageNet-1k names for ImageNet boards (ClickMe), else "class N".
 */
import type { BenchmarkDefinition } from "@/lib/benchmarks";
import { IMAGENET_CLASS_NAMES } from "@/lib/benchmarks/imagenet-synsets";

type ClassSource = Pick<BenchmarkDefinition, "numClasses" | "classSpace" | "classNames" | "manifest" | "psychophysics">;

/** The names by label, or null where the benchmark names none. */
export function classNamesOf(def: ClassSource | undefined): readonly string[] | null {
  if (!def) return null;
  if (def.manifest?.classNames) return def.manifest.classNames;
  if (def.classNames) return def.classNames;
  const track = def.psychophysics?.classNames;
  if (Array.isArray(track)) return track;
  if (track === "imagenet-synsets" || (def.numClasses === 1000 && /^ImageNet-1k\b/.test(def.classSpace))) return IMAGENET_CLASS_NAMES;
  return null;
}

export function className(names: readonly string[] | null, label: number): string {
  return names?.[label] ?? `class ${label}`;
}
