// Arguments for a tool call that satisfy the tool's JSON Schema, taken from the user's
// message where it has a fitting value (a capitalized word for a string, a number for a
// number, an enum value it names).
import { keywords } from "./text.js";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  default?: unknown;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Values found in the user's message, used in order. */
interface Found {
  names: string[];
  numbers: number[];
  words: string[];
  text: string;
}

function found(message: string): Found {
  const names = [...message.matchAll(/(?<![.!?]\s|^)\b(\p{Lu}[\p{L}'-]+(?:\s\p{Lu}[\p{L}'-]+)*)/gu)]
    .map((match) => match[1] ?? "")
    .filter((name) => name.length > 1);
  const numbers = [...message.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
  return { names, numbers, words: keywords(message), text: message };
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== "null") ?? "null";
  if (schema.type) return schema.type;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  return undefined;
}

function valueFor(key: string, schema: JsonSchema, from: Found, depth: number): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) {
    const named = schema.enum.find(
      (option) =>
        typeof option === "string" && from.text.toLowerCase().includes(option.toLowerCase()),
    );
    return named ?? schema.enum[0];
  }
  const branch = schema.anyOf ?? schema.oneOf;
  if (branch && branch.length > 0) {
    const first = branch.find((option) => typeOf(option) !== "null") ?? branch[0];
    return valueFor(key, first as JsonSchema, from, depth);
  }
  if (schema.allOf && schema.allOf.length > 0)
    return valueFor(key, Object.assign({}, ...schema.allOf) as JsonSchema, from, depth);
  switch (typeOf(schema)) {
    case "number":
    case "integer": {
      const integer = typeOf(schema) === "integer";
      let value = from.numbers.shift() ?? (typeof schema.default === "number" ? schema.default : 1);
      if (integer) value = Math.round(value);
      const low =
        schema.minimum ??
        (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
      const high =
        schema.maximum ??
        (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
      if (low !== undefined && value < low) value = integer ? Math.ceil(low) : low;
      if (high !== undefined && value > high) value = integer ? Math.floor(high) : high;
      return value;
    }
    case "boolean":
      return typeof schema.default === "boolean" ? schema.default : true;
    case "null":
      return null;
    case "array": {
      const count = Math.max(1, schema.minItems ?? 1);
      return Array.from({ length: count }, () =>
        valueFor(key, schema.items ?? {}, from, depth + 1),
      );
    }
    case "object":
      return objectFor(schema, from, depth + 1);
    default: {
      if (typeof schema.default === "string") return schema.default;
      let value =
        schema.format === "date"
          ? "2026-01-01"
          : schema.format === "date-time"
            ? "2026-01-01T00:00:00Z"
            : (from.names.shift() ?? from.words.shift() ?? key);
      if (schema.maxLength !== undefined) value = value.slice(0, schema.maxLength);
      if (schema.minLength !== undefined) value = value.padEnd(schema.minLength, "x");
      return value;
    }
  }
}

function objectFor(schema: JsonSchema, from: Found, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (depth > 6) return result;
  const properties = schema.properties ?? {};
  // Required properties always; without a `required` list, every property.
  const keys = schema.required ?? Object.keys(properties);
  for (const key of keys) result[key] = valueFor(key, properties[key] ?? {}, from, depth);
  return result;
}

/**
 * Arguments that satisfy a tool's `parameters` JSON Schema, with values taken from the
 * message where they fit: the required properties (every property when the schema has
 * no `required` list).
 */
export function toolArguments(parameters: unknown, message: string): Record<string, unknown> {
  const schema = (parameters && typeof parameters === "object" ? parameters : {}) as JsonSchema;
  return objectFor(schema, found(message), 0);
}
