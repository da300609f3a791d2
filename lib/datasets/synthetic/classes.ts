/**
 * The ten synthetic classes: five shapes × two colours, with label ids 0..9 (so numClasses = 10). Ids are
 * small on purpose: the synthetic track is for models trained on it, not for ImageNet classifiers.
 */
export const SHAPES = ["disc", "square", "triangle", "cross", "ring"] as const;
export type ShapeKind = (typeof SHAPES)[number];

export const COLOURS = {
  red: [205, 45, 40],
  blue: [40, 80, 210],
} as const satisfies Record<string, readonly [number, number, number]>;
export type ColourName = keyof typeof COLOURS;

export type SyntheticClass = { label: number; name: string; shape: ShapeKind; colour: ColourName };

export const SYNTHETIC_CLASSES: readonly SyntheticClass[] = (["red", "blue"] as const).flatMap((colour, ci) =>
  SHAPES.map((shape, si) => ({ label: ci * SHAPES.length + si, name: `${colour} ${shape}`, shape, colour })),
);

export const SYNTHETIC_NUM_CLASSES = SYNTHETIC_CLASSES.length;

export function syntheticClass(label: number): SyntheticClass {
  const c = SYNTHETIC_CLASSES[label];
  if (!c) throw new RangeError(`Unknown synthetic label ${label}: allowed 0..${SYNTHETIC_NUM_CLASSES - 1}`);
  return c;
}
