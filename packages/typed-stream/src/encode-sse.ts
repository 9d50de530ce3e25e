import { pump, readerOf, TypedReadableStream } from "./typed-readable-stream.js";
import { TypedStreamError } from "./typed-stream-error.js";
import type { EncodeSSEOptions, ValueSource } from "./types.js";

const lineBreaks = /\r\n?|\n/g;

/**
 * Encodes values as server-sent events: each value becomes one event,
 * `data: <JSON>\n\n` by default, and a last `data: [DONE]` event follows when the
 * source ends. The inverse of {@link decodeJSONEvents}:
 * `decodeJSONEvents(encodeSSE(values))` yields the values again.
 *
 * Values are read from the source one at a time, as the returned byte stream is read,
 * and cancelling it cancels the source.
 *
 * When the source errors midway (or `serialize` or `event` throws, or the serializer
 * gives no string: `"unserializable-value"`), the stream does not break off: it ends
 * cleanly with a last event named `error`, instead of the done event, whose data is
 * the error's `name`, its `code` when it has one (a string or a number, such as a
 * {@link TypedStreamError}'s code or a Node system error's), and its `message`, as JSON:
 *
 * ```text
 * event: error
 * data: {"name":"TypedStreamError","code":"schema-mismatch","message":"Schema mismatch: ..."}
 * ```
 *
 * Nothing else of the error is written (no stack, cause or data), but the message is
 * written as it is: map an error whose message is not for the browser's eyes before
 * it gets here. A browser's `EventSource` hands this event to its `"error"` listeners
 * as a `MessageEvent` with `data` (its own connection errors are plain `Event`s,
 * without `data`). {@link decodeJSONEvents} does not read event names: it would yield
 * the error's JSON as a value (`requireDone` and a schema catch it).
 *
 * @param source - The values: a stream, an iterable or an async iterable.
 * @param options - See {@link EncodeSSEOptions}.
 * @returns A stream of UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { encodeSSE } from "@wai/typed-stream";
 *
 * const bytes = encodeSSE([{ text: "hi" }], { event: "delta" });
 * console.log(await new Response(bytes).text());
 * // event: delta
 * // data: {"text":"hi"}
 * //
 * // data: [DONE]
 * ```
 */
export function encodeSSE<T>(
  source: ValueSource<T>,
  options?: EncodeSSEOptions<T>,
): TypedReadableStream<Uint8Array> {
  const serialize = options?.serialize ?? JSON.stringify;
  const event = options?.event;
  const done = options?.done ?? "[DONE]";
  const encoder = new TextEncoder();
  const frame = (data: string, name?: string) =>
    encoder.encode(
      `${name === undefined ? "" : `event: ${name}\n`}data: ${data.replace(lineBreaks, "\ndata: ")}\n\n`,
    );

  return pump<T, Uint8Array>(
    readerOf(TypedReadableStream.from(source)),
    (value, sink) => {
      const data: unknown = serialize(value);
      if (typeof data !== "string") {
        throw new TypedStreamError(`Unserializable value (serializer gave ${data})`, {
          code: "unserializable-value",
          data: value,
        });
      }
      sink.enqueue(frame(data, typeof event === "function" ? event(value) : event));
    },
    (sink) => {
      if (done !== false) sink.enqueue(frame(done));
      sink.close();
    },
    // An error ends the stream with an error event: its name, code and message only.
    (error, sink) => {
      const { name = "Error", code, message = String(error) } = Object(error);
      sink.enqueue(
        frame(
          JSON.stringify({
            name: `${name}`,
            code: typeof code === "string" || typeof code === "number" ? code : undefined,
            message: `${message}`,
          }),
          "error",
        ),
      );
      sink.close();
    },
  );
}
