/** Small builders for JSON Schema 2020-12 (the dialect of OpenAPI 3.1), so the document reads like the shapes. */
export type Schema = Record<string, unknown>;

export const str: Schema = { type: "string" };
export const int: Schema = { type: "integer" };
export const num: Schema = { type: "number" };
export const bool: Schema = { type: "boolean" };
export const dateTime: Schema = { type: "string", format: "date-time" };
export const nullable = (s: Schema): Schema =>
  typeof s.type === "string" ? { ...s, type: [s.type, "null"] } : { anyOf: [s, { type: "null" }] };
export const arr = (items: Schema): Schema => ({ type: "array", items });
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const interval: Schema = nullable({
  type: "array",
  items: num,
  minItems: 2,
  maxItems: 2,
  description: "95% bootstrap interval [lo, hi].",
});

/** An object whose listed properties are all required and nothing else is allowed, except `optional` ones. */
export function obj(properties: Record<string, Schema>, optional: string[] = [], description?: string): Schema {
  return {
    type: "object",
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

export const mapOf = (values: Schema): Schema => ({ type: "object", additionalProperties: values });
