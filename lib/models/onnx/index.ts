/** The ONNX importer's public surface: read and validate a ModelProto, run it as tfjs ops. */
export { readOnnx, type OnnxModel, type OnnxNode } from "./read";
export { validateOnnx, type OnnxModelInfo } from "./validate";
export { OnnxExecutor, loadOnnxForSaliency, weightsHash, type OnnxSaliencyModel } from "./execute";
export { ONNX_OPSET_RANGE, SUPPORTED_ONNX_OPS, type SupportedOnnxOp } from "./supported-ops";
