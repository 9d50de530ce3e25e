import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { isModel, isStreamableModel } from "./model.js";
import { bgeM3, llama4Scout17b16eInstruct, melotts, qwq32b, whisper } from "./models/index.js";
import { getModel, registry } from "./registry.js";

describe("models are sealed", () => {
  it("tells catalog models from look-alikes", () => {
    expect(isModel(llama4Scout17b16eInstruct)).toBe(true);
    expect(isModel({ ...llama4Scout17b16eInstruct })).toBe(true); // a spread copy keeps the brand
    const lookAlike = Object.fromEntries(Object.entries(llama4Scout17b16eInstruct));
    expect(isModel(lookAlike)).toBe(false);
    expect(isModel(null)).toBe(false);
    expect(isModel("@cf/meta/llama-4-scout-17b-16e-instruct")).toBe(false);
  });

  it("models are frozen", () => {
    expect(Object.isFrozen(llama4Scout17b16eInstruct)).toBe(true);
  });

  it("tells streamable models", () => {
    expect(isStreamableModel(llama4Scout17b16eInstruct)).toBe(true);
    expect(isStreamableModel(melotts)).toBe(false);
    expect(llama4Scout17b16eInstruct.capabilities).toMatchObject({
      streaming: true,
      tools: true,
      contextWindow: 131000,
    });
  });

  it("marks models without a published schema as partial", () => {
    expect(qwq32b.partial).toMatch(/no input or output schema/);
    expect(bgeM3.partial).toBeUndefined();
  });
});

describe("registry", () => {
  it("holds every model by id", () => {
    expect(registry.size).toBe(111);
    expect(getModel("@cf/baai/bge-m3")).toBe(bgeM3);
    expect(getModel("@cf/unknown/model")).toBeUndefined();
    for (const [id, model] of registry) {
      expect(isModel(model)).toBe(true);
      expect(model.id).toBe(id);
    }
  });
});

describe("schemas", () => {
  it("check inputs, keep unknown output fields", () => {
    expect(v.is(llama4Scout17b16eInstruct.input, { prompt: "hello" })).toBe(true);
    expect(v.is(llama4Scout17b16eInstruct.input, { prompt: "" })).toBe(false);
    expect(v.is(llama4Scout17b16eInstruct.input, { prompt: "a", messages: [] })).toBe(false);
    const output = v.parse(whisper.output, { text: "hi", new_field: 1 });
    expect(output).toMatchObject({ new_field: 1 });
  });

  it("accept binary values through the binding", () => {
    expect(v.is(melotts.output, new Uint8Array([1]))).toBe(true);
    expect(v.is(melotts.output, new ReadableStream())).toBe(true);
  });
});
