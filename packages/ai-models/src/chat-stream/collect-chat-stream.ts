import type { ChatOutput, ChatStreamEvent, ChatToolCall } from "./chat-stream-event.js";

/**
 * Folds one event into an answer's final shape: the reducer behind
 * {@link collectChatStream}, for those who consume the events themselves. Start from
 * {@link emptyChatOutput}; `accumulator` is updated in place and returned.
 *
 * @param accumulator - The answer so far.
 * @param event - The next event.
 * @returns `accumulator`.
 *
 * @example
 * ```ts
 * import { emptyChatOutput, reduceChatStreamEvent } from "@wai/ai-models";
 *
 * const output = [
 *   { type: "text-delta", text: "Hel" },
 *   { type: "text-delta", text: "lo" },
 *   { type: "finish", reason: "stop" },
 * ] as const;
 * const answer = output.reduce(reduceChatStreamEvent, emptyChatOutput());
 * console.log(answer.text, answer.finishReason); // "Hello" "stop"
 * ```
 */
export function reduceChatStreamEvent(accumulator: ChatOutput, event: ChatStreamEvent): ChatOutput {
  switch (event.type) {
    case "text-delta":
      accumulator.text += event.text;
      break;
    case "reasoning-delta":
      accumulator.reasoning += event.text;
      break;
    case "tool-call": {
      const { type: _, ...call } = event;
      accumulator.toolCalls.push(call as ChatToolCall);
      break;
    }
    case "usage": {
      const { type: _, ...usage } = event;
      accumulator.usage = usage;
      break;
    }
    case "finish":
      accumulator.finishReason = event.reason;
      if (event.raw !== undefined) accumulator.rawFinishReason = event.raw;
      break;
  }
  return accumulator;
}

/**
 * The start of {@link reduceChatStreamEvent}: no text, no calls, no usage, and
 * `"truncated"` until a `finish` event says otherwise.
 *
 * @example
 * ```ts
 * import { emptyChatOutput } from "@wai/ai-models";
 *
 * console.log(emptyChatOutput().finishReason); // "truncated"
 * ```
 */
export function emptyChatOutput(): ChatOutput {
  return { text: "", reasoning: "", toolCalls: [], usage: undefined, finishReason: "truncated" };
}

/**
 * Reads a whole chat event stream (from `decodeChatStream`) into its final shape: the
 * text, the reasoning, the complete tool calls, the usage (`undefined` when not
 * reported) and the finish reason. It equals `normalizeChatOutput` of the same answer
 * given non-streamed. Rejects with the stream's error.
 *
 * @param events - A stream or async iterable of {@link ChatStreamEvent}s.
 * @returns The answer's {@link ChatOutput}.
 *
 * @example
 * ```ts
 * import { collectChatStream, decodeChatStream } from "@wai/ai-models";
 *
 * const body = new Response('data: {"response":"Hi"}\n\ndata: [DONE]\n\n');
 * const { text, finishReason } = await collectChatStream(decodeChatStream(body));
 * console.log(text, finishReason); // "Hi" "stop"
 * ```
 */
export async function collectChatStream(
  events: ReadableStream<ChatStreamEvent> | AsyncIterable<ChatStreamEvent>,
): Promise<ChatOutput> {
  let output = emptyChatOutput();
  for await (const event of events as AsyncIterable<ChatStreamEvent>) {
    output = reduceChatStreamEvent(output, event);
  }
  return output;
}
