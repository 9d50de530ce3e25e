import { decodeJSONEvents, TypedReadableStream, TypedStreamError } from "@wai/typed-stream";
import { ChatEventDecoder } from "./chat-event-decoder.js";
import { ChatStreamError, type ChatStreamErrorCode } from "./chat-stream-error.js";
import type { ChatStreamEvent } from "./chat-stream-event.js";

/** Options of {@link decodeChatStream}. */
export interface DecodeChatStreamOptions {
  /**
   * What to do with bad input: an event that is not JSON (`"invalid-json"`), JSON that
   * is not an object (`"invalid-chunk"`), a malformed SSE line (`"invalid-sse-line"`).
   *
   * - absent: the stream errors with that {@link ChatStreamError}, after every event
   *   before it was delivered.
   * - a function: the bad event or line is skipped and its error handed to the function.
   *
   * Invalid UTF-8, a `Response` that is not ok, and the source's own errors always
   * error the stream.
   *
   * @defaultValue undefined (error the stream)
   */
  onInvalid?: ((error: ChatStreamError) => void) | undefined;
}

const forwarded: ReadonlySet<string> = new Set<ChatStreamErrorCode>([
  "invalid-sse-line",
  "invalid-utf8",
  "invalid-json",
  "http-error",
]);

/** A typed-stream error as a ChatStreamError; anything else (an abort, a network error) as it is. */
function chatError(error: unknown): unknown {
  if (!TypedStreamError.isInstance(error) || !forwarded.has(error.code)) return error;
  return new ChatStreamError(error.message, {
    code: error.code as ChatStreamErrorCode,
    data: error.data,
    cause: error,
  });
}

/**
 * Decodes a streamed Workers AI chat answer (the bytes `env.AI.run(model, { ...inputs,
 * stream: true })` returns, or a `Response` of them) into one normalized event type
 * for every model family: `text-delta`, `reasoning-delta`, `tool-call-start`,
 * `tool-call-delta`, `tool-call`, then `usage` (when reported) and `finish`, always
 * last and exactly once.
 *
 * Both wire formats are read, chunk by chunk, even mixed in one stream: native
 * `{response, tool_calls, usage, finish_reason}` chunks and OpenAI
 * `chat.completion.chunk`s (`choices[0].delta.content`, `reasoning_content` or
 * `reasoning`, `tool_calls`), followed by the native usage trailer. Padding (`p`) and
 * unknown fields are ignored.
 *
 * - A tool call closes only on an index change, the null sentinel, a finish reason or
 *   the end of the stream, never because its partial arguments parse as JSON.
 *   Duplicate indexes in one chunk merge; object-valued arguments are stringified.
 * - Usage that was never reported gives no `usage` event; the final trailer's totals
 *   win over per-chunk counts, which are summed only when no trailer came.
 * - A stream that ends with neither `[DONE]` nor a finish reason finishes with reason
 *   `"truncated"`.
 * - Bytes are decoded as bytes: a UTF-8 character or a line break split across chunks
 *   comes out whole.
 * - Bad input errors the stream with a {@link ChatStreamError} (see `onInvalid`).
 *
 * Events are delivered as soon as their chunk's last byte arrives; the input is read
 * only as fast as the consumer reads, and cancelling the returned stream (or leaving a
 * `for await` loop early) cancels the input.
 *
 * @param input - A byte stream or a `Response`. It is read, never changed.
 * @param options - See {@link DecodeChatStreamOptions}.
 * @returns A typed stream of {@link ChatStreamEvent}s.
 *
 * @example
 * ```ts
 * import { decodeChatStream } from "@wai/ai-models";
 *
 * const body = new Response(
 *   'data: {"response":"Hel","p":"abc"}\n\n' +
 *     'data: {"response":"lo"}\n\n' +
 *     'data: {"response":"","usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}\n\n' +
 *     "data: [DONE]\n\n",
 * );
 * for await (const event of decodeChatStream(body)) {
 *   if (event.type === "text-delta") console.log(event.text); // "Hel", "lo"
 *   if (event.type === "finish") console.log(event.reason); // "stop"
 * }
 * ```
 */
export function decodeChatStream(
  input: ReadableStream<Uint8Array> | Response,
  options?: DecodeChatStreamOptions,
): TypedReadableStream<ChatStreamEvent> {
  const onInvalid = options?.onInvalid;
  const chunks = decodeJSONEvents(input, {
    requireDone: true,
    onInvalid: onInvalid && ((error) => onInvalid(chatError(error) as ChatStreamError)),
  })[Symbol.asyncIterator]();
  const decoder = new ChatEventDecoder();
  // Events decoded but not yet read; one chunk gives zero or more.
  const queue: ChatStreamEvent[] = [];
  let head = 0;
  let ended = false;

  const end = (done: boolean) => {
    ended = true;
    decoder.end(done, queue);
    return next();
  };
  const onChunk = (result: IteratorResult<unknown>) => {
    if (result.done) return end(true);
    try {
      decoder.push(result.value, queue);
    } catch (error) {
      if (!onInvalid || !ChatStreamError.isInstance(error)) throw error;
      onInvalid(error);
    }
    return next();
  };
  const onError = (error: unknown) => {
    // decodeJSONEvents tells a source that ended before `[DONE]` by this error, after
    // every event before it was delivered.
    if (TypedStreamError.isInstance(error) && error.code === "truncated") return end(false);
    throw chatError(error);
  };
  // Queued events are handed over synchronously: only reading a chunk costs a promise.
  const next = (): IteratorResult<ChatStreamEvent> | Promise<IteratorResult<ChatStreamEvent>> => {
    if (head < queue.length) {
      const value = queue[head++] as ChatStreamEvent;
      if (head === queue.length) queue.length = head = 0;
      return { done: false, value };
    }
    if (ended) return { done: true, value: undefined };
    return chunks.next().then(onChunk, onError);
  };
  const iterator = {
    next,
    return: async (reason?: unknown) => {
      // The typed stream passes the cancel reason here; it cancels the input.
      await (chunks.return as ((reason?: unknown) => Promise<unknown>) | undefined)?.(reason);
      return { done: true as const, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  // TypedReadableStream.from awaits only what is a promise, so a synchronous result is
  // delivered without one.
  return TypedReadableStream.from(iterator as unknown as AsyncIterable<ChatStreamEvent>);
}
