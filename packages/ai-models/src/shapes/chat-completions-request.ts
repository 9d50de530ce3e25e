/**
 * Parts of the OpenAI chat-completions request as the OpenAI-compatible models of Workers
 * AI (deepseek-v4, gemma-4, glm-5, kimi-k2, qwen3.8, nemotron...) publish it: `tools`,
 * `tool_choice` and `response_format`. Written by hand, imported by the generated models;
 * checked against each model's JSON Schema by the differential tests.
 *
 * @module
 */
import * as v from "valibot";
import { jsonObject } from "./json-object.js";
import { oneOf } from "./one-of.js";

/** A function tool: its name, what it does, and its parameters as a JSON Schema object. */
export interface ChatCompletionsFunction {
  /** The name of the function to be called. */
  name: string;
  /** A description of what the function does. */
  description?: string;
  /** The parameters the function accepts, described as a JSON Schema object. */
  parameters?: { [key: string]: unknown };
  /** Whether to enable strict schema adherence (default false). */
  strict?: boolean | null;
}

/** A custom tool, whose input is free text (optionally constrained by a grammar). */
export interface ChatCompletionsCustomTool {
  name: string;
  description?: string;
  format?:
    | { type: "text" }
    | { type: "grammar"; grammar: { definition: string; syntax: "lark" | "regex" } };
}

/** The `tools` of a request: function tools and custom tools. */
export type ChatCompletionsTools = (
  | { type: "function"; function: ChatCompletionsFunction }
  | { type: "custom"; custom: ChatCompletionsCustomTool }
)[];

/** The `tool_choice` of a request: a mode, one tool to force, or a subset of the tools. */
export type ChatCompletionsToolChoice =
  | "none"
  | "auto"
  | "required"
  /** Force a specific function tool. */
  | { type: "function"; function: { name: string } }
  /** Force a specific custom tool. */
  | { type: "custom"; custom: { name: string } }
  /** Constrain to an allowed subset of tools. */
  | {
      type: "allowed_tools";
      allowed_tools: {
        mode: "auto" | "required";
        tools: { [key: string]: unknown }[];
      };
    };

/** The `response_format` of a request: text, any JSON object, or JSON fitting a schema. */
export type ChatCompletionsResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | {
      type: "json_schema";
      json_schema: {
        name: string;
        description?: string;
        schema?: { [key: string]: unknown };
        strict?: boolean | null;
      };
    };

const anyObject = jsonObject({});
const strict = v.union([v.boolean(), v.null()]);

/** The schema of {@link ChatCompletionsFunction}. Unknown keys are kept. */
export const chatCompletionsFunctionSchema = jsonObject({
  name: v.string(),
  description: v.optional(v.string()),
  parameters: v.optional(anyObject),
  strict: v.optional(strict, false),
});

/** The schema of {@link ChatCompletionsTools}. Unknown keys are kept. */
export const chatCompletionsToolsSchema = v.array(
  oneOf([
    jsonObject({
      type: v.picklist(["function"]),
      function: chatCompletionsFunctionSchema,
    }),
    jsonObject({
      type: v.picklist(["custom"]),
      custom: jsonObject({
        name: v.string(),
        description: v.optional(v.string()),
        format: v.optional(
          oneOf([
            jsonObject({ type: v.picklist(["text"]) }),
            jsonObject({
              type: v.picklist(["grammar"]),
              grammar: jsonObject({
                definition: v.string(),
                syntax: v.picklist(["lark", "regex"]),
              }),
            }),
          ]),
        ),
      }),
    }),
  ]),
);

/** The schema of {@link ChatCompletionsToolChoice}. Unknown keys are kept. */
export const chatCompletionsToolChoiceSchema = oneOf([
  v.picklist(["none", "auto", "required"]),
  jsonObject({
    type: v.picklist(["function"]),
    function: jsonObject({ name: v.string() }),
  }),
  jsonObject({
    type: v.picklist(["custom"]),
    custom: jsonObject({ name: v.string() }),
  }),
  jsonObject({
    type: v.picklist(["allowed_tools"]),
    allowed_tools: jsonObject({
      mode: v.picklist(["auto", "required"]),
      tools: v.array(anyObject),
    }),
  }),
]);

/** The schema of {@link ChatCompletionsResponseFormat}. Unknown keys are kept. */
export const chatCompletionsResponseFormatSchema = oneOf([
  jsonObject({ type: v.picklist(["text"]) }),
  jsonObject({ type: v.picklist(["json_object"]) }),
  jsonObject({
    type: v.picklist(["json_schema"]),
    json_schema: jsonObject({
      name: v.string(),
      description: v.optional(v.string()),
      schema: v.optional(anyObject),
      strict: v.optional(strict),
    }),
  }),
]);
