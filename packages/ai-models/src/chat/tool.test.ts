import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { AiModelsError } from "../ai-models-error.js";
import { tool } from "./tool.js";

const weather = tool({
  name: "get_weather",
  description: "The current weather in a city",
  parameters: v.object({ city: v.string(), unit: v.optional(v.picklist(["C", "F"])) }),
});

describe("tool", () => {
  test("turns the parameters schema into the definition the binding takes", () => {
    expect(weather.definition).toEqual({
      type: "function",
      function: {
        name: "get_weather",
        description: "The current weather in a city",
        parameters: {
          type: "object",
          properties: { city: { type: "string" }, unit: { type: "string", enum: ["C", "F"] } },
          required: ["city"],
        },
      },
    });
    expect(JSON.stringify(weather.definition)).not.toContain("$schema");
  });

  test("parses and validates arguments, as a JSON string or an object", () => {
    expect(weather.parseArguments('{"city":"Lisbon","unit":"C"}')).toEqual({
      city: "Lisbon",
      unit: "C",
    });
    expect(weather.parseArguments({ city: "Oslo" })).toEqual({ city: "Oslo" });
  });

  test("bad arguments give a typed error carrying the raw arguments", () => {
    for (const raw of ['{"town":"Paris"}', "{not json", { city: 3 }]) {
      const result = weather.safeParseArguments(raw);
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(AiModelsError.isInstance(result.error)).toBe(true);
        expect(result.error.code).toBe("invalid-tool-arguments");
        expect(result.error.data).toBe(raw);
      }
    }
    expect(() => weather.parseArguments('{"city":1}')).toThrow(/at city/);
  });

  test("any Standard JSON Schema works; other schemas are refused clearly", () => {
    // A schema library other than valibot, by the two Standard interfaces alone.
    const addArgs = {
      "~standard": {
        version: 1 as const,
        vendor: "other",
        validate: (value: unknown) => {
          const { a, b } = value as { a: unknown; b: unknown };
          return typeof a === "number" && typeof b === "number"
            ? { value: { a, b } }
            : { issues: [{ message: "a and b must be numbers" }] };
        },
        jsonSchema: {
          input: () => ({
            $schema: "http://json-schema.org/draft-07/schema#",
            type: "object",
            required: ["a", "b"],
          }),
          output: () => ({ type: "object" }),
        },
      },
    };
    const add = tool({ name: "add", description: "Adds", parameters: addArgs });
    // Tool arguments are an object: a schema of anything else cannot define a tool.
    const notAnObject = {
      "~standard": {
        ...addArgs["~standard"],
        jsonSchema: { input: () => ({ type: "string" }), output: () => ({}) },
      },
    };
    expect(() => tool({ name: "echo", description: "Echoes", parameters: notAnObject })).toThrow(
      /must be an object schema \(got "string"\)/,
    );
    // The dialect marker goes; an object schema without properties gets `properties: {}`,
    // which every model's tools schema asks for.
    expect(add.definition.function.parameters).toEqual({
      type: "object",
      required: ["a", "b"],
      properties: {},
    });
    expect(add.parseArguments('{"a":1,"b":2}')).toEqual({ a: 1, b: 2 });
    expect(add.safeParseArguments('{"a":"1"}').success).toBe(false);

    const opaque = {
      "~standard": {
        version: 1 as const,
        vendor: "opaque",
        validate: (value: unknown) => ({ value }),
      },
    };
    expect(() => tool({ name: "x", description: "x", parameters: opaque })).toThrow(
      expect.objectContaining({ code: "unsupported-schema" }),
    );
  });

  test("a name models do not accept is refused", () => {
    expect(() => tool({ name: "get weather", description: "x", parameters: v.object({}) })).toThrow(
      expect.objectContaining({ code: "invalid-tool-name" }),
    );
  });

  describe("safeParseArguments never throws, whatever the schema does", () => {
    /** A Standard Schema (with Standard JSON Schema, so that tool() takes it) validating with `validate`. */
    const schemaWith = (validate: (value: unknown) => unknown) => ({
      "~standard": {
        version: 1 as const,
        vendor: "test",
        validate: validate as (value: unknown) => { value: unknown },
        jsonSchema: { input: () => ({ type: "object" }), output: () => ({ type: "object" }) },
      },
    });
    const toolWith = (validate: (value: unknown) => unknown) =>
      tool({ name: "t", description: "t", parameters: schemaWith(validate) });

    /** The failure of safeParseArguments, checked to be the error parseArguments throws. */
    const failureOf = (validate: (value: unknown) => unknown, raw: string | object = "{}") => {
      const t = toolWith(validate);
      const result = t.safeParseArguments(raw);
      expect(result.success).toBe(false);
      if (result.success) throw new Error("unreachable");
      expect(AiModelsError.isInstance(result.error)).toBe(true);
      expect(result.error.data).toBe(raw);
      expect(() => t.parseArguments(raw)).toThrow(
        expect.objectContaining({ name: "AiModelsError", code: result.error.code }),
      );
      return result.error;
    };

    test("an asynchronous schema is a failure, and its promise's rejection is handled", async () => {
      const resolving = failureOf(async (value) => ({ value }));
      expect(resolving).toMatchObject({ code: "async-schema" });
      expect(resolving.message).toMatch(/tool t validates asynchronously/);
      // A rejected promise left unhandled would fail the test run.
      failureOf(() => Promise.reject(new Error("async boom")));
      await new Promise((resolve) => setTimeout(resolve, 0));
      // Any thenable is a promise here.
      // biome-ignore lint/suspicious/noThenProperty: a thenable that is no Promise, on purpose
      expect(failureOf(() => ({ then: () => {} })).code).toBe("async-schema");
    });

    test("a schema that throws is a failure carrying what it threw", () => {
      const boom = new TypeError("Cannot read properties of undefined");
      const error = failureOf(() => {
        throw boom;
      });
      expect(error).toMatchObject({ code: "unsupported-schema", cause: boom });
      expect(error.message).toMatch(/tool t threw: Cannot read properties of undefined/);
      expect(
        failureOf(() => {
          throw Symbol("odd");
        }).message,
      ).toMatch(/threw: Symbol\(odd\)/);
    });

    test("a schema that answers no Standard Schema result is a failure", () => {
      for (const answer of [undefined, null, 42, "ok"]) {
        expect(failureOf(() => answer).code).toBe("unsupported-schema");
      }
      expect(failureOf(() => ({ issues: "bad" })).message).toMatch(/issues that are not an array/);
      const getter = failureOf(() => ({
        get issues() {
          throw new Error("getter");
        },
      }));
      expect(getter).toMatchObject({
        code: "unsupported-schema",
        message: expect.stringMatching(/getter/),
      });
    });

    test("odd issues are described, never thrown on", () => {
      const error = failureOf(() => ({
        issues: [
          { message: "bad key", path: [Symbol("k"), { key: 0 }, "x"] },
          null,
          { message: 7 },
        ],
      }));
      expect(error.code).toBe("invalid-tool-arguments");
      expect(error.message).toBe(
        "Invalid arguments for tool t: bad key at Symbol(k).0.x; undefined; 7",
      );
    });

    test("property: any answer or throw of the schema gives a result, never an exception", () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.anything().map((answer) => ({ throws: false, answer })),
            fc.anything().map((answer) => ({ throws: true, answer })),
            fc.anything().map((answer) => ({ throws: false, answer: { issues: answer } })),
            fc.anything().map((answer) => ({ throws: false, answer: Promise.resolve(answer) })),
          ),
          fc.oneof(fc.string(), fc.json(), fc.object()),
          ({ throws, answer }, raw) => {
            const t = toolWith(() => {
              if (throws) throw answer;
              return answer;
            });
            const result = t.safeParseArguments(raw);
            if (result.success) {
              expect(result.value).toBe((answer as { value?: unknown } | null)?.value);
            } else {
              expect(AiModelsError.isInstance(result.error)).toBe(true);
              expect(["invalid-tool-arguments", "unsupported-schema", "async-schema"]).toContain(
                result.error.code,
              );
            }
          },
        ),
      );
    });
  });

  test("a valibot schema the small converter does not write is refused with the way out", async () => {
    const { toStandardJsonSchema } = await import("@valibot/to-json-schema");
    const withDate = v.object({ when: v.date(), note: v.string() });
    expect(() => tool({ name: "remind", description: "Reminds", parameters: withDate })).toThrow(
      /"date".*toStandardJsonSchema/,
    );
    const parameters = v.object({ when: v.pipe(v.string(), v.isoDate()), note: v.string() });
    const full = tool({
      name: "remind",
      description: "Reminds",
      parameters: toStandardJsonSchema(parameters),
    });
    expect(full.definition.function.parameters).toEqual(
      tool({ name: "remind", description: "Reminds", parameters }).definition.function.parameters,
    );
  });
});
