// What the generator writes once instead of again: the fields a union's object forms share,
// long lists of values, the usual defaults of a function of defaults, a property group used
// with other bounds, and request forms. Each is checked for what it means (the printed code,
// run with valibot, accepts and fills in what the code written out in full does), not only for
// how it reads.
import * as fs from "node:fs";
import * as path from "node:path";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Imports } from "../../scripts/generator/imports.ts";
import type { PropertyGroup } from "../../scripts/generator/names.ts";
import { propertyGroupCandidates } from "../../scripts/generator/names.ts";
import { normalize } from "../../scripts/generator/normalize.ts";
import { printType } from "../../scripts/generator/print-types.ts";
import {
  type PrintContext,
  printEntries,
  printSchema,
  Scope,
} from "../../scripts/generator/print-valibot.ts";
import { ValueLists } from "../../scripts/generator/value-lists.ts";
import { chatCompletionsOptions } from "../../src/models/shared/chat-completions-options.ts";
import { chatCompletionsRequestForms } from "../../src/models/shared/chat-completions-request-forms.ts";
import { gemma4RequestSchema } from "../../src/models/shared/gemma4-request.ts";
import { messagesRequestSchema } from "../../src/models/shared/messages-request.ts";
import { samplingOptions } from "../../src/models/shared/sampling-options.ts";
import { minCodePoints } from "../../src/shapes/code-points.ts";
import { jsonObject } from "../../src/shapes/json-object.ts";
import { oneOf } from "../../src/shapes/one-of.ts";

const packageDir = path.join(import.meta.dirname, "../..");

const context = (extra: Partial<PrintContext> = {}): PrintContext => ({
  direction: "input",
  catalog: { shapes: new Map(), groups: new Map() },
  imports: new Imports("models"),
  ...extra,
});

/** Runs printed schema code (with its declarations) against the helpers it imports. */
function evaluate(declarations: string[], schema: string): v.GenericSchema {
  const run = new Function(
    "v",
    "jsonObject",
    "oneOf",
    "minCodePoints",
    `${declarations.join("\n")}\nreturn ${schema};`,
  );
  return run(v, jsonObject, oneOf, minCodePoints) as v.GenericSchema;
}

/** A request in two forms, `prompt` or `messages`, with `shared` fields in both (JSON Schema). */
const request = (shared: { [name: string]: object }) => ({
  oneOf: [
    {
      type: "object",
      properties: { prompt: { type: "string", minLength: 1 }, ...shared },
      required: ["prompt"],
    },
    {
      type: "object",
      properties: { messages: { type: "array", items: { type: "string" } }, ...shared },
      required: ["messages"],
    },
  ],
});

describe("the fields that a union's object forms share", () => {
  const shape = normalize(
    request({
      temperature: { type: "number", minimum: 0, maximum: 2, default: 0.6 },
      max_tokens: { type: "integer", default: 256 },
      stream: { type: "boolean", description: "Stream the answer." },
    }),
  );

  it("are declared once and spread into each form; the type is (forms) & fields", () => {
    const scope = new Scope("fields");
    const code = printSchema(shape, context({ scope }));
    expect(scope.declarations).toHaveLength(1);
    expect(scope.declarations[0]).toMatch(
      /const fields = \{\s*temperature: .*max_tokens: .*stream: /s,
    );
    expect(code.match(/\.\.\.fields/g)).toHaveLength(2);
    expect(code).not.toContain("temperature");
    const type = printType(shape, context());
    expect(type.startsWith("({ prompt: string; } | { messages: string[]; }) & {")).toBe(true);
    expect(type).toContain("/** Stream the answer. */\nstream?: boolean;");
  });

  it("check and fill in what the forms written out in full do", () => {
    const scope = new Scope("fields");
    const factored = evaluate(scope.declarations, printSchema(shape, context({ scope })));
    const scopeless = printSchema(shape, context());
    expect(scopeless).not.toContain("...fields");
    const full = evaluate([], scopeless);
    const inputs = [
      { prompt: "hi" },
      { messages: ["hi"], temperature: 1 },
      { prompt: "", stream: true },
      { prompt: "hi", temperature: 3 },
      { prompt: "hi", messages: ["both"] },
      { messages: "no" },
    ];
    for (const input of inputs) {
      const a = v.safeParse(factored, input);
      const b = v.safeParse(full, input);
      expect(a.success, JSON.stringify(input)).toBe(b.success);
      if (a.success && b.success) expect(a.output).toEqual(b.output);
    }
    expect(v.parse(factored, { prompt: "hi" })).toEqual({
      prompt: "hi",
      temperature: 0.6,
      max_tokens: 256,
    });
  });

  it("stay in each form when fewer than three are shared", () => {
    const scope = new Scope("fields");
    const few = normalize(request({ stream: { type: "boolean" }, seed: { type: "integer" } }));
    expect(printSchema(few, context({ scope }))).not.toContain("...fields");
    expect(scope.declarations).toEqual([]);
    expect(printType(few, context())).not.toContain(") & {");
  });

  it("are named by the property they stand under when the union is not at the root", () => {
    const scope = new Scope("inputFields");
    const nested = normalize({
      type: "object",
      properties: { request: request({ a: { type: "string" }, b: { type: "string" }, c: {} }) },
    });
    printSchema(nested, context({ scope }));
    expect(scope.declarations[0]).toMatch(/const requestFields = /);
  });
});

describe("a call to a function of defaults", () => {
  const group: PropertyGroup = {
    key: "sampling",
    direction: "input",
    typeName: "SamplingOptions",
    functionName: "samplingOptions",
    file: "sampling-options",
    members: [{ name: "temperature", required: false, shape: { kind: "scalar", type: "number" } }],
    defaulted: ["temperature"],
    usual: { temperature: 0.6 },
    users: [],
  };
  const print = (defaults: { [name: string]: number }, parameters?: string[]) =>
    printEntries(
      [{ group: "sampling", defaults }],
      context({
        catalog: { shapes: new Map(), groups: new Map([["sampling", group]]) },
        parameters: parameters && new Set(parameters),
      }),
    );

  it("passes nothing for the usual defaults, {} for none, and other defaults as given", () => {
    expect(print({ temperature: 0.6 })).toBe("...samplingOptions(),");
    expect(print({})).toBe("...samplingOptions({}),");
    expect(print({ temperature: 1 })).toBe("...samplingOptions({ temperature: 1 }),");
  });

  it("inside another function of defaults, passes that one's defaults, or {} when none are its", () => {
    expect(print({}, ["temperature", "raw"])).toBe("...samplingOptions(defaults),");
    // Not "samplingOptions()": that would give the usual temperature, which this schema lacks.
    expect(print({}, ["raw"])).toBe("...samplingOptions({}),");
  });

  it("names each group member in one candidate list only", () => {
    const listed = propertyGroupCandidates.flat();
    expect(new Set(listed).size).toBe(listed.length);
  });
});

describe("long lists of values", () => {
  const speakers = Array.from({ length: 30 }, (_, index) => `speaker-${index}`);
  const shape = normalize({
    type: "object",
    properties: { speaker: { type: "string", enum: speakers, default: "speaker-3" } },
  });

  it("are declared once, filled to the width, and read by both printers", () => {
    const lists = new ValueLists();
    const schema = printSchema(shape, context({ lists }));
    const type = printType(shape, context({ lists }));
    expect(lists.declarations).toHaveLength(1);
    const [declaration] = lists.declarations as [string];
    expect(declaration).toMatch(/^\/\/ biome-ignore format: .*\nconst speakerValues = \[\n/);
    for (const line of declaration.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    expect(declaration.split("\n").length).toBeLessThan(speakers.length / 3);
    expect(schema).toContain('speaker: v.optional(v.picklist(speakerValues), "speaker-3")');
    expect(type).toContain("speaker?: (typeof speakerValues)[number];");
    // The declaration is TypeScript (`as const`): run as JavaScript without it.
    const script = `${declaration.replace(" as const", "")}\nreturn ${schema};`;
    const run = new Function("v", "jsonObject", script);
    const parsed = run(v, jsonObject) as v.GenericSchema;
    expect(v.parse(parsed, {})).toEqual({ speaker: "speaker-3" });
    expect(v.parse(parsed, { speaker: "speaker-29" })).toEqual({ speaker: "speaker-29" });
    expect(v.safeParse(parsed, { speaker: "speaker-30" }).success).toBe(false);
  });

  it("are written in place when short", () => {
    const lists = new ValueLists();
    const short = normalize({ type: "string", enum: ["low", "medium", "high"] });
    expect(printSchema(short, context({ lists }))).toBe('v.picklist(["low", "medium", "high"])');
    expect(lists.declarations).toEqual([]);
  });
});

describe("in the generated catalog", () => {
  const read = (file: string) => fs.readFileSync(path.join(packageDir, "src/models", file), "utf8");

  it("a function of defaults takes the defaults most uses pass, and those uses pass none", () => {
    expect(read("shared/chat-completions-request-forms.ts")).toContain(
      "...chatCompletionsOptions(),",
    );
    const usual = v.parse(v.object(chatCompletionsOptions()), {});
    expect(usual).toEqual({ logprobs: false, n: 1, parallel_tool_calls: true, store: false });
    // An explicit argument replaces them, and `{}` gives none.
    expect(v.parse(v.object(chatCompletionsOptions({})), {})).toEqual({});
    expect(v.parse(v.object(chatCompletionsOptions({ n: 2 })), {})).toEqual({ n: 2 });
  });

  it("a group's members with other bounds are written after it, in its place", () => {
    const text = read("shared/messages-request.ts");
    expect(text).toContain("...samplingOptions(),\n  top_p: v.optional(");
    expect(text).toContain("export interface MessagesRequest extends ToolOptions, SamplingOptions");
    const base = v.object(samplingOptions());
    const input = { messages: [{ role: "user", content: "hi" }] };
    // The group's defaults, and the request's own bounds where they differ from the group's.
    expect(v.parse(messagesRequestSchema, input)).toMatchObject(v.parse(base, {}));
    expect(v.safeParse(base, { frequency_penalty: -1 }).success).toBe(false);
    expect(v.safeParse(messagesRequestSchema, { ...input, frequency_penalty: -1 }).success).toBe(
      true,
    );
    expect(v.safeParse(messagesRequestSchema, { ...input, top_p: 1.5 }).success).toBe(false);
    expect(v.safeParse(base, { top_p: 1.5 }).success).toBe(true);
  });

  it("request forms that several requests share are written once; each adds its fields", () => {
    const text = read("shared/gemma4-request.ts");
    expect(text).toContain("export const gemma4RequestSchema = chatCompletionsRequestForms({");
    expect(text).toContain("export type Gemma4Request = ChatCompletionsRequestForms & {");
    const forms = chatCompletionsRequestForms({ extra: v.optional(v.string(), "x") });
    for (const input of [{ prompt: "hi" }, { messages: [{ role: "user", content: "hi" }] }]) {
      const parsed = v.parse(forms, input) as { [key: string]: unknown };
      expect(parsed).toMatchObject({ ...input, extra: "x", n: 1, temperature: 1 });
    }
    expect(v.safeParse(forms, { prompt: "" }).success).toBe(false);
    expect(
      v.safeParse(forms, { prompt: "hi", messages: [{ role: "user", content: "hi" }] }).success,
    ).toBe(false);
    // gemma4's own field, in both forms, with its default.
    expect(v.parse(gemma4RequestSchema, { prompt: "hi" })).toMatchObject({
      skip_special_tokens: false,
    });
    const messages = v.parse(gemma4RequestSchema, {
      messages: [{ role: "user", content: "hi" }],
      skip_special_tokens: true,
    });
    expect(messages).toMatchObject({ skip_special_tokens: true, n: 1 });
    expect(
      v.safeParse(gemma4RequestSchema, { prompt: "hi", skip_special_tokens: "no" }).success,
    ).toBe(false);
  });
});
