/** The paper's reference layer: each model's baseline → harmonized pair drawn as an arrow. */
export type ReferencePointInput = {
  model: string;
  variant: "baseline" | "harmonized";
  top1Pct: number;
  alignmentPct: number;
  source: string;
  approximate: boolean;
};

export type ReferenceArrow<T> = { model: string; from: T; to: T };

/** Pairs baseline and harmonized points of the same model name; a model missing either end gets no arrow. */
export function pairReferenceArrows<T extends Pick<ReferencePointInput, "model" | "variant">>(points: readonly T[]): ReferenceArrow<T>[] {
  const byModel = new Map<string, { baseline?: T; harmonized?: T }>();
  for (const p of points) {
    const entry = byModel.get(p.model) ?? {};
    if (entry[p.variant]) throw new Error(`Two '${p.variant}' reference points for model '${p.model}'.`);
    entry[p.variant] = p;
    byModel.set(p.model, entry);
  }
  const arrows: ReferenceArrow<T>[] = [];
  for (const [model, { baseline, harmonized }] of byModel) {
    if (baseline && harmonized) arrows.push({ model, from: baseline, to: harmonized });
  }
  return arrows.sort((a, b) => a.model.localeCompare(b.model));
}

/**
 * Pixel geometry of an arrow from (x1, y1) to (x2, y2), both ends pulled in by `inset` so the arrow does not
 * cover its markers, with a filled triangular head. Null when the ends are too close to draw one.
 */
export function arrowGeometry(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  inset = 6,
  head = 7,
): { line: [number, number, number, number]; head: string } | null {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy);
  if (len <= 2 * inset + head) return null;
  const ux = dx / len;
  const uy = dy / len;
  const sx = x1 + ux * inset;
  const sy = y1 + uy * inset;
  const tx = x2 - ux * inset;
  const ty = y2 - uy * inset;
  const bx = tx - ux * head;
  const by = ty - uy * head;
  const w = head * 0.45;
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    line: [r(sx), r(sy), r(bx), r(by)],
    head: `M${r(tx)},${r(ty)}L${r(bx - uy * w)},${r(by + ux * w)}L${r(bx + uy * w)},${r(by - ux * w)}Z`,
  };
}
