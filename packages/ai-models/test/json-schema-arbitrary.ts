// A small JSON Schema -> fast-check arbitrary, for the differential tests of the generated
// schemas: values that match the schema most of the time (bounded sizes and depth), and
// near misses made by mutating them. Whether a value matches is decided by ajv, never here.
import fc from "fast-check";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonSchema = { [key: string]: Json };

const maxDepth = 5;

function isSchema(value: Json | undefined): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const smallJson: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.string({ maxLength: 4 }),
  fc.constant([] as Json[]),
  fc.constant({} as Json),
);

/** Options of the arbitraries. */
export interface ArbitraryOptions {
  /**
   * Add keys the schema does not name to objects that allow them (default true): what
   * Cloudflare may add to an output. False for the type tests: the printed types name only
   * the schema's keys, on purpose.
   */
  readonly unknownKeys?: boolean;
}

/** An arbitrary of values shaped by `schema` (mostly valid ones). */
export function arbitraryOf(
  schema: Json | undefined,
  depth = 0,
  options: ArbitraryOptions = {},
): fc.Arbitrary<Json> {
  if (!isSchema(schema)) return smallJson;
  const alternatives = (schema.oneOf ?? schema.anyOf) as Json | undefined;
  if (Array.isArray(alternatives)) {
    const branches = alternatives
      .filter(isSchema)
      .map((option) =>
        arbitraryOf(
          schema.type !== undefined && option.type === undefined
            ? { ...option, type: schema.type }
            : option,
          depth + 1,
          options,
        ),
      );
    return branches.length === 0 ? smallJson : fc.oneof(...branches);
  }
  if ("const" in schema) return fc.constant(schema.const as Json);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...type.map((t) => arbitraryOfType(String(t), schema, depth, options)));
  if (typeof type === "string") return arbitraryOfType(type, schema, depth, options);
  if (isSchema(schema.properties))
    return fc.oneof(arbitraryOfType("object", schema, depth, options), smallJson);
  return smallJson;
}

function arbitraryOfType(
  type: string,
  schema: JsonSchema,
  depth: number,
  options: ArbitraryOptions,
): fc.Arbitrary<Json> {
  switch (type) {
    case "string": {
      const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
      const maxLength = Math.min(
        typeof schema.maxLength === "number" ? schema.maxLength : minLength + 6,
        minLength + 6,
      );
      if (typeof schema.pattern === "string") {
        return fc.oneof(
          fc.stringMatching(new RegExp(schema.pattern, "u")),
          fc.string({ minLength, maxLength }),
        );
      }
      // `binary` units include astral characters, which JSON Schema counts as one.
      return fc.oneof(
        fc.string({ minLength, maxLength }),
        fc.string({ minLength, maxLength, unit: "binary" }),
      );
    }
    case "integer":
    case "number": {
      const min = typeof schema.minimum === "number" ? schema.minimum : -1e6;
      const max = typeof schema.maximum === "number" ? schema.maximum : 1e6;
      const integers = fc.integer({
        min: Math.max(Math.ceil(min), -(2 ** 40)),
        max: Math.min(Math.floor(max), 2 ** 40),
      });
      if (type === "integer") return integers;
      return fc.oneof(integers, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = typeof schema.minItems === "number" ? schema.minItems : 0;
      const cap = depth >= maxDepth ? minLength : minLength + 2;
      const maxLength = Math.min(typeof schema.maxItems === "number" ? schema.maxItems : cap, cap);
      return fc.array(arbitraryOf(schema.items, depth + 1, options), { minLength, maxLength });
    }
    case "object": {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
      const record: Record<string, fc.Arbitrary<Json>> = {};
      const keys = Object.keys(properties);
      for (const key of keys) {
        // Deep optional properties are left out, to keep values small.
        if (depth >= maxDepth && !required.includes(key)) continue;
        record[key] = arbitraryOf(properties[key], depth + 1, options);
      }
      for (const key of required) record[key] ??= smallJson;
      const base = fc.record(record, { requiredKeys: required.filter((key) => key in record) });
      if (schema.additionalProperties === false) return base as fc.Arbitrary<Json>;
      if (options.unknownKeys === false && !isSchema(schema.additionalProperties))
        return base as fc.Arbitrary<Json>;
      const extra = isSchema(schema.additionalProperties)
        ? fc.dictionary(
            fc.string({ minLength: 1, maxLength: 4 }),
            arbitraryOf(schema.additionalProperties, depth + 1, options),
            { maxKeys: 2 },
          )
        : fc.dictionary(fc.constantFrom("extra", "x_new_field"), smallJson, { maxKeys: 1 });
      return fc.tuple(base, extra).map(([value, more]) => ({ ...more, ...value }) as Json);
    }
    default:
      return smallJson;
  }
}

/** Every path to a value inside `value` (the root is `[]`). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value))
    value.forEach((item, index) => {
      out.push(...paths(item, [...prefix, index]));
    });
  else if (isSchema(value))
    for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...prefix, key]));
  return out;
}

// `{ a: 1 }` stays last: it is left out when values must carry no unknown key.
const replacements: Json[] = [null, true, -1, 1.5, 1e12, "", "x", [], {}, [1], { a: 1 }];

/**
 * A near miss: `value` with one change at one place (a wrong type, a removed key, an extra
 * key unless `unknownKeys` is false).
 */
export function mutate(value: Json, where: number, how: number, unknownKeys = true): Json {
  const all = paths(value);
  const at = all[where % all.length] ?? [];
  const copy = structuredClone(value);
  if (at.length === 0) return replacements[how % replacements.length] ?? null;
  let parent: Json = copy;
  for (const step of at.slice(0, -1))
    parent = (parent as Record<string | number, Json>)[step] as Json;
  const last = at[at.length - 1] as string | number;
  const target = parent as Record<string | number, Json>;
  // Without unknown keys: no `{ a: 1 }` (the last replacement) and no `unexpected` key.
  const usable = unknownKeys ? replacements.length : replacements.length - 1;
  const choice = how % (usable + (unknownKeys ? 2 : 1));
  if (choice === usable && isSchema(parent)) delete target[last];
  else if (choice === usable + 1 && isSchema(target[last]))
    (target[last] as JsonSchema).unexpected = 1;
  else target[last] = replacements[choice % usable] ?? null;
  return copy;
}

/** Valid-looking values and near misses for a schema. */
export function candidatesOf(
  schema: Json | undefined,
  options: ArbitraryOptions = {},
): fc.Arbitrary<Json> {
  const valid = arbitraryOf(schema, 0, options);
  return fc.oneof(
    valid,
    fc
      .tuple(valid, fc.nat(), fc.nat())
      .map(([value, where, how]) => mutate(value, where, how, options.unknownKeys !== false)),
  );
}
