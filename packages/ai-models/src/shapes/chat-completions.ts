/**
 * The OpenAI chat-completions response as the OpenAI-compatible models of Workers AI
 * (deepseek-v4, gemma-4, glm-5, kimi-k2, qwen3.8, nemotron...) publish it: the `choices`
 * and the `usage` of a `chat.completion`. Written by hand, imported by the generated
 * models; checked against each model's JSON Schema by the differential tests.
 *
 * @module
 */
import * as v from "valibot";
import { jsonObject } from "./json-object.js";
import { oneOf } from "./one-of.js";
import { type ToolCall, toolCallSchema } from "./tool-calls.js";

/** The log probability of one output token. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  /** The token's UTF-8 bytes, or null when it has none. */
  bytes: number[] | null;
}

/** The log probabilities of a message's tokens, each with the most likely alternatives. */
export type TokenLogprobs = (TokenLogprob & { top_logprobs: TokenLogprob[] })[] | null;

/** A call of a custom (free-form input) tool. */
export interface CustomToolCall {
  id: string;
  type: "custom";
  custom: {
    name: string;
    input: string;
  };
}

/** The assistant message of a {@link ChatCompletionsChoice}. */
export interface ChatCompletionsMessage {
  role: "assistant";
  content: string | null;
  /** The refusal, when the model refused; servers leave it out otherwise. */
  refusal?: string | null | undefined;
  /** Web search citations. */
  annotations?:
    | {
        type: "url_citation";
        url_citation: { url: string; title: string; start_index: number; end_index: number };
      }[]
    | undefined;
  audio?:
    | {
        id: string;
        /** Base64 encoded audio bytes. */
        data: string;
        expires_at: number;
        transcript: string;
      }
    | undefined;
  tool_calls?: (ToolCall | CustomToolCall)[] | undefined;
  /** The deprecated single function call. */
  function_call?: { name: string; arguments: string } | null | undefined;
}

/** One choice of a chat completion. */
export interface ChatCompletionsChoice {
  index: number;
  message: ChatCompletionsMessage;
  finish_reason: "stop" | "length" | "tool_calls" | "content_filter" | "function_call";
  /** Token log probabilities, when asked for; null or absent otherwise. */
  logprobs?:
    | {
        content?: TokenLogprobs | undefined;
        refusal?: TokenLogprobs | undefined;
      }
    | null
    | undefined;
}

/** The `choices` of a chat completion: at least one. */
export type ChatCompletionsChoices = ChatCompletionsChoice[];

/** The `usage` of a chat completion: token counts, with their details. */
export interface ChatCompletionsUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?:
    | {
        cached_tokens?: number | undefined;
        audio_tokens?: number | undefined;
      }
    | undefined;
  completion_tokens_details?:
    | {
        reasoning_tokens?: number | undefined;
        audio_tokens?: number | undefined;
        accepted_prediction_tokens?: number | undefined;
        rejected_prediction_tokens?: number | undefined;
      }
    | undefined;
}

const integer = v.pipe(v.number(), v.integer());
const bytes = v.union([v.array(integer), v.null()]);

const tokenLogprobsSchema = v.union([
  v.array(
    jsonObject({
      token: v.string(),
      logprob: v.number(),
      bytes,
      top_logprobs: v.array(jsonObject({ token: v.string(), logprob: v.number(), bytes })),
    }),
  ),
  v.null(),
]);

const messageSchema = jsonObject({
  role: v.picklist(["assistant"]),
  content: v.union([v.string(), v.null()]),
  refusal: v.optional(v.union([v.string(), v.null()])),
  annotations: v.optional(
    v.array(
      jsonObject({
        type: v.picklist(["url_citation"]),
        url_citation: jsonObject({
          url: v.string(),
          title: v.string(),
          start_index: integer,
          end_index: integer,
        }),
      }),
    ),
  ),
  audio: v.optional(
    jsonObject({
      id: v.string(),
      data: v.string(),
      expires_at: integer,
      transcript: v.string(),
    }),
  ),
  tool_calls: v.optional(
    v.array(
      oneOf([
        toolCallSchema,
        jsonObject({
          id: v.string(),
          type: v.picklist(["custom"]),
          custom: jsonObject({ name: v.string(), input: v.string() }),
        }),
      ]),
    ),
  ),
  function_call: v.optional(
    v.union([jsonObject({ name: v.string(), arguments: v.string() }), v.null()]),
  ),
});

/** The schema of {@link ChatCompletionsChoices}. Unknown keys are kept. */
export const chatCompletionsChoicesSchema = v.pipe(
  v.array(
    jsonObject({
      index: integer,
      message: messageSchema,
      finish_reason: v.picklist([
        "stop",
        "length",
        "tool_calls",
        "content_filter",
        "function_call",
      ]),
      logprobs: v.optional(
        v.union([
          jsonObject({
            content: v.optional(tokenLogprobsSchema),
            refusal: v.optional(tokenLogprobsSchema),
          }),
          v.null(),
        ]),
      ),
    }),
  ),
  v.minLength(1),
);

/** The schema of {@link ChatCompletionsUsage}. Unknown keys are kept. */
export const chatCompletionsUsageSchema = jsonObject({
  prompt_tokens: integer,
  completion_tokens: integer,
  total_tokens: integer,
  prompt_tokens_details: v.optional(
    jsonObject({
      cached_tokens: v.optional(integer),
      audio_tokens: v.optional(integer),
    }),
  ),
  completion_tokens_details: v.optional(
    jsonObject({
      reasoning_tokens: v.optional(integer),
      audio_tokens: v.optional(integer),
      accepted_prediction_tokens: v.optional(integer),
      rejected_prediction_tokens: v.optional(integer),
    }),
  ),
});
