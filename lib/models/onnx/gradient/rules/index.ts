import { ACTIVATION_RULES } from "./activations";
import { ARITHMETIC_RULES } from "./arithmetic";
import { CONV_RULES } from "./conv";
import { LINEAR_RULES } from "./linear";
import { NORMALIZATION_RULES } from "./normalization";
import { REDUCE_RULES } from "./reduce";
import { SHAPE_RULES } from "./shape";
import type { Rule } from "./types";

/** One rule per op of the input→logits path (domain "" / ai.onnx). */
export const RULES: Record<string, Rule> = {
  ...ACTIVATION_RULES, ...ARITHMETIC_RULES, ...CONV_RULES, ...LINEAR_RULES, ...NORMALIZATION_RULES, ...REDUCE_RULES, ...SHAPE_RULES,
};

/**
 * Ops whose outputs carry no derivative: shapes, comparisons, integer arithmetic, piecewise-constant functions. The
 * image's influence stops at them (Shape(x) feeding a Reshape is shape arithmetic, not a path to differentiate).
 */
export const NON_DIFFERENTIABLE = new Set([
  "Shape", "Size", "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Xor", "Not", "Mod",
  "ConstantOfShape", "Range", "ArgMax", "ArgMin", "NonZero", "Floor", "Ceil", "Round", "Sign", "Constant",
]);
