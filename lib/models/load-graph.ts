import * as tf from "@tensorflow/tfjs";
import { unfuseGraphTopology, type GraphNode } from "@/lib/models/graph-rewrite";

/** Unfuses the converter's fused nodes so that tf.grad through GraphModel.execute works (and is fast) on wasm. */
export function prepareGraphArtifacts(artifacts: tf.io.ModelArtifacts): tf.io.ModelArtifacts {
  return { ...artifacts, modelTopology: unfuseGraphTopology(artifacts.modelTopology as { node?: GraphNode[] }) };
}

export async function loadGraphForSaliency(
  handler: tf.io.IOHandler,
  logitsNode: string,
): Promise<{ model: tf.GraphModel; logits: (x: tf.Tensor4D) => tf.Tensor2D }> {
  const model = await tf.loadGraphModel(handler);
  const inputName = model.inputs[0]?.name;
  if (!inputName) throw new Error("The graph model has no input node");
  return {
    model,
    logits: (x) => {
      const out = model.execute({ [inputName]: x }, logitsNode) as tf.Tensor;
      if (out.rank !== 2) throw new Error(`logitsNode '${logitsNode}' outputs shape [${out.shape}]; expected [batch, classes]`);
      return out as tf.Tensor2D;
    },
  };
}
