import { sseStream } from "./sse-stream.js";
import type { TypedReadableStream } from "./typed-readable-stream.js";
import type { ByteSource, DecodeSSEOptions, SSEEvent } from "./types.js";

/**
 * Decodes server-sent events from bytes, with eventsource-parser.
 *
 * Bytes are decoded as bytes: a UTF-8 character or a CR / LF / CRLF line break split
 * across chunks comes out intact, and invalid UTF-8 errors the stream
 * (`"invalid-utf8"`). Each event is delivered as soon as its blank line arrives; a chunk
 * is read only when the consumer asks for an event and none is waiting, and cancelling
 * the returned stream cancels the input.
 *
 * Outcomes of bad input, each a {@link TypedStreamError}:
 * - a malformed line: `"invalid-sse-line"`, or skipped and reported with `onInvalid`;
 * - a `Response` that is not ok: `"http-error"`, with its status and body;
 * - an event longer than `maxEventSize` (1 MiB by default), or a line that never ends:
 *   `"event-too-large"`, after every event before it, whatever the chunking;
 * - an input that errors: the stream errors with the input's own error, after every
 *   event completed before it.
 *
 * A last event that the input ends without its blank line is still delivered.
 * Comments (`: keep-alive`) are ignored, as the SSE specification says.
 *
 * @param input - A byte stream, such as `env.AI.run(..., { stream: true })` returns, or
 *   a `Response`.
 * @param options - See {@link DecodeSSEOptions}.
 * @returns A stream of {@link SSEEvent}.
 *
 * @example
 * ```ts
 * import { decodeSSE } from "@wai/typed-stream";
 *
 * const response = new Response("event: greeting\ndata: hello\n\ndata: world\n\n");
 * for await (const event of decodeSSE(response)) {
 *   console.log(event.event, event.data); // "greeting" "hello", then undefined "world"
 * }
 * ```
 */
export function decodeSSE(
  input: ByteSource,
  options?: DecodeSSEOptions,
): TypedReadableStream<SSEEvent> {
  return sseStream<SSEEvent>(input, { ...options, event: (event) => ({ value: event }) });
}
