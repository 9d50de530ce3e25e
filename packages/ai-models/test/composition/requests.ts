// The requests and answers that users and peer clients send and receive, built the way
// they build them: message lists from the chat layer, tool definitions from `tool()` and
// from the JSON Schemas that zod, valibot and the AI SDK make (as workers-ai-provider sends
// them), a whole tool-calling turn, batches, and the usual answers of each model family.
// Shared by the run-time composition test and the type-level one.
import { toJsonSchema } from "@valibot/to-json-schema";
import { zodSchema } from "ai";
import * as v from "valibot";
import { z } from "zod";
import { type Json, type JsonSchema, readModels } from "../../scripts/model-data.ts";
import { ChatMessage, tool } from "../../src/index.js";

/** A tool whose parameters carry descriptions, as the published schemas ask. */
export const describedTool = tool({
  name: "get_weather",
  description: "The current weather in a city",
  parameters: v.object({
    city: v.pipe(v.string(), v.description("The city")),
    unit: v.pipe(v.optional(v.picklist(["C", "F"])), v.description("The unit")),
  }),
});

/** A tool whose parameters carry no description, as most real tools are written. */
export const plainTool = tool({
  name: "add",
  description: "Adds numbers",
  parameters: v.object({ values: v.array(v.number()), round: v.optional(v.boolean()) }),
});

const zodParameters = z.object({
  city: z.string(),
  unit: z.enum(["C", "F"]).optional(),
  days: z.number().int().min(1).max(7).default(1),
});

/**
 * Tool definitions as peer clients send them: `{ type: "function", function: { name,
 * description?, parameters } }` with the JSON Schema as the schema library made it
 * (`$schema`, `additionalProperties: false`, enums and bounds, no descriptions).
 */
export async function peerToolDefinitions(): Promise<{ name: string; definition: Json }[]> {
  const wrap = (name: string, parameters: unknown, description?: string): Json =>
    JSON.parse(
      JSON.stringify({
        type: "function",
        function: { name, ...(description && { description }), parameters },
      }),
    );
  return [
    { name: "zod 4 toJSONSchema", definition: wrap("weather", z.toJSONSchema(zodParameters)) },
    {
      name: "AI SDK zodSchema (workers-ai-provider)",
      definition: wrap("weather", await zodSchema(zodParameters).jsonSchema, "The weather"),
    },
    {
      name: "valibot toJsonSchema",
      definition: wrap(
        "weather",
        toJsonSchema(v.object({ city: v.string(), unit: v.optional(v.picklist(["C", "F"])) })),
        "The weather",
      ),
    },
    {
      name: "AI SDK tool without input",
      definition: wrap("now", await zodSchema(z.object({})).jsonSchema),
    },
  ];
}

/** A text conversation: what every chat model accepts. */
export const textMessages = () =>
  ChatMessage.list(ChatMessage.system("Be brief."), ChatMessage.user("What is the weather?"));

/** Each message made the other ways: role shortcuts and the fluent builder. */
export const builtMessages = () => [
  ChatMessage.system("Be brief.", { name: "rules" }),
  ChatMessage.builder().role("user").content("Hello").build(),
  ChatMessage.builder().role("assistant").build(),
  ChatMessage.assistant("Hi!"),
  ChatMessage.user("Thanks"),
];

/** A conversation with an image part: only models that see images accept it. */
export const imageMessages = () =>
  ChatMessage.list(
    ChatMessage.user([
      { type: "text", text: "What is this?" },
      { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
    ]),
  );

/**
 * A whole tool-calling turn as a tool loop builds it: the question, the assistant's call
 * (no text), the tool's result, and the answer. The call id is nine letters and digits,
 * which every model family accepts (Mistral's take no other).
 */
export const toolConversation = () =>
  ChatMessage.list(
    ChatMessage.user("What is the weather in Lisbon?"),
    ChatMessage.assistant("", {
      toolCalls: [{ id: "call4f2a9", name: "get_weather", arguments: { city: "Lisbon" } }],
    }),
    ChatMessage.tool('{"temperature":21,"unit":"C"}', {
      toolCallId: "call4f2a9",
      name: "get_weather",
    }),
    ChatMessage.assistant("It is 21 °C in Lisbon."),
  );

/** What the data says a model takes and gives, read from its (corrected) JSON Schema. */
export interface ModelShape {
  id: string;
  task: string;
  /** Property names that some branch of the input names. */
  inputKeys: Set<string>;
  /** Property names that some branch of the output names. */
  outputKeys: Set<string>;
  /** The dimension of an embedding model's vectors, when its output says it. */
  input: JsonSchema | undefined;
  output: JsonSchema | undefined;
}

function keysOf(schema: Json | undefined, keys = new Set<string>(), depth = 0): Set<string> {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema) || depth > 2)
    return keys;
  const properties = schema.properties;
  if (typeof properties === "object" && properties !== null && !Array.isArray(properties))
    for (const key of Object.keys(properties)) keys.add(key);
  for (const combinator of ["oneOf", "anyOf"])
    for (const option of (schema[combinator] as Json[] | undefined) ?? [])
      keysOf(option, keys, depth + 1);
  return keys;
}

/** Every model with a published schema, as the data describes it. */
export function modelShapes(): ModelShape[] {
  return readModels()
    .filter((model) => model.schema?.input && Object.keys(model.schema.input).length > 0)
    .map((model) => ({
      id: model.name,
      task: model.task.name,
      inputKeys: keysOf(model.schema?.input),
      outputKeys: keysOf(model.schema?.output),
      input: model.schema?.input,
      output: model.schema?.output,
    }));
}

const usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };

/**
 * The usual answers of a model's family, by name: what Workers AI sends back for a text
 * answer, a tool call, an embedding, a classification, media, and a queued batch.
 */
export function answersFor(shape: ModelShape, asyncBatch: boolean): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const out = shape.outputKeys;
  if (out.has("choices")) {
    const completion = (message: object, finish: string) => ({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1_791_402_526,
      model: shape.id,
      choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finish }],
      usage,
    });
    answers["chat completion"] = completion({ content: "Hello there." }, "stop");
    answers["chat completion with a tool call"] = completion(
      {
        content: null,
        tool_calls: [
          {
            id: "call4f2a9",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Lisbon"}' },
          },
        ],
      },
      "tool_calls",
    );
  } else if (out.has("response") && shape.task === "Text Generation") {
    answers.text = { response: "Hello there.", usage };
    if (out.has("tool_calls"))
      answers["tool call"] = {
        response: "",
        tool_calls: [{ name: "get_weather", arguments: { city: "Lisbon" } }],
        usage,
      };
  }
  if (out.has("shape") && out.has("data"))
    answers.embedding = { shape: [1, 3], data: [[0.1, 0.2, 0.3]], pooling: "mean" };
  if (asyncBatch && out.has("request_id")) answers["async response"] = { request_id: "b7f1c2" };
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const scored = [{ label: "POSITIVE", score: 0.98 }];
  switch (shape.task) {
    case "Text Generation":
      // A model that publishes its answer as any object (gpt-oss-120b) gets a chat completion.
      if (out.size === 0)
        answers["chat completion"] = {
          id: "chatcmpl-1",
          object: "chat.completion",
          created: 1_791_402_526,
          model: shape.id,
          choices: [
            { index: 0, message: { role: "assistant", content: "Hi." }, finish_reason: "stop" },
          ],
          usage,
        };
      break;
    case "Text-to-Image":
      answers.image = out.has("image") ? { image: "iVBORw0KGgo=" } : png;
      break;
    case "Text-to-Speech":
      answers.audio = out.has("audio")
        ? { audio: "SUQzBAAAAAAA" }
        : new Uint8Array([0x49, 0x44, 0x33]);
      break;
    case "Text Classification":
      answers.classification = out.has("response") ? { response: [{ id: 0, score: 0.9 }] } : scored;
      break;
    case "Image Classification":
      answers.classification = scored;
      break;
    case "Object Detection":
      answers.detection = [
        { label: "cat", score: 0.9, box: { xmin: 1, ymin: 2, xmax: 30, ymax: 40 } },
      ];
      break;
    case "Translation":
      answers.translation = out.has("translations")
        ? { translations: ["नमस्ते"] }
        : { translated_text: "Bonjour" };
      break;
    case "Summarization":
      answers.summary = { summary: "A short text." };
      break;
    case "Image-to-Text":
      if (out.has("description")) answers.description = { description: "A cat on a mat." };
      break;
    case "Automatic Speech Recognition":
      answers.transcript = out.has("results")
        ? { results: { channels: [{ alternatives: [{ transcript: "hello", confidence: 0.9 }] }] } }
        : { text: "hello world", word_count: 2 };
      break;
    case "Voice Activity Detection":
      answers.turn = { is_complete: true, probability: 0.93 };
      break;
  }
  return answers;
}
