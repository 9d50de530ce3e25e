// The synchronous core shared by decodeChatStream and normalizeChatOutput: it turns
// parsed chunks of either wire format (native `{response, tool_calls, usage, p}` and
// OpenAI `chat.completion.chunk`) into normalized events. No streams, no promises: the
// stream wrapper calls it once per chunk, so its cost is a few property reads per chunk.
import { AiModelsError } from "../ai-models-error.js";
import type {
  ChatFinishReason,
  ChatStreamEvent,
  ChatToolCall,
  ChatUsage,
} from "./chat-stream-event.js";

type JSONObject = Record<string, unknown>;

const isObject = (value: unknown): value is JSONObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Where a {@link ChatEventDecoder} puts its events: a stream's controller, or a collector. */
interface ChatEventSink {
  enqueue(event: ChatStreamEvent): void;
}

/** A tool call that is still receiving argument text. */
interface OpenCall {
  index: number;
  id: string | undefined;
  name: string | undefined;
  rawArguments: string;
  /** Whether `tool-call-start` was emitted (it waits for the name). */
  started: boolean;
}

const finishReasons: Record<string, ChatFinishReason> = {
  stop: "stop",
  eos: "stop",
  end_turn: "stop",
  length: "length",
  model_length: "length",
  max_tokens: "length",
  tool_calls: "tool-calls",
  function_call: "tool-calls",
  content_filter: "content-filter",
  error: "error",
};

/** Maps a wire `finish_reason` to a {@link ChatFinishReason}. */
function finishReasonOf(raw: string): ChatFinishReason {
  return Object.hasOwn(finishReasons, raw) ? (finishReasons[raw] as ChatFinishReason) : "other";
}

/** Parses a complete call's argument text; empty text is a call without arguments. */
function completeToolCall(
  index: number,
  id: string,
  name: string,
  rawArguments: string,
): ChatToolCall {
  if (rawArguments.trim() === "") return { index, id, name, rawArguments, arguments: {} };
  try {
    return { index, id, name, rawArguments, arguments: JSON.parse(rawArguments) };
  } catch (cause) {
    const argumentsError = new AiModelsError(
      `Tool call ${name || index} has arguments that are not JSON: ${(cause as Error).message}`,
      { code: "invalid-tool-arguments", data: rawArguments, cause },
    );
    return { index, id, name, rawArguments, argumentsError };
  }
}

const usageFields = [
  ["promptTokens", "prompt_tokens"],
  ["completionTokens", "completion_tokens"],
  ["totalTokens", "total_tokens"],
  ["neurons", "neurons"],
] as const;

/** Reads a wire usage object; a count that is not a number is left out, never 0. */
function usageOf(wire: JSONObject): ChatUsage {
  const usage: ChatUsage = { raw: wire };
  for (const [key, field] of usageFields) {
    const count = wire[field];
    if (typeof count === "number") usage[key] = count;
  }
  const details = wire.prompt_tokens_details;
  if (isObject(details) && typeof details.cached_tokens === "number") {
    usage.cachedTokens = details.cached_tokens;
  }
  return usage;
}

const summed = [
  "promptTokens",
  "completionTokens",
  "totalTokens",
  "cachedTokens",
  "neurons",
] as const;

function addUsage(total: ChatUsage | undefined, next: ChatUsage): ChatUsage {
  if (!total) return next;
  const sum: ChatUsage = { raw: next.raw };
  for (const key of summed) {
    const a = total[key];
    const b = next[key];
    if (a !== undefined || b !== undefined) sum[key] = (a ?? 0) + (b ?? 0);
  }
  return sum;
}

/** The counts whose running totals must never fall in a cumulative stream. */
const growing = ["promptTokens", "completionTokens", "totalTokens"] as const;

/**
 * The `usage` objects that OpenAI-format chunks carry, one per chunk, read in either of
 * the two conventions found in the wild, and the request's totals they give:
 *
 * - incremental: each chunk carries the tokens of that chunk and the totals are the
 *   sum (Workers AI's Gemma 4: `prompt_tokens` 147 on the first chunk, then 0;
 *   `completion_tokens` 0, then 1, 1, 1...);
 * - cumulative: each chunk carries the running totals and the totals are the last
 *   chunk's (vLLM-style servers: `prompt_tokens` 147 on every chunk, `completion_tokens`
 *   0, 1, 2, 3...).
 *
 * The rule: the usage is cumulative when every usage object reports the same
 * `prompt_tokens`, a number above 0, and none of `prompt_tokens`, `completion_tokens`
 * and `total_tokens` ever decreases from one usage object to the next (a count reported
 * on one and missing from the next is a decrease). Otherwise it is incremental, and
 * summed. A prompt is counted once per request, so an incremental stream reports it on
 * one chunk and 0 (or nothing) on the others; one that repeats it on every chunk is
 * restating a running total. With a single usage object both readings agree. When no
 * usage object reports a prompt count the conventions cannot be told apart, and the
 * counts are summed.
 */
class ChunkUsage {
  private sum: ChatUsage | undefined;
  private last: ChatUsage | undefined;
  /** Whether every usage object so far fits the cumulative convention. */
  private cumulative = false;

  add(usage: ChatUsage): void {
    const last = this.last;
    if (last === undefined) {
      this.cumulative = usage.promptTokens !== undefined && usage.promptTokens > 0;
    } else if (this.cumulative) {
      this.cumulative =
        usage.promptTokens === last.promptTokens &&
        growing.every((key) => {
          const before = last[key];
          const after = usage[key];
          return before === undefined || (after !== undefined && after >= before);
        });
    }
    this.sum = addUsage(this.sum, usage);
    this.last = usage;
  }

  /** The request's totals; `undefined` when no chunk carried usage. */
  total(): ChatUsage | undefined {
    return this.cumulative ? this.last : this.sum;
  }
}

const textOf = (value: unknown): string =>
  typeof value === "string" ? value : value == null ? "" : JSON.stringify(value);

/**
 * Decodes parsed chunks into {@link ChatStreamEvent}s, handed to the `out` sink given to
 * each call as they are made. Chunks are only read, never changed.
 */
export class ChatEventDecoder {
  /** The call receiving argument text; at most one is open at a time. */
  private active: OpenCall | undefined;
  /** The index a call without one gets: one past the highest index seen. */
  private nextIndex = 0;
  private sawToolCall = false;
  private finishRaw: string | undefined;
  /** Usage of a native chunk (the final trailer): the request's totals, so the last wins. */
  private trailerUsage: ChatUsage | undefined;
  /** Usage carried by OpenAI chunks, in either convention (see {@link ChunkUsage}). */
  private readonly chunkUsage = new ChunkUsage();

  /** Decodes one chunk; throws a {@link AiModelsError} `"invalid-chunk"` for a non-object. */
  push(chunk: unknown, out: ChatEventSink): void {
    if (!isObject(chunk)) {
      throw new AiModelsError("A chunk is not a JSON object", {
        code: "invalid-chunk",
        data: chunk,
      });
    }
    const { choices } = chunk;
    if (Array.isArray(choices)) {
      // OpenAI `chat.completion.chunk` (or `chat.completion`, whose `message` is read alike).
      const choice: unknown = choices[0];
      if (isObject(choice)) {
        const delta = isObject(choice.delta) ? choice.delta : choice.message;
        if (isObject(delta)) {
          const reasoning =
            typeof delta.reasoning_content === "string" && delta.reasoning_content !== ""
              ? delta.reasoning_content
              : delta.reasoning;
          if (typeof reasoning === "string" && reasoning !== "") {
            out.enqueue({ type: "reasoning-delta", text: reasoning });
          }
          const text = textOf(delta.content);
          if (text !== "") out.enqueue({ type: "text-delta", text });
          if (Array.isArray(delta.tool_calls)) this.toolCalls(delta.tool_calls, out);
        }
        this.finish(choice.finish_reason, out);
      }
      if (isObject(chunk.usage)) this.chunkUsage.add(usageOf(chunk.usage));
    } else {
      // Native `{response, tool_calls, usage, finish_reason, p}`; `p` is padding.
      const text = textOf(chunk.response);
      if (text !== "") out.enqueue({ type: "text-delta", text });
      if (Array.isArray(chunk.tool_calls)) this.toolCalls(chunk.tool_calls, out);
      this.finish(chunk.finish_reason, out);
      if (isObject(chunk.usage)) this.trailerUsage = usageOf(chunk.usage);
    }
  }

  /**
   * Ends the stream: closes the open call and emits `usage` (when reported) and
   * `finish`. `done` tells whether the done sentinel was seen.
   */
  end(done: boolean, out: ChatEventSink): void {
    this.close(out);
    // The trailer, when it came, holds the totals: it wins over per-chunk usage.
    const usage = this.trailerUsage ?? this.chunkUsage.total();
    if (usage) out.enqueue({ type: "usage", ...usage });
    if (this.finishRaw !== undefined) {
      out.enqueue({ type: "finish", reason: finishReasonOf(this.finishRaw), raw: this.finishRaw });
    } else if (done) {
      out.enqueue({ type: "finish", reason: this.sawToolCall ? "tool-calls" : "stop" });
    } else {
      out.enqueue({ type: "finish", reason: "truncated" });
    }
  }

  private finish(reason: unknown, out: ChatEventSink): void {
    if (typeof reason !== "string" || reason === "") return;
    this.close(out);
    this.finishRaw = reason;
  }

  private toolCalls(elements: readonly unknown[], out: ChatEventSink): void {
    // An empty array is a keep-alive. Elements are applied in order, so duplicate
    // indexes within one chunk merge into one call.
    for (const element of elements) if (isObject(element)) this.toolCall(element, out);
  }

  private toolCall(element: JSONObject, out: ChatEventSink): void {
    // The OpenAI-like shape nests name and arguments in `function`; the flat legacy
    // shape `{name, arguments}` does not.
    const fn = isObject(element.function) ? element.function : undefined;
    const name = fn ? fn.name : element.name;
    const args = fn ? fn.arguments : element.arguments;
    const { id } = element;
    // The null sentinel `{id: null, type: null, function: {name: null}}` closes the
    // active call.
    if (id === null && fn && name === null && (args == null || args === "")) {
      this.close(out);
      return;
    }
    let index: number;
    if (typeof element.index === "number") index = element.index;
    else {
      // Without an index, a fragment with neither id nor name continues the active call;
      // anything else is a new call.
      index =
        this.active && typeof name !== "string" && typeof id !== "string"
          ? this.active.index
          : this.nextIndex;
    }
    let call = this.active;
    if (call === undefined || call.index !== index) {
      // An index change closes the previous call: the only way a call ends mid-stream
      // besides the sentinel and a finish reason. Partial arguments that parse as JSON
      // never close a call.
      this.close(out);
      call = { index, id: undefined, name: undefined, rawArguments: "", started: false };
      this.active = call;
      this.sawToolCall = true;
      if (index >= this.nextIndex) this.nextIndex = index + 1;
    }
    if (call.id === undefined && typeof id === "string" && id !== "") call.id = id;
    if (call.name === undefined && typeof name === "string" && name !== "") call.name = name;
    const fragment = textOf(args);
    if (!call.started && call.name !== undefined) this.start(call, out);
    if (fragment !== "") {
      call.rawArguments += fragment;
      if (call.started) {
        out.enqueue({
          type: "tool-call-delta",
          index: call.index,
          id: call.id as string,
          argumentsDelta: fragment,
        });
      }
    }
  }

  /** Emits `tool-call-start`, then any argument text that arrived before the name. */
  private start(call: OpenCall, out: ChatEventSink): void {
    call.started = true;
    call.id ??= `call_${call.index}`;
    call.name ??= "";
    out.enqueue({ type: "tool-call-start", index: call.index, id: call.id, name: call.name });
    if (call.rawArguments !== "") {
      out.enqueue({
        type: "tool-call-delta",
        index: call.index,
        id: call.id,
        argumentsDelta: call.rawArguments,
      });
    }
  }

  private close(out: ChatEventSink): void {
    const call = this.active;
    if (!call) return;
    this.active = undefined;
    if (!call.started) this.start(call, out);
    const complete = completeToolCall(
      call.index,
      call.id as string,
      call.name as string,
      call.rawArguments,
    );
    out.enqueue({ type: "tool-call", ...complete });
  }
}
