import { convOps } from "./conv";
import { elementwiseOps } from "./elementwise";
import { indexingOps } from "./indexing";
import { logicOps } from "./logic";
import { matmulOps } from "./matmul";
import { shapeOps } from "./shape";
import type { OpFn } from "./types";

/** ONNX op name (default domain) → implementation on tfjs tensors. */
export const OPS: Record<string, OpFn> = { ...elementwiseOps, ...convOps, ...shapeOps, ...indexingOps, ...logicOps, ...matmulOps };
export const SUPPORTED_OPS: readonly string[] = Object.keys(OPS).sort();
export type { OpFn, OpCtx } from "./types";
