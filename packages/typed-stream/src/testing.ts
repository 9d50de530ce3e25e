/**
 * Helpers for testing code that reads byte streams: SSE text from values, bytes cut at
 * chosen or random places, and a byte stream that records how it was read. Published
 * on `@wai/typed-stream/test`; the package's own tests use them, and so can yours.
 *
 * @example
 * ```ts
 * import { decodeJSONEvents } from "@wai/typed-stream";
 * import { byteStream, cut, encodeText, sseText } from "@wai/typed-stream/test";
 *
 * const bytes = encodeText(sseText([{ response: "Hé" }, { response: "llo" }]));
 * // Cut inside the "é" (two bytes in UTF-8): the decoder must put it back together.
 * const source = byteStream(cut(bytes, [21]));
 * console.log(await decodeJSONEvents(source).toArray()); // [{ response: "Hé" }, { response: "llo" }]
 * console.log(source.pulls(), source.cancelled()); // 2 { reason: undefined }: cancelled at [DONE]
 * ```
 *
 * @module
 */

/**
 * SSE text of values, one `data: <JSON>` event each, then `data: [DONE]` unless
 * `done` is `false`.
 *
 * @param options.lineBreak - The line break to use (`"\n"`, `"\r\n"` or `"\r"`).
 */
export function sseText(
  values: readonly unknown[],
  options: { lineBreak?: string | undefined; done?: boolean | undefined } = {},
): string {
  const nl = options.lineBreak ?? "\n";
  let text = "";
  for (const value of values) text += `data: ${JSON.stringify(value)}${nl}${nl}`;
  if (options.done !== false) text += `data: [DONE]${nl}${nl}`;
  return text;
}

/** UTF-8 bytes of a string. */
export const encodeText = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Cuts `bytes` at the given offsets (any order; duplicates and out-of-range ones ignored). */
export function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.filter((o) => o > 0 && o < bytes.length))].sort(
    (a, b) => a - b,
  );
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

/** Cuts `bytes` into chunks of `min` to `max` bytes, the same way every time for a `seed`. */
export function cutEvery(bytes: Uint8Array, min: number, max: number, seed = 1): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let state = seed;
  for (let start = 0; start < bytes.length; ) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const size = min + (state % (max - min + 1));
    chunks.push(bytes.subarray(start, start + size));
    start += size;
  }
  return chunks;
}

/** A byte stream made by {@link byteStream}. */
export type RecordingByteStream = ReadableStream<Uint8Array> & {
  /** How many times the stream was pulled (one chunk per pull). */
  pulls(): number;
  /** `{ reason }` once the stream was cancelled; `undefined` before. */
  cancelled(): { reason: unknown } | undefined;
};

/**
 * A byte stream that gives the chunks one per pull, only when read (high-water mark 0),
 * and records its pulls and its cancellation.
 */
export function byteStream(chunks: readonly Uint8Array[]): RecordingByteStream {
  let index = 0;
  let pulls = 0;
  let cancelled: { reason: unknown } | undefined;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls++;
        const chunk = chunks[index++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
      cancel(reason) {
        cancelled = { reason };
      },
    },
    { highWaterMark: 0 },
  );
  return Object.assign(stream, { pulls: () => pulls, cancelled: () => cancelled });
}
