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
    expect(add.definition.function.parameters).toEqual({ type: "object", required: ["a", "b"] });
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
});
