/**
 * The one shape of an ONNX evaluation's onnxruntime cross-check (lib/models/ort/cross-check.ts writes it, the site
 * validates it in the worker's report and stores it as provenance.cross_check, the result page shows it).
 */
import { z } from "zod";

const finite = z.number().finite();

export const DivergingNodeSchema = z.object({
  name: z.string().max(500),
  op_type: z.string().max(100),
  output: z.string().max(500),
  max_abs_diff: z.number(),
  tolerance: finite,
});

export const CrossCheckSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.enum(["passed", "failed"]),
    engine: z.string().max(100),
    relative_tolerance: finite,
    images: z.number().int().positive(),
    max_abs_diff: z.number(),
    max_abs_logit: finite,
    tolerance: finite,
    top1_agreement: z.number().min(0).max(1),
    passed: z.boolean(),
    first_diverging_node: DivergingNodeSchema.nullable(),
  }),
  z.object({ status: z.literal("skipped"), engine: z.null(), reason: z.string().max(1000), images: z.number().int().nonnegative() }),
]);
export type CrossCheck = z.infer<typeof CrossCheckSchema>;
export type CheckedCrossCheck = Exclude<CrossCheck, { status: "skipped" }>;
export type DivergingNode = z.infer<typeof DivergingNodeSchema>;

/** "passed: max |Δlogit| 3.7e-7 ≤ 2.3e-3 on 2 images (onnxruntime-node 1.30.0)" and the like, for pages. */
export function describeCrossCheck(c: CrossCheck): string {
  if (c.status === "skipped") return `skipped: ${c.reason}`;
  const figures = `max |Δlogit| ${c.max_abs_diff.toPrecision(2)} ${c.status === "passed" ? "≤" : ">"} tolerance ${c.tolerance.toPrecision(2)} (${c.relative_tolerance} × max |logit| ${c.max_abs_logit.toPrecision(3)}) on ${c.images} ${c.images === 1 ? "image" : "images"}, ${c.engine}`;
  const node = c.first_diverging_node ? `; first diverging node ${c.first_diverging_node.name} (${c.first_diverging_node.op_type})` : "";
  return `${c.status}: ${figures}${node}`;
}
