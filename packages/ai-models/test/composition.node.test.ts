// The parts fit together at run time, for every model of the catalog: the chat layer's
// messages, `tool()` definitions and the tool definitions peer clients send pass each
// model's input schema; the common requests and answers each match exactly one branch of a
// model's `oneOf`; and the usual answers of each family pass its output schema. The type
// level of the same is composition-types.node.test.ts.
//
// Node only: the models are chosen from the data (scripts/model-data.ts reads files).
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import type { Model } from "../src/index.js";
import { registry } from "../src/registry.js";
import {
  answersFor,
  builtMessages,
  describedTool,
  imageMessages,
  type ModelShape,
  modelShapes,
  peerToolDefinitions,
  plainTool,
  textMessages,
  toolConversation,
} from "./composition/requests.js";

type AnySchema = v.GenericSchema & {
  type: string;
  options?: AnySchema[];
  wrapped?: AnySchema;
};

/**
 * How many leaves of a schema's unions accept the value: a union, `oneOf` or `anyOf` counts
 * each of its options (recursively); anything else counts 1 when it accepts the value.
 */
function matchingBranches(schema: AnySchema, value: unknown): number {
  if (schema.type === "non_array" && schema.wrapped) {
    return Array.isArray(value) ? 0 : matchingBranches(schema.wrapped, value);
  }
  if ((schema.type === "one_of" || schema.type === "union") && schema.options)
    return schema.options.reduce((n, option) => n + matchingBranches(option, value), 0);
  return v.safeParse(schema, value).success ? 1 : 0;
}

function problems(model: Model, value: unknown): string {
  const result = v.safeParse(model.input as v.GenericSchema, value);
  return result.success ? "" : v.summarize(result.issues);
}

const shapes = modelShapes();
const chatModels = shapes.filter((shape) => shape.inputKeys.has("messages"));
const toolModels = shapes.filter((shape) => shape.inputKeys.has("tools"));
const modelOf = (shape: ModelShape) => registry.get(shape.id as never) as Model;
const peers = await peerToolDefinitions();

describe("the chat layer composes with every chat model", () => {
  it("covers the catalog's chat models", () => {
    expect(chatModels.length).toBeGreaterThanOrEqual(65);
    expect(toolModels.length).toBeGreaterThanOrEqual(60);
  });

  for (const shape of chatModels) {
    it(`${shape.id}: text lists, role shortcuts and builders pass its input schema`, () => {
      const model = modelOf(shape);
      expect(problems(model, { messages: textMessages() })).toBe("");
      expect(problems(model, { messages: builtMessages() })).toBe("");
      expect(matchingBranches(model.input as AnySchema, { messages: textMessages() })).toBe(1);
    });
  }

  it("image parts pass exactly the models whose messages take content parts", () => {
    const accepting = chatModels
      .filter((shape) => problems(modelOf(shape), { messages: imageMessages() }) === "")
      .map((shape) => shape.id);
    // Models whose published messages take text only refuse an image at run time (and in
    // their types, which composition-types.node.test.ts checks against this same list).
    expect(accepting).toContain("@cf/meta/llama-4-scout-17b-16e-instruct");
    expect(accepting).not.toContain("@cf/meta/llama-3.1-8b-instruct");
    expect(accepting.length).toBeLessThan(chatModels.length);
  });
});

describe("tools compose with every model that takes tools", () => {
  for (const shape of toolModels) {
    it(`${shape.id}: tool() definitions, peer definitions and a whole tool turn`, () => {
      const model = modelOf(shape);
      const messages = textMessages();
      for (const definition of [describedTool.definition, plainTool.definition])
        expect(problems(model, { messages, tools: [definition] })).toBe("");
      for (const peer of peers)
        expect(problems(model, { messages, tools: [peer.definition] }), peer.name).toBe("");
      const turn = { messages: toolConversation(), tools: [describedTool.definition] };
      expect(problems(model, turn)).toBe("");
      expect(matchingBranches(model.input as AnySchema, turn)).toBe(1);
    });
  }
});

describe("no ambiguity: each common request and answer matches exactly one branch", () => {
  for (const shape of shapes) {
    const model = modelOf(shape);
    it(`${shape.id}`, () => {
      const requests: Record<string, unknown> = {};
      if (shape.task === "Text Generation" && shape.inputKeys.has("prompt"))
        requests.prompt = { prompt: "Hello" };
      if (shape.inputKeys.has("messages")) requests.messages = { messages: textMessages() };
      if (shape.inputKeys.has("tools"))
        requests.tools = { messages: textMessages(), tools: [describedTool.definition] };
      if (shape.task === "Text Embeddings") requests.text = { text: "Hello" };
      if (shape.inputKeys.has("requests")) {
        // A batch of the single requests the batch form takes (gpt-oss batches Responses).
        const batches = [...Object.values(requests), { input: "Hello" }].map((single) => ({
          requests: [single, single],
        }));
        requests.batch = batches.find((batch) => problems(model, batch) === "") ?? batches[0];
      }
      for (const [name, request] of Object.entries(requests)) {
        expect(problems(model, request), `${name} request`).toBe("");
        expect(matchingBranches(model.input as AnySchema, request), `${name} request`).toBe(1);
      }
      for (const [name, answer] of Object.entries(
        answersFor(shape, model.capabilities.asyncBatch),
      )) {
        const result = v.safeParse(model.output as v.GenericSchema, answer);
        expect(result.success ? "" : v.summarize(result.issues), `${name} answer`).toBe("");
        expect(matchingBranches(model.output as AnySchema, answer), `${name} answer`).toBe(1);
      }
    });
  }

  it("draws an answer for every model but the three whose answers are their own", () => {
    const unanswered = shapes
      .filter((shape) => Object.keys(answersFor(shape, false)).length === 0)
      .map((shape) => shape.id);
    // clef's answers are keyed by the request's question ids; moondream's by its task.
    expect(unanswered.sort()).toEqual([
      "@cf/cloudflare/clef",
      "@cf/cloudflare/clef-flash",
      "@cf/cloudflare/clef-omni",
      "@cf/moondream/moondream3.1-9B-A2B",
    ]);
  });
});
