/** Normalisations in inference: BatchNorm is a per-channel scale; LayerNorm and InstanceNorm are recomputed from x. */
import { axisOf, dy0, floatAttr, intAttr, refuse, type Rule, type RuleContext } from "./types";

const batchNormalization: Rule = (c) => {
  if (intAttr(c, "training_mode", 0) === 1) refuse("BatchNormalization in training mode");
  if (c.node.inputs.slice(1).some((_, i) => c.needs(i + 1))) refuse("BatchNormalization parameters that depend on the image");
  const { em } = c;
  const [x, scale, , , variance] = c.node.inputs;
  const eps = floatAttr(c, "epsilon", 1e-5);
  const k = em.op("Div", [scale, em.op("Sqrt", [em.op("Add", [variance, em.floats([eps])])])]);
  const rank = c.shape(x).length;
  const perChannel = em.op("Reshape", [k, em.ints([-1, ...new Array(rank - 2).fill(1)])]);
  return [em.op("Mul", [dy0(c), perChannel]), null, null, null, null];
};

/**
 * y = γ·x̂ + β with x̂ = (x − μ)/σ over `axes`: dx = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) / σ with ĝ = γ·dy, every mean over
 * those axes (σ² the biased variance, as the forward pass computes it).
 */
function normalized(c: RuleContext, axes: number[], gamma: string, eps: number): string {
  const { em } = c;
  const x = c.node.inputs[0];
  const mu = em.reduce("ReduceMean", x, axes, true);
  const centred = em.op("Sub", [x, mu]);
  const variance = em.reduce("ReduceMean", em.op("Mul", [centred, centred]), axes, true);
  const invStd = em.op("Reciprocal", [em.op("Sqrt", [em.op("Add", [variance, em.floats([eps])])])]);
  const xHat = em.op("Mul", [centred, invStd]);
  const gHat = em.op("Mul", [dy0(c), gamma]);
  const meanG = em.reduce("ReduceMean", gHat, axes, true);
  const meanGx = em.reduce("ReduceMean", em.op("Mul", [gHat, xHat]), axes, true);
  return em.op("Mul", [em.op("Sub", [em.op("Sub", [gHat, meanG]), em.op("Mul", [xHat, meanGx])]), invStd]);
}

const layerNormalization: Rule = (c) => {
  if (c.needs(1) || (c.node.inputs[2] && c.needs(2))) refuse("LayerNormalization parameters that depend on the image");
  if (c.dy.slice(1).some((g) => g)) refuse("LayerNormalization's Mean or InvStdDev output on the path to the logits");
  const rank = c.shape(c.node.inputs[0]).length;
  const axis = axisOf(intAttr(c, "axis", -1), rank);
  const axes = Array.from({ length: rank - axis }, (_, i) => axis + i);
  return [normalized(c, axes, c.node.inputs[1], floatAttr(c, "epsilon", 1e-5)), null, null];
};

const instanceNormalization: Rule = (c) => {
  if (c.needs(1) || c.needs(2)) refuse("InstanceNormalization parameters that depend on the image");
  const rank = c.shape(c.node.inputs[0]).length;
  const gamma = c.em.op("Reshape", [c.node.inputs[1], c.em.ints([-1, ...new Array(rank - 2).fill(1)])]);
  const axes = Array.from({ length: rank - 2 }, (_, i) => i + 2);
  return [normalized(c, axes, gamma, floatAttr(c, "epsilon", 1e-5)), null, null];
};

export const NORMALIZATION_RULES: Record<string, Rule> = {
  BatchNormalization: batchNormalization, LayerNormalization: layerNormalization, InstanceNormalization: instanceNormalization,
};
