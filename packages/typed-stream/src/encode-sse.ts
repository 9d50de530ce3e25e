import { pump, readerOf, TypedReadableStream } from "./typed-readable-stream.js";
import type { EncodeSSEOptions, ValueSource } from "./types.js";

const lineBreaks = /\r\n|\r|\n/g;

/**
 * Encodes values as server-sent events: each value becomes one event,
 * `data: <JSON>\n\n` by default, and a last `data: [DONE]` event follows when the
 * source ends. The inverse of {@link decodeJSONEvents}:
 * `decodeJSONEvents(encodeSSE(values))` yields the values again.
 *
 * Values are read from the source one at a time, as the returned byte stream is read;
 * cancelling it cancels the source, and an error of the source errors it (without a
 * done event, so that a decoder can tell).
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
    (value, controller) => {
      controller.enqueue(
        frame(serialize(value), typeof event === "function" ? event(value) : event),
      );
      return true;
    },
    (controller) => {
      if (done !== false) controller.enqueue(frame(done));
      controller.close();
    },
  );
}
