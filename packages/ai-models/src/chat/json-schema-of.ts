/**
 * The JSON Schema of a valibot schema, for tool parameters: the common kinds of schema
 * and checks that tool arguments are made of, written as @valibot/to-json-schema writes
 * them (a differential test holds the two together), in a fraction of its weight in a
 * Worker bundle. A schema outside that set (a date, a transformation, a regex with
 * flags...) is refused, so that nothing is silently dropped: wrap such a schema with
 * `toStandardJsonSchema` of @valibot/to-json-schema to use the full converter. Internal.
 *
 * @module
 */

type Json = { [key: string]: unknown };

/** The parts of a valibot schema or action this converter reads. */
interface Node {
  readonly kind: "schema" | "validation" | "transformation" | "metadata";
  readonly type: string;
  readonly entries?: Record<string, Node>;
  readonly rest?: Node;
  readonly item?: Node;
  readonly items?: readonly Node[];
  readonly wrapped?: Node;
  readonly options?: readonly (Node | string | number)[];
  readonly enum?: Record<string, string | number>;
  readonly literal?: unknown;
  readonly key?: Node;
  readonly value?: Node;
  readonly pipe?: readonly Node[];
  readonly requirement?: unknown;
  readonly description?: string;
  readonly title?: string;
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
}

/** Thrown for what this converter does not write; the caller turns it into its error. */
export class UnsupportedSchemaError extends Error {}

const unsupported = (what: string): never => {
  throw new UnsupportedSchemaError(`a "${what}" cannot be written as JSON Schema here`);
};

const scalars: Record<string, Json> = {
  string: { type: "string" },
  number: { type: "number" },
  boolean: { type: "boolean" },
  null: { type: "null" },
  any: {},
  unknown: {},
};

const formats: Record<string, string> = {
  email: "email",
  url: "uri",
  uuid: "uuid",
  iso_date: "date",
  iso_date_time: "date-time",
  iso_time: "time",
  ipv4: "ipv4",
  ipv6: "ipv6",
};

const typeOf = (value: unknown) => (value === null ? "null" : typeof value);

/** The wrappers that make an object entry optional. */
const optionalTypes = new Set(["optional", "exact_optional", "nullish"]);

function applyAction(json: Json, action: Node, arrayLike: boolean): void {
  const requirement = action.requirement;
  switch (action.type) {
    case "description":
    case "title":
      json[action.type] = action[action.type];
      return;
    case "examples":
      json.examples = action.examples;
      return;
    case "integer":
      json.type = "integer";
      return;
    case "min_value":
      json.minimum = requirement;
      return;
    case "max_value":
      json.maximum = requirement;
      return;
    case "multiple_of":
      json.multipleOf = requirement;
      return;
    case "min_length":
    case "max_length":
    case "length":
    case "non_empty": {
      const min = action.type === "non_empty" ? 1 : requirement;
      if (action.type !== "max_length") json[arrayLike ? "minItems" : "minLength"] = min;
      if (action.type === "max_length" || action.type === "length")
        json[arrayLike ? "maxItems" : "maxLength"] = requirement;
      return;
    }
    case "regex": {
      const regex = requirement as RegExp;
      if (regex.flags) unsupported("regex with flags");
      json.pattern = regex.source;
      return;
    }
    case "metadata":
      return;
  }
  const format = formats[action.type];
  if (format) json.format = format;
  else unsupported(action.type);
}

function convert(node: Node): Json {
  // A pipe is its first schema (which may be a pipe itself) with the other actions applied.
  if (node.pipe) {
    const json = convert(node.pipe[0] as Node);
    for (const action of node.pipe.slice(1)) applyAction(json, action, json.type === "array");
    return json;
  }
  let json: Json;
  const base = node.type;
  switch (base) {
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest": {
      const properties: Json = {};
      const required: string[] = [];
      for (const [key, entry] of Object.entries(node.entries ?? {})) {
        properties[key] = convert(entry);
        if (!optionalTypes.has(entry.type)) required.push(key);
      }
      json = { type: "object", properties, required };
      if (base === "strict_object") json.additionalProperties = false;
      if (node.rest) json.additionalProperties = convert(node.rest);
      break;
    }
    case "record":
      json = {
        type: "object",
        propertyNames: convert(node.key as Node),
        additionalProperties: convert(node.value as Node),
      };
      break;
    case "array":
      json = { type: "array", items: convert(node.item as Node) };
      break;
    case "tuple": {
      const items = (node.items ?? []).map(convert);
      json = { type: "array", items, minItems: items.length };
      break;
    }
    case "optional":
    case "exact_optional":
    case "undefinedable":
      json = convert(node.wrapped as Node);
      break;
    case "nullable":
    case "nullish":
      json = { anyOf: [convert(node.wrapped as Node), { type: "null" }] };
      break;
    case "literal":
      json = { const: node.literal };
      break;
    case "picklist":
    case "enum": {
      const values = base === "enum" ? Object.values(node.enum ?? {}) : (node.options ?? []);
      const types = [...new Set(values.map(typeOf))];
      json = { enum: values, type: types.length === 1 ? types[0] : types };
      break;
    }
    case "union":
      json = { anyOf: (node.options as Node[]).map(convert) };
      break;
    case "variant":
      json = { oneOf: (node.options as Node[]).map(convert) };
      break;
    case "intersect":
      json = { allOf: (node.options as Node[]).map(convert) };
      break;
    default:
      json = { ...(scalars[base] ?? unsupported(base)) };
  }
  if ("default" in node && node.default !== undefined && typeof node.default !== "function")
    json.default = node.default;
  return json;
}

/**
 * The JSON Schema (draft-07 body, without `$schema`) of a valibot schema.
 *
 * @throws {@link UnsupportedSchemaError} for a kind of schema or check it does not write.
 */
export function jsonSchemaOfValibot(schema: unknown): Json {
  return convert(schema as Node);
}
