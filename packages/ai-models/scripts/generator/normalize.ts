/**
 * Stage 2 of the generator: normalize each JSON Schema into one small intermediate form, the
 * {@link Shape}. Both printers (valibot schemas and TypeScript types) read this form only, so
 * that they cannot disagree on what a schema means; everything JSON Schema can say two ways
 * (`type: ["string", "null"]` and `anyOf: [string, null]`, a parent's `type` beside `oneOf`,
 * `const` and a one-value `enum`...) is settled here, once.
 *
 * Six kinds: `object`, `array`, `union`, `scalar` (with its constraints), `literal` (`enum` and
 * `const`), and `asyncBatch` (the `{ requests: [...] }` shape written by hand in
 * `src/shapes/async-batch.ts`). Each carries its `doc` (the schema's `description`) and
 * `default`. The naming stage adds two more: `ref` (a shared shape, printed as its name) and,
 * in objects, property groups.
 *
 * @module
 */
import {
  annotations,
  isSchema,
  type Json,
  type JsonSchema,
  matchesType,
  semanticKeys,
  withParentType,
} from "./json-schema.ts";

/** What every shape may carry. */
interface Common {
  /** The schema's `description`. */
  doc?: string | undefined;
  /** The schema's `default` (applied by the valibot schema to a missing input field). */
  default?: Json | undefined;
}

/** An object: named properties, and what other keys may hold. */
export interface ObjectShape extends Common {
  kind: "object";
  properties: Member[];
  /** Other keys: any value (`open`), none (`closed`), or values of a shape (a map). */
  rest: "open" | "closed" | Shape;
  minProperties?: number | undefined;
  maxProperties?: number | undefined;
}

/** A named property of an object. */
export interface Property {
  name: string;
  shape: Shape;
  required: boolean;
}

/**
 * A group of optional properties that many objects share with different defaults (see
 * `names.ts`): printed as one call, `samplingOptions({ temperature: 0.6 })`.
 */
export interface PropertyGroupUse {
  /** The key of the group in the named catalog. */
  group: string;
  /** The defaults of this object's members, by member name. */
  defaults: { [name: string]: Json };
  /**
   * This object's members whose schema differs from the group's in what a type does not say
   * (bounds, patterns), with their defaults: written after the group, in its place. They are
   * printed as they stand (shared shapes and groups are not looked for inside them: today
   * they are numbers and strings with other bounds).
   */
  overrides?: Property[] | undefined;
}

export type Member = Property | PropertyGroupUse;

export interface ArrayShape extends Common {
  kind: "array";
  items: Shape;
  minItems?: number | undefined;
  maxItems?: number | undefined;
}

/** Values of any of the options; `exactlyOne` when a value must match one only (JSON `oneOf`). */
export interface UnionShape extends Common {
  kind: "union";
  options: Shape[];
  exactlyOne: boolean;
  /**
   * Set by the naming stage on a union whose forms (and the groups they share) are written
   * once as request forms (`RequestForms` in `names.ts`): the key of those forms.
   */
  forms?: string | undefined;
}

export interface ScalarShape extends Common {
  kind: "scalar";
  /**
   * `binary` is `{type: "string", format: "binary"}`; `non-object` is every JSON value but an
   * object (what object keywords without `type` let through); `never` matches nothing.
   */
  type:
    | "string"
    | "number"
    | "integer"
    | "boolean"
    | "null"
    | "binary"
    | "unknown"
    | "never"
    | "non-object";
  minLength?: number | undefined;
  maxLength?: number | undefined;
  pattern?: string | undefined;
  minimum?: number | undefined;
  maximum?: number | undefined;
  exclusiveMinimum?: number | undefined;
  exclusiveMaximum?: number | undefined;
  multipleOf?: number | undefined;
}

export type LiteralValue = string | number | boolean | null;

/** One of a list of values (`enum`, or `const` with one value). */
export interface LiteralShape extends Common {
  kind: "literal";
  values: LiteralValue[];
}

/** `{ requests: Request[] }`: an async batch of requests (see `src/shapes/async-batch.ts`). */
export interface AsyncBatchShape extends Common {
  kind: "asyncBatch";
  request: Shape;
}

/** A shared shape, printed as its name (made by the naming stage). */
export interface RefShape extends Common {
  kind: "ref";
  key: string;
  /** The defaults this use passes, when the shared shape is a function of its defaults. */
  defaults?: { [name: string]: Json } | undefined;
}

export type Shape =
  | ObjectShape
  | ArrayShape
  | UnionShape
  | ScalarShape
  | LiteralShape
  | AsyncBatchShape
  | RefShape;

/** Normalizes a JSON Schema (already supplemented and corrected) into a {@link Shape}. */
export function normalize(schema: JsonSchema): Shape {
  const shape = body(schema);
  const doc = typeof schema.description === "string" ? clean(schema.description) : undefined;
  const out: Shape = { ...shape, doc: doc === "" ? undefined : doc };
  if ("default" in schema) out.default = schema.default as Json;
  else delete out.default;
  if (out.doc === undefined) delete out.doc;
  return out;
}

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function body(schema: JsonSchema): Shape {
  const batch = asyncBatchRequest(schema);
  if (batch !== undefined) return { kind: "asyncBatch", request: normalize(batch) };
  for (const combinator of ["oneOf", "anyOf"] as const) {
    const raw = schema[combinator];
    if (!Array.isArray(raw)) continue;
    const extra = semanticKeys(schema).filter((key) => key !== combinator && key !== "type");
    if (extra.length > 0)
      throw new Error(`unsupported keywords beside ${combinator}: ${extra.join(", ")}`);
    const options = raw.filter(isSchema).map((option) => normalize(withParentType(schema, option)));
    if (options.length === 1 && options[0] !== undefined) return options[0];
    return { kind: "union", options, exactlyOne: combinator === "oneOf" && !disjoint(options) };
  }
  if ("const" in schema) return { kind: "literal", values: [literalValue(schema.const as Json)] };
  const type = schema.type;
  const types = typeof type === "string" ? [type] : Array.isArray(type) ? type.map(String) : [];
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter(
      (value) => types.length === 0 || types.some((t) => matchesType(t, value)),
    );
    if (values.length === 0) return { kind: "scalar", type: "never" };
    return { kind: "literal", values: values.map(literalValue) };
  }
  if (types.length === 1) return ofType(types[0] as string, schema);
  if (types.length > 1)
    return { kind: "union", options: types.map((t) => ofType(t, schema)), exactlyOne: false };
  const semantic = semanticKeys(schema);
  if (semantic.length === 0) return { kind: "scalar", type: "unknown" };
  const objectKeywords = [
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
  ];
  if (semantic.every((key) => objectKeywords.includes(key))) {
    // Object keywords without `type` constrain objects only: every other value passes.
    const object = ofType("object", schema);
    return {
      kind: "union",
      options: [object, { kind: "scalar", type: "non-object" }],
      exactlyOne: false,
    };
  }
  throw new Error(`unsupported typeless schema with ${semantic.join(", ")}`);
}

function literalValue(value: Json): LiteralValue {
  if (value !== null && typeof value === "object")
    throw new Error("unsupported object or array literal in enum/const");
  return value;
}

function number(value: Json | undefined): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** The shape of `schema` read as a value of one JSON type. */
function ofType(type: string, schema: JsonSchema): Shape {
  switch (type) {
    case "string":
      if (schema.format === "binary") return { kind: "scalar", type: "binary" };
      return dropUndefined({
        kind: "scalar",
        type: "string",
        minLength: number(schema.minLength) || undefined,
        maxLength: number(schema.maxLength),
        pattern: typeof schema.pattern === "string" ? schema.pattern : undefined,
      });
    case "number":
    case "integer":
      return dropUndefined({
        kind: "scalar",
        type,
        minimum: number(schema.minimum),
        maximum: number(schema.maximum),
        exclusiveMinimum: number(schema.exclusiveMinimum),
        exclusiveMaximum: number(schema.exclusiveMaximum),
        multipleOf: number(schema.multipleOf),
      });
    case "boolean":
    case "null":
      return { kind: "scalar", type };
    case "array":
      if (schema.uniqueItems === true) throw new Error("unsupported uniqueItems");
      return dropUndefined({
        kind: "array",
        items: isSchema(schema.items)
          ? normalize(schema.items)
          : { kind: "scalar", type: "unknown" },
        minItems: number(schema.minItems) || undefined,
        maxItems: number(schema.maxItems),
      });
    case "object":
      return objectShape(schema);
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

function objectShape(schema: JsonSchema): ObjectShape {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const members: Member[] = [];
  for (const [name, child] of Object.entries(properties)) {
    // A property whose schema is not an object is a data slip (flux-2-dev has `"required":
    // [...]` inside `properties`): left out.
    if (isSchema(child))
      members.push({ name, shape: normalize(child), required: required.has(name) });
  }
  for (const name of required) {
    if (!(name in properties))
      members.push({ name, shape: { kind: "scalar", type: "unknown" }, required: true });
  }
  const additional = schema.additionalProperties;
  const rest =
    additional === false
      ? "closed"
      : isSchema(additional) && Object.keys(additional).some((key) => !annotations.has(key))
        ? normalize(additional)
        : "open";
  return dropUndefined({
    kind: "object",
    properties: members,
    rest,
    minProperties: number(schema.minProperties),
    maxProperties: number(schema.maxProperties),
  });
}

function dropUndefined<T extends object>(shape: T): T {
  for (const key of Object.keys(shape) as (keyof T)[])
    if (shape[key] === undefined) delete shape[key];
  return shape;
}

/**
 * The request schema of an async batch (`{ requests: Request[] }`, required, nothing
 * else): the shape `src/shapes/async-batch.ts` writes by hand.
 */
function asyncBatchRequest(schema: JsonSchema): JsonSchema | undefined {
  if (schema.type !== "object" || !isSchema(schema.properties)) return undefined;
  if (semanticKeys(schema).some((key) => !["type", "properties", "required"].includes(key)))
    return undefined;
  const requests = schema.properties.requests;
  if (Object.keys(schema.properties).length !== 1 || !isSchema(requests)) return undefined;
  if (!isSchema(requests.items) || requests.type !== "array") return undefined;
  if (
    Object.keys(requests).some((key) => !annotations.has(key) && key !== "type" && key !== "items")
  )
    return undefined;
  const required = Array.isArray(schema.required) ? schema.required : [];
  if (required.length !== 1 || required[0] !== "requests") return undefined;
  return requests.items;
}

/** The JSON types a shape admits (`integer` as `number`), or undefined when it admits any. */
export function jsonTypes(shape: Shape): Set<string> | undefined {
  switch (shape.kind) {
    case "object":
    case "asyncBatch":
      return new Set(["object"]);
    case "array":
      return new Set(["array"]);
    case "literal":
      return new Set(shape.values.map((value) => (value === null ? "null" : typeof value)));
    case "union": {
      const all = new Set<string>();
      for (const option of shape.options) {
        const types = jsonTypes(option);
        if (types === undefined) return undefined;
        for (const type of types) all.add(type);
      }
      return all;
    }
    case "scalar":
      switch (shape.type) {
        case "unknown":
          return undefined;
        case "never":
          return new Set();
        case "binary":
          return new Set(["string"]);
        case "integer":
          return new Set(["number"]);
        case "non-object":
          return new Set(["string", "number", "boolean", "null", "array"]);
        default:
          return new Set([shape.type]);
      }
    case "ref":
      return undefined;
  }
}

/** True when no value can match two of the options (their JSON types do not overlap). */
export function disjoint(options: Shape[]): boolean {
  const seen = new Set<string>();
  for (const option of options) {
    const types = jsonTypes(option);
    if (types === undefined) return false;
    for (const type of types) {
      if (seen.has(type)) return false;
      seen.add(type);
    }
  }
  return true;
}

/** The children of a shape, in order (for the walks of the naming stage). */
export function childrenOf(shape: Shape): Shape[] {
  switch (shape.kind) {
    case "object":
      return [
        ...shape.properties.flatMap((member) => ("shape" in member ? [member.shape] : [])),
        ...(typeof shape.rest === "object" ? [shape.rest] : []),
      ];
    case "array":
      return [shape.items];
    case "union":
      return shape.options;
    case "asyncBatch":
      return [shape.request];
    default:
      return [];
  }
}

/**
 * The fingerprint of a shape: what it accepts and its defaults, without docs. Two shapes
 * with one fingerprint print the same code.
 */
export function fingerprint(shape: Shape): string {
  return JSON.stringify(shape, (key, value) => {
    if (key === "doc") return undefined;
    // Property order does not change what an object accepts.
    if (key === "properties" && Array.isArray(value))
      return [...value].sort((a: Member, b: Member) => (memberKey(a) < memberKey(b) ? -1 : 1));
    return value;
  });
}

function memberKey(member: Member): string {
  return "name" in member ? member.name : `~${member.group}`;
}
