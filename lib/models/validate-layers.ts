import { ModelValidationError, isRecord, listForMessage } from "@/lib/models/validate-error";

type Layer = { className: string; name: string; config: Record<string, unknown>; inbound: unknown };
type Model = { className: string; layers: Layer[]; config: Record<string, unknown> };
export type LayersCheck = { inputShape: (number | null)[]; numClasses: number; lastLayerSoftmax: boolean };

const MODEL_CLASSES = ["Sequential", "Model", "Functional"];
// Layers that may sit between the class logits and the output without changing them.
const PASS_THROUGH = ["Dropout", "Reshape", "Flatten", "Activation", "Softmax"];
const EXPECTED_INPUT = "[null, 224, 224, 3] (batch, height, width, RGB channels; height and width may be null)";

function toLayer(value: unknown, i: number): Layer {
  if (!isRecord(value) || typeof value.class_name !== "string" || !isRecord(value.config))
    throw new ModelValidationError(`model.json: modelTopology layer ${i} must be an object with 'class_name' and 'config'`);
  const name = typeof value.name === "string" ? value.name : String(value.config.name ?? `layer ${i}`);
  return { className: value.class_name, name, config: value.config, inbound: value.inbound_nodes };
}

function toModel(value: unknown, where: string): Model {
  const topology = isRecord(value) && isRecord(value.model_config) ? value.model_config : value;
  if (!isRecord(topology) || typeof topology.class_name !== "string" || !MODEL_CLASSES.includes(topology.class_name))
    throw new ModelValidationError(
      `${where}: 'class_name' must be one of ${listForMessage(MODEL_CLASSES)} for a layers model; got ${JSON.stringify(isRecord(topology) ? topology.class_name : topology)}`);
  const config = Array.isArray(topology.config) ? { layers: topology.config } : topology.config;
  if (!isRecord(config) || !Array.isArray(config.layers) || config.layers.length === 0)
    throw new ModelValidationError(`${where}: config.layers must be a non-empty array of layers`);
  return { className: topology.class_name, config, layers: config.layers.map(toLayer) };
}

const isNestedModel = (l: Layer) => MODEL_CLASSES.includes(l.className);
const nested = (l: Layer) => toModel({ class_name: l.className, config: l.config }, `nested model '${l.name}'`);

/** Names the single input or output layer of a functional model: `[[name, 0, 0]]` or, in Keras 3, `[name, 0, 0]`. */
function endpointName(model: Model, key: "input_layers" | "output_layers"): string {
  const raw = model.config[key];
  const list = Array.isArray(raw) && typeof raw[0] === "string" ? [raw] : raw;
  if (!Array.isArray(list) || list.length !== 1 || !Array.isArray(list[0]) || typeof list[0][0] !== "string")
    throw new ModelValidationError(
      `model.json: the model must have exactly one ${key === "input_layers" ? "input (an RGB image)" : "output (the class logits)"}; config.${key} is ${JSON.stringify(raw)}`);
  return list[0][0];
}

function layerByName(model: Model, name: string): Layer {
  const layer = model.layers.find((l) => l.name === name);
  if (!layer) throw new ModelValidationError(`model.json: layer '${name}' is referenced but not defined`);
  return layer;
}

function inputShape(model: Model): unknown {
  const first = model.className === "Sequential" ? model.layers[0] : layerByName(model, endpointName(model, "input_layers"));
  if (isNestedModel(first)) return inputShape(nested(first));
  const c = first.config;
  if (c.batch_input_shape !== undefined) return c.batch_input_shape;
  if (c.batch_shape !== undefined) return c.batch_shape;
  if (Array.isArray(c.input_shape)) return [null, ...c.input_shape];
  throw new ModelValidationError(
    `model.json: the input layer '${first.name}' declares no batch_input_shape; it must be ${EXPECTED_INPUT}`);
}

function checkInputShape(shape: unknown): (number | null)[] {
  const ok = Array.isArray(shape) && shape.length === 4 && shape[0] === null && shape[3] === 3 &&
    [shape[1], shape[2]].every((d) => d === null || d === 224);
  if (!ok)
    throw new ModelValidationError(
      `model.json: the model input is ${JSON.stringify(shape)}; it must be ${EXPECTED_INPUT}: the ClickMe protocol feeds 224×224 RGB images, channels last`);
  return shape as (number | null)[];
}

/** The layer feeding `layer` in a functional model (Keras 2 `[[[name, 0, 0, {}]]]` or Keras 3 `keras_history`). */
function inboundName(layer: Layer): string | null {
  const node = Array.isArray(layer.inbound) ? layer.inbound[0] : undefined;
  if (Array.isArray(node)) return node.length === 1 && Array.isArray(node[0]) && typeof node[0][0] === "string" ? node[0][0] : null;
  const args = isRecord(node) && Array.isArray(node.args) ? node.args : [];
  const history = isRecord(args[0]) && isRecord(args[0].config) ? args[0].config.keras_history : undefined;
  return args.length === 1 && Array.isArray(history) && typeof history[0] === "string" ? history[0] : null;
}

function checkActivation(layer: Layer, state: { softmax: boolean }): void {
  const act = layer.className === "Softmax" ? "softmax" : (layer.config.activation ?? "linear");
  if (act === "softmax") state.softmax = true;
  else if (act !== "linear")
    throw new ModelValidationError(
      `model.json: layer '${layer.name}' applies the activation ${JSON.stringify(act)} to the output; only 'linear' (logits) or 'softmax' are allowed, because the protocol reads the class logits`);
}

/** Walks back from the output over pass-through layers to the layer producing the class logits. */
function outputUnits(model: Model, state: { softmax: boolean }): { layer: Layer; units: number } {
  let layer: Layer | null = model.className === "Sequential" ? model.layers[model.layers.length - 1]
    : layerByName(model, endpointName(model, "output_layers"));
  let index = model.layers.length - 1;
  for (let steps = 0; layer && steps <= model.layers.length; steps++) {
    if (isNestedModel(layer)) return outputUnits(nested(layer), state);
    if (layer.className === "Dense" || layer.className === "Conv2D") {
      checkActivation(layer, state);
      const units = layer.className === "Dense" ? layer.config.units : layer.config.filters;
      if (typeof units !== "number") throw new ModelValidationError(`model.json: layer '${layer.name}' has no unit count`);
      return { layer, units };
    }
    if (!PASS_THROUGH.includes(layer.className)) break;
    if (layer.className === "Activation" || layer.className === "Softmax") checkActivation(layer, state);
    const prev: string | null = model.className === "Sequential" ? (model.layers[--index]?.name ?? null) : inboundName(layer);
    layer = prev === null ? null : (model.className === "Sequential" ? model.layers[index] : layerByName(model, prev));
  }
  throw new ModelValidationError(
    `model.json: the model output ${layer ? `comes from the '${layer.className}' layer '${layer.name}'` : "has no single producing layer"}; it must end in a Dense (or 1×1 Conv2D) layer with one unit per class, optionally followed by Softmax, Activation, Dropout, Reshape or Flatten`);
}

/** Checks a layers model's topology: one 224×224 RGB input and `numClasses` logits at the output. */
export function checkLayersTopology(topology: unknown, numClasses: number): LayersCheck {
  const model = toModel(topology, "model.json: modelTopology");
  const shape = checkInputShape(inputShape(model));
  const state = { softmax: false };
  const { layer, units } = outputUnits(model, state);
  if (units !== numClasses)
    throw new ModelValidationError(
      `model.json: the final ${layer.className} layer '${layer.name}' has ${units} units; this benchmark needs ${numClasses} (one logit per class)`);
  return { inputShape: shape, numClasses: units, lastLayerSoftmax: state.softmax };
}
