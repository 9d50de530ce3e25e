import { toJsonSchema } from "@valibot/to-json-schema";
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { jsonSchemaOfValibot, UnsupportedSchemaError } from "./json-schema-of.js";

/** @valibot/to-json-schema's answer, without the dialect marker. */
function reference(schema: v.GenericSchema) {
  const { $schema: _, ...body } = toJsonSchema(schema) as Record<string, unknown>;
  return body;
}

const leaf: fc.Arbitrary<v.GenericSchema> = fc.oneof(
  fc.constant(v.string()),
  fc.constant(v.number()),
  fc.constant(v.boolean()),
  fc.constant(v.null()),
  fc.constant(v.unknown()),
  fc.constant(v.pipe(v.string(), v.description("A city"), v.minLength(1), v.maxLength(40))),
  fc.constant(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10), v.multipleOf(2))),
  fc.constant(v.pipe(v.string(), v.email())),
  fc.constant(v.pipe(v.string(), v.regex(/^[a-z]+$/), v.title("Name"), v.examples(["ann"]))),
  fc.constant(v.pipe(v.string(), v.isoDate())),
  fc.constant(v.picklist(["C", "F"])),
  fc.constant(v.enum({ A: "a", B: 1 })),
  fc.constant(v.literal(3)),
);

const schema: fc.Arbitrary<v.GenericSchema> = fc.letrec<{ node: v.GenericSchema }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc
      .dictionary(
        fc.constantFrom("city", "unit", "days", "tags", "constructor"),
        fc.tuple(tie("node"), fc.constantFrom("plain", "optional", "default", "nullish")),
        { maxKeys: 4 },
      )
      .chain((entries) =>
        fc
          .constantFrom<((entries: v.ObjectEntries) => v.GenericSchema)[]>(
            v.object,
            v.looseObject,
            v.strictObject,
          )
          .map((make) =>
            make(
              Object.fromEntries(
                Object.entries(entries).map(([key, [node, wrap]]) => [
                  key,
                  wrap === "optional"
                    ? v.optional(node)
                    : wrap === "default"
                      ? v.optional(v.string(), "x")
                      : wrap === "nullish"
                        ? v.nullish(node)
                        : node,
                ]),
              ),
            ),
          ),
      ),
    tie("node").map((node) => v.array(node)),
    tie("node").map((node) => v.pipe(v.array(node), v.minLength(1), v.maxLength(5))),
    tie("node").map((node) => v.nullable(node)),
    fc.tuple(tie("node"), tie("node")).map((options) => v.union(options)),
    fc.tuple(tie("node"), tie("node")).map((items) => v.tuple(items)),
    tie("node").map((node) => v.record(v.string(), node)),
    tie("node").map((node) => v.objectWithRest({ id: v.string() }, node)),
  ),
})).node;

describe("jsonSchemaOfValibot", () => {
  test("writes what @valibot/to-json-schema writes, for every schema of the common kinds", () => {
    fc.assert(
      fc.property(schema, (s) => {
        expect(jsonSchemaOfValibot(s)).toEqual(reference(s));
      }),
      { numRuns: 400 },
    );
  });

  test("variants, intersections and pipes of pipes too", () => {
    const cases = [
      v.variant("t", [
        v.object({ t: v.literal("a") }),
        v.object({ t: v.literal("b"), x: v.number() }),
      ]),
      v.intersect([v.object({ a: v.string() }), v.object({ b: v.number() })]),
      v.pipe(v.pipe(v.string(), v.minLength(1)), v.maxLength(3)),
      v.object({ o: v.exactOptional(v.string()), u: v.undefinedable(v.string()) }),
      v.pipe(v.array(v.string()), v.nonEmpty()),
      v.object({ n: v.optional(v.nullable(v.string()), null) }),
    ];
    for (const s of cases) expect(jsonSchemaOfValibot(s)).toEqual(reference(s));
  });

  test("refuses what it does not write, rather than dropping it", () => {
    for (const s of [
      v.date(),
      v.pipe(v.string(), v.regex(/a/i)),
      v.pipe(
        v.string(),
        v.transform((x) => x.length),
      ),
      v.object({ when: v.date() }),
    ])
      expect(() => jsonSchemaOfValibot(s)).toThrow(UnsupportedSchemaError);
  });
});
