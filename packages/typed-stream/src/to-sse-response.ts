import { encodeSSE } from "./encode-sse.js";
import type { EncodeSSEOptions, ValueSource } from "./types.js";

/**
 * Wraps values in a streaming server-sent-events `Response`, ready to return from a
 * Worker's `fetch` handler to a browser's `EventSource` or `fetch`. The body is
 * {@link encodeSSE}'s; the headers are `content-type: text/event-stream;
 * charset=utf-8` and `cache-control: no-cache, no-transform` (so that proxies neither
 * cache nor buffer it), unless `init.headers` sets them.
 *
 * @param source - The values: a stream, an iterable or an async iterable.
 * @param init - The response's status, status text and headers, and the
 *   {@link EncodeSSEOptions}.
 *
 * @example
 * ```ts
 * import { TypedReadableStream, toSSEResponse } from "@wai/typed-stream";
 *
 * export default {
 *   fetch() {
 *     const ticks = TypedReadableStream.from([1, 2, 3]).map((n) => ({ tick: n }));
 *     return toSSEResponse(ticks, { headers: { "access-control-allow-origin": "*" } });
 *   },
 * };
 * ```
 */
export function toSSEResponse<T>(
  source: ValueSource<T>,
  init?: ResponseInit & EncodeSSEOptions<T>,
): Response {
  const headers = new Headers(init?.headers);
  if (!headers.has("content-type")) headers.set("content-type", "text/event-stream; charset=utf-8");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-cache, no-transform");
  return new Response(encodeSSE(source, init), {
    status: init?.status ?? 200,
    ...(init?.statusText === undefined ? {} : { statusText: init.statusText }),
    headers,
  });
}
