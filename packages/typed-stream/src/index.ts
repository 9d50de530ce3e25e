/**
 * A typed `ReadableStream<T>` with combinators, and byte-exact decoding and encoding
 * of server-sent events and JSON events, for Node and Cloudflare Workers.
 *
 * @module
 */
export { decodeJSONEvents } from "./decode-json-events.js";
export { decodeSSE } from "./decode-sse.js";
export { encodeSSE } from "./encode-sse.js";
export { toSSEResponse } from "./to-sse-response.js";
export {
  type StreamTransformer,
  type TransformController,
  type TransformOptions,
  transform,
} from "./transform.js";
export { TypedReadableStream } from "./typed-readable-stream.js";
export {
  TypedStreamError,
  type TypedStreamErrorCode,
  type TypedStreamErrorOptions,
} from "./typed-stream-error.js";
export type {
  ByteSource,
  DecodeJSONEventsOptions,
  DecodeSSEOptions,
  EncodeSSEOptions,
  InvalidInputHandler,
  JSONEventOf,
  SSEEvent,
  StandardSchemaV1,
  ValueSource,
} from "./types.js";
