import type { ByteSource, TypedReadableStream } from "@wai/typed-stream";
import { decodeSSE, type TypedStreamError, transform } from "@wai/typed-stream";
import { AiModelsError } from "../ai-models-error.js";
import { ChatEventDecoder } from "./chat-event-decoder.js";
import type { ChatStreamEvent } from "./chat-stream-event.js";

/** Options of {@link decodeChatStream}. */
export interface DecodeChatStreamOptions {
  /**
   * What to do with bad input: an event that is not JSON (`"invalid-json"`), JSON that
   * is not an object (`"invalid-chunk"`), a malformed SSE line (`"invalid-sse-line"`, a
   * `TypedStreamError`).
   *
   * - absent: the stream errors with that error, after every event before it was
   *   delivered.
   * - a function: the bad event or line is skipped and its error handed to the function.
   *
   * Invalid UTF-8, a `Response` that is not ok, a body that is JSON instead of SSE, and
   * the source's own errors always error the stream.
   *
   * @defaultValue undefined (error the stream)
   */
  onInvalid?: ((error: AiModelsError | TypedStreamError) => void) | undefined;
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
 * - Usage: the final native trailer `{"response":"","usage":{...}}` holds the request's
 *   totals and wins. Without it, the per-chunk `usage` of OpenAI chunks gives them, in
 *   either convention: incremental counts (each chunk's own tokens) are summed, and
 *   cumulative counts (running totals, as vLLM-style servers send) are read from the
 *   last chunk. Counts are cumulative when every chunk reports the same non-zero
 *   `prompt_tokens` and no count ever decreases; otherwise they are incremental. Usage
 *   that was never reported gives no `usage` event, and a count never reported is
 *   absent, never 0.
 * - A stream that ends with neither `[DONE]` nor a finish reason finishes with reason
 *   `"truncated"`.
 * - Bytes are decoded as bytes: a UTF-8 character or a line break split across chunks
 *   comes out whole.
 * - Bad input errors the stream (see `onInvalid`): an {@link AiModelsError} for an event
 *   that is not JSON or not a chunk, `@wai/typed-stream`'s `TypedStreamError` for bytes
 *   that are not SSE or not UTF-8, or a `Response` that is not ok.
 * - An answer that was not streamed (a model may answer JSON although asked to stream:
 *   the body starts with `{` and holds no event) errors the stream, once the body has
 *   ended, with an {@link AiModelsError} `"invalid-output"` saying so, whose `data` is
 *   the parsed body: give it to `normalizeChatOutput`, or run the model without
 *   `stream: true`.
 *
 * Events are delivered as soon as their chunk's last byte arrives; the input is read
 * only as fast as the consumer reads, and cancelling the returned stream (or leaving a
 * `for await` loop early) cancels the input.
 *
 * @param input - A byte stream or a `Response`, or a promise of one (what `env.AI.run`
 *   and `fetch` return): the stream exists at once and its first read waits for the
 *   promise. It is read, never changed.
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
  input: ByteSource,
  options?: DecodeChatStreamOptions,
): TypedReadableStream<ChatStreamEvent> {
  const onInvalid = options?.onInvalid;
  const decoder = new ChatEventDecoder();
  const invalid = (error: AiModelsError | TypedStreamError) => {
    if (!onInvalid) throw error;
    onInvalid(error);
  };

  // An answer that was not streamed is JSON: to SSE, its first line (`{...`) and every
  // other is a malformed line, and it has no event. So a malformed first line that
  // starts with `{` is held back with the lines after it, and the verdict waits: an
  // event proves it SSE after all (the held lines are then reported, or thrown, as any
  // malformed line), while the end of the input with no event proves it JSON. This
  // costs nothing per chunk. (The verdict is read from the events the transform has
  // seen, which may lag behind the SSE parser within one chunk: a malformed `{` line
  // after an event of the same chunk is then reported just before that event, not
  // after it.)
  let sawEvent = false;
  let heldLines: TypedStreamError[] | undefined;
  const onInvalidLine = (error: TypedStreamError) => {
    if (heldLines) heldLines.push(error);
    else if (!sawEvent && /^\s*\{/.test(String(error.data))) heldLines = [error];
    else invalid(error);
  };

  // One transform over the SSE events, read in place: no promise per event. The decoder
  // hands its events straight to the transform's controller.
  return transform(decodeSSE(input, { onInvalid: onInvalidLine }), {
    transform({ data }, controller) {
      if (heldLines) {
        const lines = heldLines;
        heldLines = undefined;
        for (const line of lines) invalid(line);
      }
      sawEvent = true;
      if (data === "[DONE]") {
        decoder.end(true, controller);
        controller.terminate();
        return;
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(data);
      } catch (cause) {
        return invalid(
          new AiModelsError(`Event data is not JSON: ${(cause as Error).message}`, {
            code: "invalid-json",
            data,
            cause,
          }),
        );
      }
      try {
        decoder.push(chunk, controller);
      } catch (error) {
        if (!AiModelsError.isInstance(error)) throw error;
        invalid(error);
      }
    },
    // The source ended without [DONE]: the decoder finishes, as truncated when no finish
    // reason came; or nothing but JSON came.
    flush(controller) {
      if (heldLines) throw notStreamed(heldLines);
      decoder.end(false, controller);
    },
  });
}

/** The error for an answer that was not streamed, whose `data` is the answer. */
function notStreamed(lines: readonly TypedStreamError[]): AiModelsError {
  // JSON has no line break inside a string, so its lines joined are the JSON again.
  const text = lines.map((line) => String(line.data)).join("\n");
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // Not even JSON: the text itself is the data.
  }
  return new AiModelsError(
    "The answer was not streamed: its body is JSON, not server-sent events (a model may answer JSON although asked to stream). Read it with normalizeChatOutput(error.data), or run the model without stream: true.",
    { code: "invalid-output", data },
  );
}
