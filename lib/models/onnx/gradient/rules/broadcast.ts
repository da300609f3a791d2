import type { RuleContext } from "./types";

/**
 * The adjoint of an operand that was broadcast to the output's shape: summed over the axes it was stretched along,
 * then reshaped to its own (runtime) shape. Shapes come from the probe, where the batch is 2 on both sides.
 */
export function unbroadcast(c: RuleContext, g: string, gShape: number[], operand: string): string {
  const x = c.shape(operand);
  const lead = gShape.length - x.length;
  const axes: number[] = [];
  for (let i = 0; i < gShape.length; i++) {
    if (i < lead || (x[i - lead] === 1 && gShape[i] !== 1)) axes.push(i);
  }
  if (axes.length === 0 && lead === 0) return g;
  const summed = axes.length ? c.em.reduce("ReduceSum", g, axes, true) : g;
  return c.em.reshapeLike(summed, operand);
}
