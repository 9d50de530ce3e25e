import type { AiModelsError } from "../ai-models-error.js";

/**
 * A piece of the answer's text.
 *
 * @example
 * ```ts
 * import type { TextDeltaEvent } from "@wai/ai-models";
 *
 * const event: TextDeltaEvent = { type: "text-delta", text: "Hel" };
 * ```
 */
export interface TextDeltaEvent {
  type: "text-delta";
  /** The new text; never empty. */
  text: string;
}

/**
 * A piece of the model's reasoning (`reasoning_content` or `reasoning` on the wire).
 *
 * @example
 * ```ts
 * import type { ReasoningDeltaEvent } from "@wai/ai-models";
 *
 * const event: ReasoningDeltaEvent = { type: "reasoning-delta", text: "The user wants" };
 * ```
 */
export interface ReasoningDeltaEvent {
  type: "reasoning-delta";
  /** The new reasoning text; never empty. */
  text: string;
}

/**
 * A tool call begins. Its argument text follows in `tool-call-delta` events, and the
 * complete call in one `tool-call` event.
 *
 * @example
 * ```ts
 * import type { ToolCallStartEvent } from "@wai/ai-models";
 *
 * const event: ToolCallStartEvent = { type: "tool-call-start", index: 0, id: "call_1", name: "weather" };
 * ```
 */
export interface ToolCallStartEvent {
  type: "tool-call-start";
  /** The call's position among the turn's calls (the wire's `index`, or its order). */
  index: number;
  /** The call's id; `call_<index>` when the model sent none (legacy models do not). */
  id: string;
  /** The tool's name; `""` when the model never sent one. */
  name: string;
}

/**
 * A piece of a tool call's argument text, as it arrived. Concatenated, the deltas of a
 * call are its `rawArguments`.
 *
 * @example
 * ```ts
 * import type { ToolCallDeltaEvent } from "@wai/ai-models";
 *
 * const event: ToolCallDeltaEvent = { type: "tool-call-delta", index: 0, id: "call_1", argumentsDelta: '{"city":' };
 * ```
 */
export interface ToolCallDeltaEvent {
  type: "tool-call-delta";
  /** The call's index, as in its `tool-call-start`. */
  index: number;
  /** The call's id, as in its `tool-call-start`. */
  id: string;
  /** The new argument text; never empty. */
  argumentsDelta: string;
}

/** What every complete tool call has, parsed or not. */
interface ToolCallBase {
  /** The call's position among the turn's calls. */
  index: number;
  /** The call's id; `call_<index>` when the model sent none. */
  id: string;
  /** The tool's name; `""` when the model never sent one. */
  name: string;
  /**
   * The argument text as the model sent it (object-valued arguments are
   * `JSON.stringify`-ed), so that it can be logged or sent back to the model.
   */
  rawArguments: string;
}

/**
 * A complete tool call whose arguments are JSON. Empty argument text (a call without
 * arguments) parses as `{}`.
 */
export interface ParsedToolCall extends ToolCallBase {
  /** The parsed arguments, not yet validated against the tool's schema. */
  arguments: unknown;
  argumentsError?: undefined;
}

/** A complete tool call whose argument text is not JSON. */
export interface UnparsedToolCall extends ToolCallBase {
  arguments?: undefined;
  /** A {@link AiModelsError} of code `"invalid-tool-arguments"`, with the raw text as `data`. */
  argumentsError: AiModelsError;
}

/**
 * A complete tool call: its arguments parsed, or the reason they could not be.
 * Narrow with `if (call.argumentsError)`.
 *
 * @example
 * ```ts
 * import type { ChatToolCall } from "@wai/ai-models";
 *
 * function argumentsOf(call: ChatToolCall): unknown {
 *   if (call.argumentsError) throw call.argumentsError;
 *   return call.arguments;
 * }
 * ```
 */
export type ChatToolCall = ParsedToolCall | UnparsedToolCall;

/**
 * A complete tool call, emitted once when the call is closed: on the next call's index,
 * the null sentinel, a finish reason, or the end of the stream; never because the
 * partial arguments happened to parse.
 *
 * @example
 * ```ts
 * import type { ToolCallEvent } from "@wai/ai-models";
 *
 * const event: ToolCallEvent = {
 *   type: "tool-call",
 *   index: 0,
 *   id: "call_1",
 *   name: "weather",
 *   rawArguments: '{"city":"Paris"}',
 *   arguments: { city: "Paris" },
 * };
 * ```
 */
export type ToolCallEvent = ChatToolCall & { type: "tool-call" };

/**
 * Token counts, as Workers AI reported them. A count that was not reported is absent,
 * never 0.
 *
 * @example
 * ```ts
 * import type { ChatUsage } from "@wai/ai-models";
 *
 * const usage: ChatUsage = { promptTokens: 9, completionTokens: 2, totalTokens: 11, raw: {} };
 * ```
 */
export interface ChatUsage {
  /** `prompt_tokens`. */
  promptTokens?: number | undefined;
  /** `completion_tokens`. */
  completionTokens?: number | undefined;
  /** `total_tokens`. */
  totalTokens?: number | undefined;
  /** `prompt_tokens_details.cached_tokens`. */
  cachedTokens?: number | undefined;
  /** `neurons`, the Workers AI billing unit. */
  neurons?: number | undefined;
  /**
   * The usage object the counts come from, with every field Workers AI sent (new ones
   * too): the trailer's, or the last chunk's when the counts come from per-chunk usage
   * (summed from incremental counts, or that chunk's own running totals).
   */
  raw: Readonly<Record<string, unknown>>;
}

/**
 * The usage of the whole request, emitted once, just before `finish`, and only when the
 * stream reported usage. The final usage trailer's totals win over per-chunk counts.
 * Without a trailer, per-chunk counts give the totals in either convention: incremental
 * counts are summed, cumulative ones (running totals) are the last chunk's; see
 * `decodeChatStream` for the rule that tells them apart.
 *
 * @example
 * ```ts
 * import type { UsageEvent } from "@wai/ai-models";
 *
 * const event: UsageEvent = { type: "usage", promptTokens: 9, completionTokens: 2, totalTokens: 11, raw: {} };
 * ```
 */
export interface UsageEvent extends ChatUsage {
  type: "usage";
}

/**
 * Why the answer ended.
 *
 * - `"stop"`: the model finished (`stop`; also a stream that ended with `[DONE]` and no
 *   finish reason and no tool call).
 * - `"length"`: a token limit (`length`, `model_length`, `max_tokens`).
 * - `"tool-calls"`: the model wants tools run (`tool_calls`, `function_call`; also a
 *   `[DONE]` stream without finish reason that carried tool calls).
 * - `"content-filter"`: `content_filter`.
 * - `"error"`: the model reported an error (`error`).
 * - `"other"`: any other reason; the wire's value is in `raw`.
 * - `"truncated"`: the stream ended with neither `[DONE]` nor a finish reason.
 *
 * @example
 * ```ts
 * import type { ChatFinishReason } from "@wai/ai-models";
 *
 * const reason: ChatFinishReason = "tool-calls";
 * ```
 */
export type ChatFinishReason =
  | "stop"
  | "length"
  | "tool-calls"
  | "content-filter"
  | "error"
  | "other"
  | "truncated";

/**
 * The end of the answer: always the last event, exactly once.
 *
 * @example
 * ```ts
 * import type { FinishEvent } from "@wai/ai-models";
 *
 * const event: FinishEvent = { type: "finish", reason: "stop", raw: "stop" };
 * ```
 */
export interface FinishEvent {
  type: "finish";
  /** The normalized reason. */
  reason: ChatFinishReason;
  /** The wire's `finish_reason`, when there was one. */
  raw?: string | undefined;
}

/**
 * One event of a decoded chat stream, the same for every model family: a discriminated
 * union on `type`. In order: deltas and tool calls as they arrive, then `usage` (when
 * reported), then `finish`.
 *
 * @example
 * ```ts
 * import type { ChatStreamEvent } from "@wai/ai-models";
 *
 * function show(event: ChatStreamEvent): string {
 *   switch (event.type) {
 *     case "text-delta":
 *       return event.text;
 *     case "tool-call":
 *       return `${event.name}(${event.rawArguments})`;
 *     case "finish":
 *       return `[${event.reason}]`;
 *     default:
 *       return "";
 *   }
 * }
 * ```
 */
export type ChatStreamEvent =
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolCallEvent
  | UsageEvent
  | FinishEvent;

/**
 * The final shape of an answer, the same whether it was streamed
 * (`collectChatStream`) or not (`normalizeChatOutput`).
 *
 * @example
 * ```ts
 * import type { ChatOutput } from "@wai/ai-models";
 *
 * const output: ChatOutput = { text: "Hello", reasoning: "", toolCalls: [], usage: undefined, finishReason: "stop" };
 * ```
 */
export interface ChatOutput {
  /** The answer's text; `""` when there was none. */
  text: string;
  /** The model's reasoning; `""` when there was none. */
  reasoning: string;
  /** The complete tool calls, in order. */
  toolCalls: ChatToolCall[];
  /** The usage; `undefined` when it was not reported. */
  usage: ChatUsage | undefined;
  /** Why the answer ended. */
  finishReason: ChatFinishReason;
  /** The wire's `finish_reason`, when there was one. */
  rawFinishReason?: string | undefined;
}
