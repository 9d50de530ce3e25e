import * as v from "valibot";
import { describe, expect, it, vi } from "vitest";
import { defineModel, isModel, isStreamableModel } from "./model.js";
import { bgeM3, llama4Scout17b16eInstruct, melotts, qwq32b, whisper } from "./models/index.js";
import { getModel, registry } from "./registry.js";

describe("models are sealed", () => {
  const model = llama4Scout17b16eInstruct;

  it("tells catalog models from look-alikes", () => {
    expect(isModel(model)).toBe(true);
    expect(isModel(Object.fromEntries(Object.entries(model)))).toBe(false);
    expect(isModel({ id: model.id })).toBe(false);
    expect(isModel(null)).toBe(false);
    expect(isModel(model.id)).toBe(false);
  });

  it("a copy is not a model: spread, with a replaced schema, assigned, or inheriting", () => {
    expect(isModel({ ...model })).toBe(false);
    expect(isModel({ ...model, input: v.object({ anything: v.unknown() }) })).toBe(false);
    expect(isModel(Object.freeze({ ...model, output: v.unknown() }))).toBe(false);
    expect(isModel(Object.assign({}, model))).toBe(false);
    // Inherits the brand without owning it.
    expect(isModel(Object.create(model))).toBe(false);
    expect(isModel(Object.freeze(Object.create(model, { input: { value: v.unknown() } })))).toBe(
      false,
    );
    // The brand on an object that can still change is not enough either.
    const unfrozen = Object.defineProperty({ ...model }, Symbol.for("@wai/ai-models/model"), {
      value: true,
    });
    expect(isModel(unfrozen)).toBe(false);
  });

  it("the brand is registered, non-enumerable and cannot be changed", () => {
    const brand = Symbol.for("@wai/ai-models/model");
    expect(Object.getOwnPropertyDescriptor(model, brand)).toEqual({
      value: true,
      enumerable: false,
      writable: false,
      configurable: false,
    });
    expect(Object.keys(model)).not.toContain(brand);
    expect(JSON.stringify(model)).not.toContain("wai");
  });

  it("what isModel does not guarantee: a deliberate forgery with the registered brand passes", () => {
    const forged = Object.freeze(
      Object.defineProperties(
        {},
        {
          ...Object.getOwnPropertyDescriptors(model),
          input: { value: v.unknown() },
        },
      ),
    );
    expect(isModel(forged)).toBe(true);
  });

  it("a model made by another copy of the package is a model, and the other way round", async () => {
    vi.resetModules();
    const copy = await import("./model.js");
    expect(copy.isModel).not.toBe(isModel);
    const definition = {
      id: "@cf/example/echo",
      task: "Text Generation",
      description: "Echoes its prompt.",
      capabilities: { streaming: true, tools: false, asyncBatch: false, beta: true },
      input: v.object({ prompt: v.string() }),
      output: v.object({ response: v.string() }),
    } as const;
    const theirs = copy.defineModel(definition);
    expect(isModel(theirs)).toBe(true);
    expect(isStreamableModel(theirs)).toBe(true);
    expect(copy.isModel(model)).toBe(true);
    expect(copy.isModel(defineModel(definition))).toBe(true);
    expect(copy.isModel({ ...theirs })).toBe(false);
  });

  it("models are frozen", () => {
    expect(Object.isFrozen(llama4Scout17b16eInstruct)).toBe(true);
  });

  it("tells streamable models", () => {
    expect(isStreamableModel(llama4Scout17b16eInstruct)).toBe(true);
    expect(isStreamableModel(melotts)).toBe(false);
    expect(llama4Scout17b16eInstruct.capabilities).toMatchObject({ streaming: true, tools: true });
    expect(llama4Scout17b16eInstruct.contextWindow).toBe(131000);
  });

  it("marks models without a published schema as partial", () => {
    expect(qwq32b.partial).toMatch(/no input or output schema is published/i);
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
