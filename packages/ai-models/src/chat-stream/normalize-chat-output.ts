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
 * - either of them inside the REST envelope `{result, success}`.
 *
 * A non-string `response` (JSON mode) is `JSON.stringify`-ed into `text`. Usage that
 * was not reported is `undefined`. Without a finish reason, the reason is
 * `"tool-calls"` when there are tool calls and `"stop"` otherwise. The output is read,
 * never changed.
 *
 * @param output - What `env.AI.run(model, inputs)` resolved to.
 * @returns The answer's {@link ChatOutput}.
 * @throws {@link AiModelsError} `"invalid-output"` when `output` is not an object.
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
  if (!isObject(body)) {
    throw new AiModelsError("A chat output is not a JSON object", {
      code: "invalid-output",
      data: output,
    });
  }
  // The whole answer is decoded as one chunk of its format, so that it gives exactly
  // what the stream of the same answer gives.
  let chunk: JSONObject;
  if (Array.isArray(body.choices)) {
    const [first] = body.choices as unknown[];
    const choice =
      isObject(first) && isObject(first.message)
        ? {
            ...first,
            message: { ...first.message, tool_calls: positioned(first.message.tool_calls) },
          }
        : first;
    chunk = { ...body, choices: [choice] };
  } else {
    chunk = { ...body, tool_calls: positioned(body.tool_calls) };
  }
  const events: ChatStreamEvent[] = [];
  const decoder = new ChatEventDecoder();
  decoder.push(chunk, events);
  decoder.end(true, events);
  return events.reduce(reduceChatStreamEvent, emptyChatOutput());
}
