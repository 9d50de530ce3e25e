// Unit tests of the generator's stages on small schemas: normalize (JSON Schema -> one
// intermediate form), names (model names, shared shapes, property groups), and the two
// printers (valibot schemas and TypeScript types) reading that one form.
import { describe, expect, it } from "vitest";
import { Imports } from "../../scripts/generator/imports.ts";
import { modelNames } from "../../scripts/generator/names.ts";
import { fingerprint, normalize } from "../../scripts/generator/normalize.ts";
import { printType, printTypeDeclaration } from "../../scripts/generator/print-types.ts";
import { type PrintContext, printSchema } from "../../scripts/generator/print-valibot.ts";
import { readModels } from "../../scripts/model-data.ts";

const context = (direction: "input" | "output"): PrintContext => ({
  direction,
  catalog: { shapes: new Map(), groups: new Map() },
  imports: new Imports("models"),
});

describe("normalize", () => {
  it("reads a type list and an anyOf of types as the same union", () => {
    const a = normalize({ type: ["string", "null"] });
    const b = normalize({ anyOf: [{ type: "string" }, { type: "null" }] });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(a).toEqual({
      kind: "union",
      exactlyOne: false,
      options: [
        { kind: "scalar", type: "string" },
        { kind: "scalar", type: "null" },
      ],
    });
  });

  it("keeps constraints, defaults and docs; docs do not change the fingerprint", () => {
    const shape = normalize({ type: "integer", minimum: 1, default: 3, description: "how many" });
    expect(shape).toEqual({
      kind: "scalar",
      type: "integer",
      minimum: 1,
      default: 3,
      doc: "how many",
    });
    expect(fingerprint(shape)).toBe(
      fingerprint(normalize({ type: "integer", minimum: 1, default: 3 })),
    );
  });

  it("pushes a parent's type into oneOf options, and marks overlapping options exactlyOne", () => {
    const shape = normalize({
      type: "object",
      oneOf: [{ properties: { a: { type: "string" } } }, { properties: { b: { type: "string" } } }],
    });
    expect(shape.kind === "union" && shape.exactlyOne).toBe(true);
    const disjoint = normalize({ oneOf: [{ type: "string" }, { type: "number" }] });
    expect(disjoint.kind === "union" && disjoint.exactlyOne).toBe(false);
  });

  it("reads an enum filtered by its type as a literal, and an empty one as never", () => {
    expect(normalize({ type: "string", enum: ["a", 1] })).toEqual({
      kind: "literal",
      values: ["a"],
    });
    expect(normalize({ type: "string", enum: [1] })).toEqual({ kind: "scalar", type: "never" });
  });

  it("reads objects: required, maps, closed, and object keywords without type", () => {
    const map = normalize({ type: "object", additionalProperties: { type: "number" } });
    expect(map).toMatchObject({ kind: "object", rest: { kind: "scalar", type: "number" } });
    expect(normalize({ type: "object", additionalProperties: false })).toMatchObject({
      rest: "closed",
    });
    expect(normalize({ properties: { a: { type: "string" } } })).toMatchObject({
      kind: "union",
      options: [{ kind: "object" }, { kind: "scalar", type: "non-object" }],
    });
  });

  it("recognizes the async batch shape", () => {
    const shape = normalize({
      type: "object",
      properties: { requests: { type: "array", items: { type: "string" } } },
      required: ["requests"],
    });
    expect(shape).toEqual({ kind: "asyncBatch", request: { kind: "scalar", type: "string" } });
  });

  it("refuses what it cannot print", () => {
    expect(() => normalize({ type: "array", uniqueItems: true })).toThrow(/uniqueItems/);
    expect(() => normalize({ oneOf: [{ type: "string" }], minimum: 1 })).toThrow(/beside oneOf/);
  });
});

describe("print-valibot and print-types read one form", () => {
  const object = normalize({
    type: "object",
    properties: {
      prompt: { type: "string", minLength: 1, description: "The prompt." },
      max_tokens: { type: "integer", default: 256 },
      image: { type: "string", format: "binary" },
      tags: { type: "array", items: { type: ["string", "null"] } },
    },
    required: ["prompt"],
  });

  it("prints an object schema with jsonObject, defaults on inputs only, code-point lengths", () => {
    const input = context("input");
    const code = printSchema(object, input);
    expect(code).toContain("jsonObject(");
    expect(code).toContain("prompt: v.pipe(v.string(), minCodePoints(1))");
    expect(code).toContain("max_tokens: v.optional(v.pipe(v.number(), v.integer()), 256)");
    expect(code).toContain("image: v.optional(binary())");
    expect(code).toContain("tags: v.optional(v.array(v.nullable(v.string())))");
    expect([...input.imports.values.values()]).toContain("../shapes/json-object.js");
    expect(printSchema(object, context("output"))).toContain(
      "max_tokens: v.optional(v.pipe(v.number(), v.integer()))",
    );
  });

  it("prints input types as workers-types declares them, output types with | undefined", () => {
    const input = printType(object, context("input"));
    expect(input).toContain("/** The prompt. */\nprompt: string;");
    expect(input).toContain("max_tokens?: number;");
    expect(input).toContain("image?: string;");
    expect(input).toContain("tags?: (string | null)[];");
    const output = printType(object, context("output"));
    expect(output).toContain("max_tokens?: number | undefined;");
    expect(output).toContain("image?: BinaryValue | undefined;");
  });

  it("prints oneOf() where options overlap and v.union where they cannot", () => {
    const overlapping = normalize({
      oneOf: [{ type: "object" }, { type: "object", required: ["a"] }],
    });
    expect(printSchema(overlapping, context("input"))).toMatch(/^oneOf\(\[/);
    const disjoint = normalize({
      oneOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }],
    });
    expect(printSchema(disjoint, context("input"))).toMatch(/^v\.union\(\[/);
    expect(printType(disjoint, context("input"))).toBe("string | number | boolean");
  });

  it("prints maps with jsonRecord and an index signature", () => {
    const map = normalize({
      type: "object",
      additionalProperties: { type: "number" },
      minProperties: 1,
    });
    expect(printSchema(map, context("input"))).toBe(
      "v.pipe(jsonRecord(v.number()), v.minEntries(1))",
    );
    expect(printType(map, context("input"))).toBe("{ [key: string]: number }");
  });

  it("declares plain objects as interfaces, other types as aliases", () => {
    expect(printTypeDeclaration("A", object, context("input"))).toMatch(/^export interface A \{/);
    expect(printTypeDeclaration("B", normalize({ type: "string" }), context("input"))).toBe(
      "export type B = string;",
    );
  });
});

describe("model names", () => {
  it("keeps version boundaries: digits that meet digits are joined by _", () => {
    expect(modelNames("@cf/meta/llama-3.1-70b-instruct")).toEqual({
      exportName: "llama3_1_70bInstruct",
      typeName: "Llama3_1_70bInstruct",
      file: "llama-3.1-70b-instruct",
    });
    expect(modelNames("@cf/qwen/qwen1.5-0.5b-chat").exportName).toBe("qwen1_5_0_5bChat");
    expect(modelNames("@cf/meta/m2m100-1.2b").exportName).toBe("m2m100_1_2b");
    expect(modelNames("@cf/qwen/qwen3.8-27b").exportName).toBe("qwen3_8_27b");
    expect(modelNames("@cf/meta/llama-4-scout-17b-16e-instruct").exportName).toBe(
      "llama4Scout17b16eInstruct",
    );
  });

  it("gives no two models of the catalog confusable names (same letters and digits, any case)", () => {
    const seen = new Map<string, string>();
    for (const { name } of readModels()) {
      const { exportName, file } = modelNames(name);
      for (const key of [exportName.replace(/_/g, "").toLowerCase(), `file:${file}`]) {
        expect(seen.get(key), `${name} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });
});
