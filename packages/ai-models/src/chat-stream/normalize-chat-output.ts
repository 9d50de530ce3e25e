import { AiModelsError } from "../ai-models-error.js";
import { ChatEventDecoder } from "./chat-event-decoder.js";
import type { ChatOutput, ChatStreamEvent } from "./chat-stream-event.js";
import { emptyChatOutput, reduceChatStreamEvent } from "./collect-chat-stream.js";

type JSONObject = Record<string, unknown>;

const isObject = (value: unknown): value is JSONObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Tool calls of a whole answer, each at its position unless it names its index. */
function positioned(calls: unknown): unknown {
  if (!Array.isArray(calls)) return calls;
  return calls.map((call, index) =>
    isObject(call) && typeof call.index !== "number" ? { ...call, index } : call,
  );
}

/** The texts of the parts of `items` of the given type, joined. */
function texts(items: unknown, type: string): string {
  if (!Array.isArray(items)) return "";
  let text = "";
  for (const item of items)
    if (isObject(item) && item.type === type && typeof item.text === "string") text += item.text;
  return text;
}

/**
 * A Responses-API output (gpt-oss: `{output: [message | reasoning | function_call],
 * output_text, usage: {input_tokens, output_tokens, total_tokens}}`) as the
 * `chat.completion` it stands for, so that one decoder reads both.
 */
function fromResponses(body: JSONObject, output: readonly unknown[]): JSONObject {
  let content = "";
  let reasoning = "";
  const toolCalls: JSONObject[] = [];
  for (const item of output) {
    if (!isObject(item)) continue;
    if (item.type === "message") {
      content += texts(item.content, "output_text") + texts(item.content, "refusal");
    } else if (item.type === "reasoning") {
      // The full reasoning when given, else its summary.
      reasoning += texts(item.content, "reasoning_text") || texts(item.summary, "summary_text");
    } else if (item.type === "function_call") {
      toolCalls.push({
        index: toolCalls.length,
        id: item.call_id ?? item.id,
        type: "function",
        function: { name: item.name, arguments: item.arguments },
      });
    }
  }
  if (content === "" && typeof body.output_text === "string") content = body.output_text;
  const incomplete = isObject(body.incomplete_details) ? body.incomplete_details.reason : undefined;
  const finish =
    incomplete === "max_output_tokens"
      ? "length"
      : incomplete === "content_filter"
        ? "content_filter"
        : toolCalls.length > 0
          ? "tool_calls"
          : "stop";
  const usage = isObject(body.usage)
    ? {
        ...body.usage,
        prompt_tokens: body.usage.input_tokens,
        completion_tokens: body.usage.output_tokens,
        total_tokens: body.usage.total_tokens,
      }
    : undefined;
  return {
    choices: [
      {
        index: 0,
        message: { content, reasoning_content: reasoning, tool_calls: toolCalls },
        finish_reason: finish,
      },
    ],
    ...(usage && { usage }),
  };
}

/**
 * Whether `body` is a chat answer: an object with a native `response` (any value: a
 * string, `null`, or JSON mode's object) or `tool_calls` array, an OpenAI `choices`
 * array, or a Responses-API `output` array.
 */
function isChatAnswer(body: unknown): body is JSONObject {
  return (
    isObject(body) &&
    (Object.hasOwn(body, "response") ||
      Array.isArray(body.tool_calls) ||
      Array.isArray(body.choices) ||
      Array.isArray(body.output))
  );
}

/** What a value that is not a chat answer is, for the error's message. */
function described(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") {
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
  }
  if (typeof value !== "object") return `a ${typeof value} (${String(value)})`;
  if (value instanceof ReadableStream) {
    return "a ReadableStream (a streamed answer: decode it with decodeChatStream)";
  }
  if (value instanceof Response) {
    return "a Response (decode a streamed one with decodeChatStream, or read a JSON one with `await response.json()` first)";
  }
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" && name !== "" ? `a ${name}` : "an object of a class";
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return "an empty object";
  const shown = keys.slice(0, 8).join(", ");
  return `an object with keys ${shown}${keys.length > 8 ? ", ..." : ""}`;
}

/**
 * Normalizes a non-streamed chat output of any model family to the same final shape a
 * streamed answer gives with `collectChatStream`: `{text, reasoning, toolCalls, usage,
 * finishReason}`. It reads:
 *
 * - native outputs `{response, tool_calls, usage}`, whose tool calls are flat
 *   `{name, arguments: object}` (legacy models) or `{id, type, function: {name,
 *   arguments}}` (Llama 4);
 * - OpenAI `chat.completion` outputs: `choices[0].message` with `content`,
 *   `reasoning_content` or `reasoning`, `tool_calls` with string arguments, and
 *   `choices[0].finish_reason`;
 * - Responses-API outputs (gpt-oss with `input`): `output` items of type `message`
 *   (`output_text` parts), `reasoning` and `function_call`, `usage` in input/output
 *   tokens, and `incomplete_details` (`max_output_tokens` is `"length"`);
 * - either of them inside the REST envelope `{result, success}`.
 *
 * A non-string `response` (JSON mode) is `JSON.stringify`-ed into `text`. Usage that
 * was not reported is `undefined`. Without a finish reason, the reason is
 * `"tool-calls"` when there are tool calls and `"stop"` otherwise. The output is read,
 * never changed.
 *
 * @param output - What `env.AI.run(model, inputs)` resolved to.
 * @returns The answer's {@link ChatOutput}.
 * @throws {@link AiModelsError} `"invalid-output"` when `output` is not a chat answer of
 *   one of these shapes (a stream, a `Response`, an embedding `{shape, data}`, a string,
 *   `null`...); the message says what it got and `data` is `output`.
 *
 * @example
 * ```ts
 * import { normalizeChatOutput } from "@wai/ai-models";
 *
 * const answer = normalizeChatOutput({
 *   response: null,
 *   tool_calls: [{ name: "weather", arguments: { city: "Paris" } }],
 *   usage: { prompt_tokens: 30, completion_tokens: 8, total_tokens: 38 },
 * });
 * console.log(answer.toolCalls[0]?.arguments, answer.finishReason); // { city: "Paris" } "tool-calls"
 * ```
 */
export function normalizeChatOutput(output: unknown): ChatOutput {
  let body = output;
  if (isObject(body) && isObject(body.result) && typeof body.success === "boolean") {
    body = body.result;
  }
  if (!isChatAnswer(body)) {
    throw new AiModelsError(
      `normalizeChatOutput reads a chat answer ({response}, {choices} or {output}), not ${described(output)}`,
      { code: "invalid-output", data: output },
    );
  }
  // The whole answer is decoded as one chunk of its format, so that it gives exactly
  // what the stream of the same answer gives.
  const answer =
    Array.isArray(body.output) && !Array.isArray(body.choices)
      ? fromResponses(body, body.output)
      : body;
  let chunk: JSONObject;
  if (Array.isArray(answer.choices)) {
    const [first] = answer.choices as unknown[];
    const choice =
      isObject(first) && isObject(first.message)
        ? {
            ...first,
            message: { ...first.message, tool_calls: positioned(first.message.tool_calls) },
          }
        : first;
    chunk = { ...answer, choices: [choice] };
  } else {
    chunk = { ...answer, tool_calls: positioned(answer.tool_calls) };
  }
  const result = emptyChatOutput();
  const collect = { enqueue: (event: ChatStreamEvent) => reduceChatStreamEvent(result, event) };
  const decoder = new ChatEventDecoder();
  decoder.push(chunk, collect);
  decoder.end(true, collect);
  return result;
}
