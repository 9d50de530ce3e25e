/**
 * Small helpers over JSON Schema values, shared by the stages of the generator.
 *
 * @module
 */
import type { Json, JsonSchema } from "../model-data.ts";

export type { Json, JsonSchema };

/** Keywords that carry no validation meaning: the generator keeps only `description`, as doc. */
export const annotations = new Set([
  "description",
  "title",
  "examples",
  "contentType",
  "deprecated",
]);

/** Whether a JSON value is a schema object (not an array, not null). */
export function isSchema(value: Json | undefined): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The keywords of a schema that change what it accepts (no annotations, no `default`). */
export function semanticKeys(schema: JsonSchema): string[] {
  return Object.keys(schema).filter((key) => !annotations.has(key) && key !== "default");
}

/**
 * A `oneOf`/`anyOf` option with its parent's `type`: `{type: T, oneOf: [A, B]}` is
 * `oneOf: [A and type T, B and type T]` (allOf distributes over oneOf).
 */
export function withParentType(parent: JsonSchema, option: JsonSchema): JsonSchema {
  if (parent.type === undefined || option.type !== undefined) return option;
  return { ...option, type: parent.type };
}

/** Whether a JSON value has the JSON Schema type `type`. */
export function matchesType(type: string, value: Json): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isSchema(value);
    case "integer":
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}
